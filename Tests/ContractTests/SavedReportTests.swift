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
}
