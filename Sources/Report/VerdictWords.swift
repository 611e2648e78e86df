import Console
import Contract

/// The words of a row's verdict (`RowVerdict`), made here once.
public enum VerdictWords {
    /// "Python threads: speedup 0.98×, concurrency 1.01 (runs 0.99–1.01)
    /// with 2 threads — serialised by the GIL (native threads reached
    /// 1.95× (1.80×–1.99×) in the same rounds)".
    public static func text(_ verdict: RowVerdict) -> String {
        let subject = verdict.subject + (verdict.gilDisabled == true ? " (GIL disabled)" : "")
        switch verdict.kind {
        case .notRun:
            return "\(subject): \(verdict.status?.rawValue ?? "not run") — \(ProblemWords.reason(verdict.reason) ?? "")"
        case .baseline:
            return "\(subject): 1 thread — the baseline for speedup"
        case .notConclusive:
            let runs = verdict.runs ?? 0
            return "\(subject): speedup \(Format.ratio(verdict.speedup)) with \(verdict.threads) threads from \(runs) run\(runs == 1 ? "" : "s")"
                + " — not conclusive; \(Summary.moreRunsAdvice)"
        default:
            break
        }
        var figures = "speedup \(Format.ratio(verdict.speedup))" + (verdict.concurrency.map { ", concurrency \(Format.number($0))" } ?? "")
        if let interval = verdict.concurrencyInterval, interval.count == 2 {
            figures += " (runs \(Format.number(interval[0]))–\(Format.number(interval[1])))"
        }
        figures += " with \(verdict.threads) threads"
        let gave = verdict.native.map { "native threads reached \(Format.ratio($0.median)) (\($0.ratioRange)) in the same rounds" }
            ?? "no native reference measured"
        switch verdict.kind {
        case .waitsOverlap: return "\(subject): \(figures) — the waits overlap" + (verdict.releasesGIL == true ? ": time.sleep releases the GIL" : "")
        case .waitsDidNotOverlap: return "\(subject): \(figures) — the waits did not overlap"
        case .parallel: return "\(subject): \(figures) — runs in parallel (\(gave))"
        case .partlyParallel: return "\(subject): \(figures) — partly parallel (\(gave))"
        case .serialisedByGIL: return "\(subject): \(figures) — serialised by the GIL (\(gave))"
        case .notParallel: return "\(subject): \(figures) — did not run in parallel (\(gave))"
        case .concurrencyNotMeasured: return "\(subject): \(figures) — concurrency not measured (\(gave))"
        case .notRun, .baseline, .notConclusive: return subject
        }
    }
}
