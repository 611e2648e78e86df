import Contract
import Foundation
import Testing

/// Reports saved by an earlier pyvs still load (`pyvs report`, `pyvs compare`).
@Suite struct SavedReportTests {
    static func row(_ extra: String) -> Data {
        Data("""
        {"id": "py.threads", "label": "py.threads ×2", "language": "python", "model": "threads", "title": "t", "workers": 2,
         "threads": 2, "status": "ok", \(extra)}
        """.utf8)
    }

    /// Before verdicts and flags were typed they were sentences: read as none.
    @Test func aSentenceVerdictAndAnImplausibleTextReadAsNone() throws {
        let old = try JSONDecoder().decode(VariantResult.self, from: Self.row(
            #""verdict": "Python threads: speedup 1.00× — serialised by the GIL", "implausible": "speedup 2.1× above the 2 cores""#))
        #expect(old.verdict == nil && old.flag == nil && old.label == "py.threads ×2")
    }

    /// Before rows had labels: the id and the thread count.
    @Test func aRowWithoutALabelIsNamedByItsIdAndThreads() throws {
        let old = try JSONDecoder().decode(VariantResult.self, from: Data("""
            {"id": "py.threads", "language": "python", "model": "threads", "title": "t", "workers": 2, "threads": 4, "status": "ok"}
            """.utf8))
        #expect(old.label == "py.threads ×4")
        var renamed = old
        renamed.label = "py.threads (4)"
        let again = try JSONDecoder().decode(VariantResult.self, from: JSONEncoder().encode(renamed))
        #expect(again.label == "py.threads (4)")
        #expect(!String(decoding: try JSONEncoder().encode(old), as: UTF8.self).contains("verdict"), "none is not written")
    }

    /// A row's groups write one flat object: every field of every group is
    /// written under its key, and read back to the same JSON.
    @Test func everyFieldOfEveryGroupIsWrittenAndReadBack() throws {
        var row = VariantResult(id: "py.threads", label: "py.threads ×2", language: .python, model: .threads, title: "t",
                                workers: 2, threads: 2, status: .ok)
        row.build = "3.13t"; row.gilEnabled = false
        row.reason = .said("slow"); row.result = "42"; row.resultOK = true
        row.verdict = RowVerdict(kind: .parallel, subject: "Python threads", threads: 2, speedup: 1.9, concurrency: 1.95,
                                 concurrencyInterval: [1.9, 1.97], native: Spread([1.9, 1.95, 2]))
        row.contextSwitches = ContextSwitches(voluntary: 3, involuntary: 4); row.extra = ["gil_wait_s": 0.5]
        row.wallSeconds = Summary([1, 2]); row.cpuSeconds = Summary([2, 4]); row.processWallSeconds = Summary([1.1, 2.1])
        row.userSeconds = 3; row.systemSeconds = 0.1; row.loops = 1; row.rounds = [0, 1]; row.warmupWallSeconds = [1.5]
        row.parallelism = 1.9; row.speedup = 1.8; row.speedupInterval = [1.7, 1.9]; row.concurrency = 1.95
        row.concurrencyInterval = [1.9, 1.97]; row.peakConcurrency = 1.97
        row.native = NativeComparison(threads: 2, native: try #require(Spread([1.9, 2])), share: 0.95, shareInterval: [0.9, 1])
        row.flag = FigureFlag(kind: .speedupAboveCores, figure: 2.1, low: 2.0, bound: 2, baseline: "py.serial")
        row.peakRSSBytes = 1; row.peakRSSBytesPerRun = [1, 1]; row.treePeakRSSBytes = 2; row.treePeakProcesses = 3
        row.treePeakPSSBytes = 2
        row.foreignCPUSeconds = [0, 0.1]; row.stealSeconds = [0, 0]; row.observerCPUSeconds = [0.001, 0.001]; row.disturbedRuns = [1]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(row)
        let keys = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
        #expect(keys == [
            "build", "concurrency", "concurrency_interval", "concurrency_peak", "context_switches", "cpu_s", "disturbed_runs", "extra",
            "flag", "foreign_cpu_s", "gil_enabled", "id", "label", "language", "loops", "model", "native", "observer_cpu_s",
            "parallelism", "peak_rss_bytes", "peak_rss_bytes_runs", "process_wall_s", "reason", "result", "result_ok", "rounds",
            "speedup", "speedup_interval", "status", "steal_s", "sys_s", "threads", "title", "tree_peak_processes",
            "tree_peak_pss_bytes", "tree_peak_rss_bytes", "user_s", "verdict", "wall_s", "warmup_wall_s", "workers",
        ])
        #expect(try encoder.encode(JSONDecoder().decode(VariantResult.self, from: data)) == data)
    }

    /// The saved run among the fixtures reads and writes back unchanged, row by row.
    @Test func aSavedRunWritesBackTheSameRows() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fixtures/reports/run.json")
        let saved = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let rows = try #require((saved["scenarios"] as? [[String: Any]])?.flatMap { $0["variants"] as? [[String: Any]] ?? [] })
        #expect(rows.count > 1)
        func canonical(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
        }
        for row in rows {
            let written = try JSONEncoder().encode(JSONDecoder().decode(VariantResult.self, from: JSONSerialization.data(withJSONObject: row)))
            #expect(try canonical(JSONSerialization.jsonObject(with: written)) == canonical(row))
        }
    }

