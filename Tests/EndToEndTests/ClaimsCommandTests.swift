import Contract
import Foundation
import Processes
import Testing

/// `pyvs claims` as a user runs it: verdicts from real runs, a row that
/// cannot run made "not measurable", and files that cannot be used refused.
@Suite(.serialized) struct ClaimsCommandTests {
    static let fixtures = CLI.root.appendingPathComponent("fixtures/claims").path

    @Test func everyClaimGetsAVerdictFromItsRun() throws {
        let run = CLI.run(["claims", "--file", "\(Self.fixtures)/small.json", "--quick", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stdout: \(run.stdout.prefix(300))")
        #expect(doc["schema"] as? String == "pyvs.claims/1")
        let claims = try #require(doc["claims"] as? [[String: Any]])
        let verdicts = Dictionary(uniqueKeysWithValues: claims.map { ($0["id"] as? String ?? "", $0["verdict"] as? String ?? "") })
        // A timing: which verdict depends on the machine, but it must agree with its figure and range.
        let native = try #require(claims.first { $0["id"] as? String == "native-switch" })
        let measured = try #require(native["measured"] as? Double)
        let inside = (native["stated_min"] as? Double).map { measured >= $0 } ?? true
            && (native["stated_max"] as? Double).map { measured <= $0 } ?? true
        #expect(verdicts["native-switch"] == (inside ? "holds" : "does_not_hold"))
        #expect(verdicts["atomic-loses-nothing"] == "holds")
        #expect(verdicts["fork-fast"] == "holds")
        #expect(verdicts["too-many-threads"] == "not_measurable")
        let refused = try #require(claims.first { $0["id"] as? String == "too-many-threads" })
        let failed = (refused["reason"] as? [String: Any])?["row_failed"] as? [String: Any]
        #expect(failed?["status"] as? String == "skipped")
        #expect((failed?["detail"] as? [String: Any])?["too_many_threads"] != nil, "\(refused)")
        #expect(refused["measured"] == nil)
        // Each claim names the command that repeats its experiment.
        let fork = try #require(claims.first { $0["id"] as? String == "fork-fast" })
        #expect(fork["command"] as? String == "pyvs run process-start --only swift.fork --starts 3")
        #expect(claims.allSatisfy { ($0["command"] as? String)?.hasPrefix("pyvs run ") == true })
        // Only the variants the claims need ran, one run per scenario and parameters.
        let runs = try #require(doc["runs"] as? [[String: Any]])
        #expect(runs.map { $0["name"] as? String ?? "" } == ["context-switch", "race", "process-start", "massive"])
        #expect(runs.allSatisfy { (($0["variants"] as? [Any])?.count ?? 0) == 1 })
    }

    @Test func theTableSaysWhereAndWhatWasMeasured() {
        let run = CLI.run(["claims", "--file", "\(Self.fixtures)/small.json", "--quick", "--only", "fork-fast", "--no-progress"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("guide Processes"))
        #expect(run.stdout.contains("1 claim: 1 holds, 0 do not hold, 0 not measurable here."))
        #expect(run.stdout.contains("repeat: pyvs run process-start --only swift.fork --starts 3"))
        #expect(run.stdout.split(separator: "\n").filter { $0.hasPrefix("fork()") }.allSatisfy { $0.count <= 80 })
    }

    @Test func unusableInputIsRefusedWithItsExitCode() throws {
        let missing = CLI.run(["claims", "--file", "/nonexistent/claims.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "pyvs: cannot read the claims file /nonexistent/claims.json: no such file\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-claims-\(UUID().uuidString).json").path
        try #"{"schema":"pyvs.claims-file/1","claims":[{"id":"x","quote":"q","document":"d","line":1,"stated":{"max":1,"unit":"s","text":"t"},"measure":{"scenario":"cpu-bound","variant":"py.nope","metric":"wall"}}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bad = CLI.run(["claims", "--file", path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("claim 'x': unknown variant 'py.nope' of cpu-bound; accepted: py.serial"))
        let unknown = CLI.run(["claims", "--file", "\(Self.fixtures)/small.json", "--only", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown claim 'nope' in --only; accepted: native-switch, atomic-loses-nothing"))
    }

    /// What tools/claims-train.py learns from: one JSON object a line the line model weighs, with its features;
    /// a document that is not there is refused with its exit code.
    @Test func lineFeaturesAreOneObjectALine() throws {
        let document = CLI.root.appendingPathComponent("fixtures/found/threads-en.md").path
        let run = CLI.run(["claims", "--line-features", document])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = run.stdout.split(separator: "\n").map { CLI.json(String($0)) }
        #expect(rows.count > 5 && rows.allSatisfy { $0 != nil })
        for row in rows.compactMap({ $0 }) {
            let features = row["features"] as? [String: Double]
            #expect(row["line"] as? Int != nil && features?["bias"] == 1 && features?.keys.contains { $0.hasPrefix("kind=") } == true)
        }
        #expect(CLI.run(["claims", "--line-features", "/nonexistent/doc.md"]).status == 66)
    }

    @Test func snippetsNameTheScenarioBesideALinkedBlock() throws {
        let run = CLI.run(["snippets", "\(Self.fixtures)/linked.md", "--claims", "\(Self.fixtures)/small.json",
                           "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout))
        let block = try #require((doc["blocks"] as? [[String: Any]])?.first)
        #expect(block["measured_by"] as? String == "pyvs run race")
        let table = CLI.run(["snippets", "\(Self.fixtures)/linked.md", "--claims", "\(Self.fixtures)/small.json", "--no-progress", "--wide"])
        #expect(table.stdout.contains("measured beside Swift: pyvs run race"))
    }
}
