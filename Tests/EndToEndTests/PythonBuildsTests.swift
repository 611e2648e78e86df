import Foundation
import Testing

/// The Python builds pyvs finds beside itself, as `pyvs list --pythons`
/// names them (read once).
enum Builds {
    static let names: Set<String> = {
        let run = CLI.run(["list", "--pythons"], timeout: 120)
        return Set(run.stdout.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first.map(String.init) })
    }()

    static var freeThreaded: Bool { names.contains("3.13t") }
}

/// Several Python builds in one run. The tests that need the free-threaded
/// build are skipped, with the reason, where it has not been built.
@Suite(.serialized) struct PythonBuildsTests {
    @Test func anUnknownBuildIsOneLineListingTheBuildsAndTheMakeCommand() {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--python", "2.7x"])
        #expect(run.status == 64)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("no Python build '2.7x'"))
        #expect(run.stderr.contains("make pythons"))
        #expect(run.stdout.isEmpty)
    }

    @Test func theListNamesThisBuildWithItsFacts() {
        let run = CLI.run(["list", "--pythons"], timeout: 120)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        // This pyvs's own build is always there, started and described.
        let rows = run.stdout.split(separator: "\n").dropFirst(2).filter { $0.contains("CPython 3.") }
        #expect(!rows.isEmpty, "\(run.stdout)")
        #expect(!run.stdout.contains("cannot start"), "\(run.stdout)")
    }

    @Test(.enabled(if: Builds.freeThreaded, "needs the free-threaded CPython: make pythons WHICH=free-threaded"))
    func theFreeThreadedBuildKeepsItsGILOffAfterEveryImport() throws {
        // Every Python row of the GIL study imports its modules; pyvs_native among them declares it needs no GIL.
        let run = CLI.run(["gil", "--quick", "--python", "3.13t", "--threads", "1,2", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        let rows = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        let python = rows.filter { ($0["id"] as? String).map { $0.hasPrefix("py.") || $0.hasPrefix("host.") } ?? false }
        #expect(!python.isEmpty)
        for row in python where row["status"] as? String == "ok" {
            #expect(row["gil_enabled"] as? Bool == false, "\(row["label"] ?? "?"): the GIL came back on")
            #expect(row["build"] as? String == "3.13t")
            #expect(row["result_ok"] as? Bool != false, "\(row["label"] ?? "?"): \(row["result"] ?? "")")
            #expect((row["verdict"] as? [String: Any])?["kind"] as? String != "serialised_by_gil", "\(row["verdict"] ?? "")")
        }
        #expect((doc["python"] as? [String: Any])?["free_threaded"] as? Bool == true)
    }

    @Test(.enabled(if: Builds.freeThreaded, "needs the free-threaded CPython: make pythons WHICH=free-threaded"))
    func threeBuildsSideBySideInOneReport() throws {
        let run = CLI.run(["run", "race", "--quick", "--python", "3.13t", "--python", "3.13t+gil", "--python", Builds.host,
                           "--only", "py.threads-unlocked,py.threads-lock,swift.mutex", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        let builds = try #require(doc["builds"] as? [[String: Any]])
        #expect(builds.compactMap { $0["name"] as? String } == ["3.13t", "3.13t+gil", Builds.host])
        #expect((builds[1]["environment"] as? [String: String]) == ["PYTHON_GIL": "1"])
        let rows = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        // Two Python variants on three builds, one Swift variant once.
        #expect(rows.count == 7)
        let labels = rows.compactMap { $0["label"] as? String }
        #expect(Set(labels).count == labels.count, "labels must be unique: \(labels)")
        #expect(labels.contains("py.threads-lock [3.13t+gil]"))
        for row in rows {
            let label = row["label"] as? String ?? "?"
            #expect(row["status"] as? String == "ok", "\(label): \(row["reason"] ?? "")")
            switch row["build"] as? String {
            case "3.13t": #expect(row["gil_enabled"] as? Bool == false, "\(label)")
            case "3.13t+gil": #expect(row["gil_enabled"] as? Bool == true, "\(label)")
            case .some: #expect(row["gil_enabled"] as? Bool == true, "\(label)")
            case nil: #expect(row["id"] as? String == "swift.mutex")
            }
            // The locked counter is exact on every build.
            if row["id"] as? String == "py.threads-lock" { #expect(row["result_ok"] as? Bool == true, "\(label)") }
        }
        #expect(CLI.leftBehind(by: run).isEmpty)
    }
}

extension Builds {
    /// This pyvs's own build's name.
    static var host: String {
        let run = CLI.run(["__build-name"], timeout: 30)
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

extension PythonBuildsTests {
    @Test(.enabled(if: Builds.freeThreaded, "needs the free-threaded CPython: make pythons WHICH=free-threaded"))
    func claimsGetAVerdictPerBuild() throws {
        let file = CLI.root.appendingPathComponent("fixtures/claims/builds.json").path
        let run = CLI.run(["claims", "--file", file, "--quick", "--python", Builds.host, "--python", "3.13t", "--format", "json", "--no-progress"])
        // Verdicts that do not hold are findings, not failures.
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(SchemaTests().problems(run.stdout, schema: "claims.schema.json") == "")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        #expect((doc["builds"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [Builds.host, "3.13t"])
        let claims = try #require(doc["claims"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: claims.compactMap { claim in (claim["id"] as? String).map { ($0, claim) } })
        #expect(byID["threads-no-speedup"]?["scope"] as? String == "gil-builds")
        let lock = try #require(byID["lock-loses-nothing"]?["builds"] as? [[String: Any]])
        #expect(lock.compactMap { $0["build"] as? String } == [Builds.host, "3.13t"])
        // A lock is exact on every build: the per-build verdicts are the figures, not a copy of the first.
        for verdict in lock { #expect(verdict["verdict"] as? String == "holds", "\(verdict)") }
        #expect(lock.first { $0["build"] as? String == "3.13t" }?["gil_enabled"] as? Bool == false)
        // A Swift row runs once: one verdict, not one per build.
        #expect(byID["mutex-loses-nothing"]?["builds"] == nil)
        // The table shows a column per build.
        let text = CLI.run(["claims", "--file", file, "--quick", "--python", Builds.host, "--python", "3.13t", "--no-progress", "--wide"])
        let header = text.stdout.split(separator: "\n").first { $0.contains("stated") } ?? ""
        #expect(header.contains("3.13t") && header.contains(Builds.host), "\(text.stdout)")
    }
}

extension PythonBuildsTests {
    @Test(.enabled(if: Builds.freeThreaded, "needs the free-threaded CPython: make pythons WHICH=free-threaded"))
    func pythonsOwnSubinterpretersRunWhereTheyAreImportable() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--python", "3.13t", "--only", "py.serial,py.subinterpreters",
                           "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        let importable = ((doc["python"] as? [String: Any])?["extras"] as? [String: Bool])?["interpreters"]
        let rows = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? String == "py.subinterpreters" })
        if importable == true {
            #expect(row["status"] as? String == "ok", "\(row["reason"] ?? "")")
            #expect(row["result_ok"] as? Bool == true, "\(row["result"] ?? "")")
        } else {
            // make pythons could not install the backport (no PyPI): the row says what it needs.
            #expect(row["status"] as? String == "skipped")
            #expect(CLI.reason(row).figures["requirement"] as? String == "interpreters")
        }
    }
}