    @Test func typedVerdictsAndFlagsRoundTrip() throws {
        var row = try JSONDecoder().decode(VariantResult.self, from: Self.row(#""speedup": 2.1"#))
        row.verdict = RowVerdict(kind: .serialisedByGIL, subject: "Python threads", threads: 2, speedup: 1, concurrency: 1.01,
                                 concurrencyInterval: [0.98, 1.01], native: Spread([1.2, 1.9, 2]))
        row.flag = FigureFlag(kind: .speedupAboveCores, figure: 2.1, low: 2.0, bound: 2, baseline: "py.serial")
        row.peakConcurrency = 1.01
        let again = try JSONDecoder().decode(VariantResult.self, from: JSONEncoder().encode(row))
        #expect(again.verdict == row.verdict && again.flag == row.flag && again.peakConcurrency == 1.01)
        #expect(String(decoding: try JSONEncoder().encode(row), as: UTF8.self).contains(#""kind":"serialised_by_gil""#))
    }

    /// Before reasons were typed they were sentences: read as what was said.
    @Test func aSentenceReasonReadsAsSaid() throws {
        let old = try JSONDecoder().decode(VariantResult.self, from: Self.row(#""reason": "killed by SIGSEGV""#))
        #expect(old.reason == .said("killed by SIGSEGV"))
        let block = try JSONDecoder().decode(SnippetResult.self, from: Data("""
            {"index": 1, "line": 3, "language": "python", "status": "skipped", "reason": "skip directive", "stdout": "", "stderr": "", "runnable": true}
            """.utf8))
        #expect(block.reason == .said("skip directive") && block.notes == nil)
    }

    @Test func typedReasonsRoundTripAsOneKeyObjects() throws {
        var row = try JSONDecoder().decode(VariantResult.self, from: Self.row(#""speedup": 2.1"#))
        #expect(row.reason == nil)
        for problem: RowProblem in [.ended(.timedOut(afterSeconds: 2.5), stderr: nil), .ended(.signalled(9), stderr: "boom"),
                                    .noResult(status: 3, stderr: nil), .needs(.python312, python: "3.11.2"),
                                    .interrupted(signal: 2, started: true, runs: 4), .said("ValueError: x")] {
            row.reason = problem
            let json = try JSONEncoder().encode(row)
            #expect(try JSONDecoder().decode(VariantResult.self, from: json).reason == problem)
        }
        row.reason = .ended(.memoryExceeded(limitBytes: 1 << 20), stderr: nil)
        let text = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(text.contains(#""reason":{"ended":{"ending":{"memory_exceeded":{"limit_bytes":1048576}}}}"#), "\(text)")
        var block = SnippetResult(index: 1, line: 2, language: "python", status: .ok)
        block.note(.leftovers(2))
        block.note(.setup(session: false))
        let again = try JSONDecoder().decode(SnippetResult.self, from: JSONEncoder().encode(block))
        #expect(again.notes == [.leftovers(2), .setup(session: false)] && again.reason == nil)
    }
}
