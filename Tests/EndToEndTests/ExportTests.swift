import Foundation
import Processes
import Testing

/// The exports, read by the tools they are for: pyperf (its API and its
/// command line), Python's csv module, hyperfine's JSON shape; and the
/// formats a report has no rendering in, refused before any work.
@Suite(.serialized) struct ExportTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-export-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ExportTests.folder) }  // shared by the suite's tests
        return url
    }()

    func path(_ name: String) -> String { Self.folder.appendingPathComponent(name).path }

    /// What check_exports.py says about the files (empty: all is well).
    func problems(_ arguments: [String]) -> String {
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", CLI.root.appendingPathComponent("fixtures/exports/check_exports.py").path]
                                 + arguments)
        child.timeout = 120
        let outcome = child.run(in: Supervisor())
        let said = String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
        return outcome.ending == .exited(0) ? "" : (said.isEmpty ? "checker \(outcome.ending)" : said)
    }

    /// Rows with warm-ups and loops, a Python and a Swift side, a failed row
    /// (an injected exception: in the CSV, left out of pyperf and hyperfine).
    static let measuredArguments = ["run", "cpu-bound", "--quick", "--repeat", "3", "--warmup", "1",
                                    "--only", "py.serial,py.threads,swift.serial,swift.threads", "--inject", "py.threads=raise", "--no-progress"]

    @Test func runExportsAreReadByPyperfCSVAndHyperfineReaders() {
        let first = CLI.run(Self.measuredArguments + ["--format", "json", "-o", path("a.json"), "--export-pyperf", path("a.pyperf.json"),
                                                      "--export-csv", path("a.csv"), "--export-hyperfine", path("a.hyperfine.json")])
        #expect(first.status == 1, "the injected exception fails the run: \(first.stderr)")
        let second = CLI.run(Self.measuredArguments + ["--format", "pyperf", "-o", path("b.pyperf.json")])
        #expect(second.status == 1, "\(second.stderr)")
        #expect(problems([path("a.json"), "--pyperf", path("a.pyperf.json"), path("b.pyperf.json"),
                          "--csv", path("a.csv"), "--hyperfine", path("a.hyperfine.json")]) == "")
        // The checker is no check that cannot fail: a file of other figures is caught.
        let other = CLI.run(["report", path("a.json"), "--format", "csv", "-o", path("c.csv")])
        #expect(other.status == 0, "\(other.stderr)")
        if let text = try? String(contentsOfFile: path("c.csv"), encoding: .utf8) {
            let tampered = text.split(separator: "\r\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                index == 1 ? line.replacingOccurrences(of: ",ok,", with: ",failed,") : String(line)
            }.joined(separator: "\r\n")
            try? tampered.write(toFile: path("c.csv"), atomically: true, encoding: .utf8)
        }
        #expect(problems([path("a.json"), "--csv", path("c.csv")]).contains("CSV status failed"))
    }

    @Test func aSavedRunConvertsToPyperf() {
        let saved = CLI.root.appendingPathComponent("fixtures/reports/run.json").path
        let run = CLI.run(["report", saved, "--format", "pyperf", "-o", path("saved.pyperf.json")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(problems([saved, "--pyperf", path("saved.pyperf.json"), path("saved.pyperf.json")]) == "")
    }

    @Test func snippetsAndClaimsExportOneCSVLinePerBlockAndClaim() throws {
        let document = CLI.root.appendingPathComponent("fixtures/snippets/statuses.md").path
        _ = CLI.run(["snippets", document, "--format", "json", "-o", path("s.json"), "--export-csv", path("s.csv"), "--no-progress"])
        let blocks = try #require(CLI.json(String(contentsOfFile: path("s.json"), encoding: .utf8))?["blocks"] as? [[String: Any]])
        let blockLines = try csvLines(path("s.csv"))
        #expect(blockLines.count == blocks.count && !blocks.isEmpty)
        #expect(blockLines.map { $0["status"] ?? "" } == blocks.map { $0["status"] as? String ?? "?" })

        let claimsFile = CLI.root.appendingPathComponent("fixtures/claims/small.json").path
        _ = CLI.run(["claims", "--file", claimsFile, "--quick", "--format", "json", "-o", path("c.json"), "--export-csv", path("claims.csv"), "--no-progress"])
        let claims = try #require(CLI.json(String(contentsOfFile: path("c.json"), encoding: .utf8))?["claims"] as? [[String: Any]])
        let claimLines = try csvLines(path("claims.csv"))
        #expect(claimLines.count == claims.count && !claims.isEmpty)
        #expect(claimLines.map { $0["id"] ?? "" } == claims.map { $0["id"] as? String ?? "?" })
        #expect(claimLines.map { $0["verdict"] ?? "" } == claims.map { $0["verdict"] as? String ?? "?" })
    }

    /// The lines of a CSV file as Python's csv module reads them.
    func csvLines(_ file: String) throws -> [[String: String]] {
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", "-c",
                                             "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='')))))", file])
        child.timeout = 60
        let outcome = child.run(in: Supervisor())
        let data = try #require(outcome.ending == .exited(0) ? outcome.stdout : nil, "\(String(decoding: outcome.stderr, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: String]])
    }

    @Test(arguments: [
        (["claims", "--quick", "--format", "pyperf"], "--format pyperf: a claims report has no pyperf rendering; accepted: table, md, json, html, csv"),
        (["snippets", "fixtures/snippets/statuses.md", "--export-hyperfine", "x.json"],
         "--export-hyperfine: a snippets run has no hyperfine rendering; accepted: table, md, json, html, junit, csv"),
        (["run", "cpu-bound", "--quick", "--format", "junit"], "--format junit: a run has no junit rendering; accepted: table, md, json, html, csv, pyperf, hyperfine"),
    ])
    func formatsAReportLacksAreRefusedBeforeAnyWork(arguments: [String], message: String) {
        let run = CLI.run(arguments.map { $0.hasPrefix("fixtures/") ? CLI.root.appendingPathComponent($0).path : $0 })
        #expect(run.status == 64)
        #expect(run.stderr == "pyvs: \(message)\n")
    }
}
