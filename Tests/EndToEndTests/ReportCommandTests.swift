import Contract
import Foundation
import Processes
import Testing

@Suite(.serialized) struct ReportCommandTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-report-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ReportCommandTests.folder) }  // shared by the suite's tests
        return url
    }()

    /// A saved quick run with 5 counted runs of two variants (enough samples for the test).
    static let saved: String = {
        let path = folder.appendingPathComponent("a.json").path
        _ = CLI.run(["run", "cpu-bound", "--quick", "--repeat", "5", "--only", "py.serial,swift.serial",
                     "--format", "json", "-o", path, "--no-progress"])
        return path
    }()

    @Test func reportRendersHTMLFromASavedRun() throws {
        let out = Self.folder.appendingPathComponent("r.html").path
        let run = CLI.run(["report", Self.saved, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.contains("py.serial") && page.contains("swift.serial") && page.contains("<svg"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }

    @Test func markdownReportWritesItsCharts() throws {
        let out = Self.folder.appendingPathComponent("r.md").path
        let run = CLI.run(["report", Self.saved, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = Self.folder.appendingPathComponent("r-cpu-bound-wall.svg").path
        #expect(FileManager.default.fileExists(atPath: svg))
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("](r-cpu-bound-wall.svg)"))
    }

    @Test func compareWithItselfIsNotSignificant() throws {
        let run = CLI.run(["compare", Self.saved, Self.saved, "--format", "json", "--fail-on-regression", "5"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(CLI.json(run.stdout)?["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["significant"] as? Bool == false && $0["verdict"] as? String == "not significant" })
    }

    /// The saved run with py.serial's five samples set to `scale` × its
    /// median × (1.00, 1.01, …, 1.04): a spread the machine cannot widen (on
    /// a busy machine one measured sample may be twice another, and a doubled
    /// copy would then overlap the original).
    func savedRun(named name: String, scale: Double) throws -> String {
        let data = try #require(FileManager.default.contents(atPath: Self.saved))
        var doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        var variants = try #require(scenarios[0]["variants"] as? [[String: Any]])
        var wall = try #require(variants[0]["wall_s"] as? [String: Any])
        let median = try #require(wall["median"] as? Double)
        let samples = (0..<5).map { scale * median * (1 + Double($0) / 100) }
        wall["samples"] = samples
        (wall["median"], wall["min"], wall["max"]) = (samples[2], samples[0], samples[4])
        variants[0]["wall_s"] = wall
        scenarios[0]["variants"] = variants
        doc["scenarios"] = scenarios
        let path = Self.folder.appendingPathComponent(name).path
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func doubledSamplesAreSignificantlySlower() throws {
        let fast = try savedRun(named: "fast.json", scale: 1), slow = try savedRun(named: "slow.json", scale: 2)
        let run = CLI.run(["compare", fast, slow, "--fail-on-regression", "50"])
        #expect(run.status == 1)
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("py.serial") })
        #expect(line.contains("slower by 100.0 %"))
        #expect(run.stdout.split(separator: "\n").first { $0.contains("swift.serial") }?.contains("not significant") == true)
        #expect(run.stderr.contains("significantly slower"))
    }

    @Test(arguments: [
        (["report", "/nonexistent/run.json"], 66, "cannot read /nonexistent/run.json"),
        (["compare", "/nonexistent/a.json", "/nonexistent/b.json"], 66, "cannot read"),
    ] as [([String], Int32, String)])
    func missingInputs(arguments: [String], code: Int32, message: String) {
        let run = CLI.run(arguments, timeout: 60)
        #expect(run.status == code)
        #expect(run.stderr.contains(message))
    }

    /// What is wrong with the first row of a saved run.
    enum Unsound: String, CaseIterable {
        case noWall = "is ok but has no wall_s"
        case negative = "wall_s: a negative or non-finite figure"
        case noSamples = "wall_s: no samples"

        func apply(_ row: inout [String: Any]) {
            var wall = row["wall_s"] as? [String: Any] ?? [:]
            switch self {
            case .noWall: row["wall_s"] = nil; return
            case .negative: wall["samples"] = [-1.0]
            case .noSamples: wall["samples"] = [Double]()
            }
            row["wall_s"] = wall
        }
    }

    @Test(arguments: Unsound.allCases)
    func unsoundReportsAreRefused(problem: Unsound) throws {
        let data = try Data(contentsOf: CLI.root.appendingPathComponent("fixtures/reports/run.json"))
        var doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        var rows = try #require(scenarios[0]["variants"] as? [[String: Any]])
        problem.apply(&rows[0])
        scenarios[0]["variants"] = rows
        doc["scenarios"] = scenarios
        let path = Self.folder.appendingPathComponent("unsound-\(problem).json").path
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
        for arguments in [["report", path, "--format", "table"], ["compare", path, path]] {
            let run = CLI.run(arguments)
            #expect(run.status == 65, "\(problem): \(arguments[0]): \(run.stderr)")
            #expect(run.stderr.contains(problem.rawValue), "\(problem): \(run.stderr)")
        }
    }

    /// The fixture run with its scenarios renamed and each wall sample scaled.
    func variant(of fixture: String, renamed: String? = nil, scale: Double = 1) throws -> String {
        let data = try Data(contentsOf: CLI.root.appendingPathComponent("fixtures/reports/run.json"))
        var doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        for index in scenarios.indices {
            if let renamed { scenarios[index]["name"] = renamed }
            var rows = scenarios[index]["variants"] as? [[String: Any]] ?? []
            for row in rows.indices {
                var wall = rows[row]["wall_s"] as? [String: Any] ?? [:]
                for key in ["median", "min", "max"] { wall[key] = (wall[key] as? Double ?? 0) * scale }
                wall["samples"] = (wall["samples"] as? [Double] ?? []).map { $0 * scale }
                rows[row]["wall_s"] = wall
            }
            scenarios[index]["variants"] = rows
        }
        doc["scenarios"] = scenarios
        let path = Self.folder.appendingPathComponent("\(fixture).json").path
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func comparingRunsWithNothingInCommonIsAnError() throws {
        let run = CLI.run(["compare", try variant(of: "a-run"), try variant(of: "b-other", renamed: "gil")])
        #expect(run.status == 65)
        #expect(run.stderr.contains("nothing to compare: "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func severalRunsAreEachComparedWithTheFirst() throws {
        let (a, b, c) = (try variant(of: "three-a"), try variant(of: "three-b", scale: 2), try variant(of: "three-c", scale: 0.5))
        let run = CLI.run(["compare", a, b, c, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(CLI.json(run.stdout))
        #expect(doc["schema"] as? String == "pyvs.compare-set/1")
        let comparisons = try #require(doc["comparisons"] as? [[String: Any]])
        #expect(comparisons.compactMap { $0["b"] as? String } == [b, c])
        #expect(abs((comparisons[0]["geometric_mean"] as? Double ?? 0) - 2) < 1e-9)
        #expect(abs((comparisons[1]["geometric_mean"] as? Double ?? 0) - 0.5) < 1e-9)
        let table = CLI.run(["compare", a, b, "--hide-insignificant"])
        #expect(table.stdout.contains("Geometric mean of B/A median wall over "))
        #expect(table.stdout.contains("(B slower by 100.0 %)"))
        // One run per variant in the fixture: nothing can be significant, so every row is hidden.
        #expect(table.stdout.contains("not significant, not shown"))
        #expect(!table.stdout.contains("py.serial "))
    }

    @Test func notAReport() throws {
        let path = Self.folder.appendingPathComponent("bad.json").path
        try "{\"schema\": \"other/1\"}".write(toFile: path, atomically: true, encoding: .utf8)
        let run = CLI.run(["report", path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("has schema 'other/1'; accepted: pyvs.run/1, pyvs.snippets/1"))
    }

    @Test func snippetsRenderAsHTMLWithTextEscaped() throws {
        let doc = Self.folder.appendingPathComponent("x.md")
        try "<script>alert(1)</script>\n\n```python\nprint('<script>')\n```\n".write(to: doc, atomically: true, encoding: .utf8)
        let run = CLI.run(["snippets", doc.path, "--format", "html", "--no-progress"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("<script>"))
        #expect(run.stdout.contains("&lt;script&gt;"))
    }
}
