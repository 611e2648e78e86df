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
