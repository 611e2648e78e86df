import Measure
import Report

/// One-line conclusions of the GIL study, stated against the machine's
/// measured native parallelism rather than its number of cores.
public enum GILVerdict {
    /// Below this native parallelism a machine cannot show what the GIL does.
    public static let minimumNativeParallelism = 1.3

    /// `sharesGIL`: the threads run in one interpreter (otherwise a failure
    /// to run in parallel is not the GIL's doing).
    public static func verdict(subject: String, model: String, sharesGIL: Bool, threads: Int, speedup: Double?,
                               concurrency: Double?, nativeParallelism: Double) -> String? {
        guard threads > 1, let speedup else { return nil }
        let native = "native threads reach \(Format.number(nativeParallelism)) here"
        let figures = "speedup \(Format.ratio(speedup))" + (concurrency.map { ", concurrency \(Format.number($0))" } ?? "")
            + " with \(threads) threads"
        if model == "sleep" {
            return speedup >= 0.8 * Double(threads)
                ? "\(subject): \(figures) — the waits overlap: time.sleep releases the GIL"
                : "\(subject): \(figures) — the waits did not overlap"
        }
        if nativeParallelism < minimumNativeParallelism {
            return "\(subject): \(figures) — inconclusive: \(native), so this machine cannot show parallelism"
        }
        let reachable = min(Double(threads), nativeParallelism)
        if speedup >= 1 + 0.7 * (reachable - 1) {
            return "\(subject): \(figures) — runs in parallel (\(native))"
        }
        if speedup <= 1.15 && (concurrency ?? 1) <= 1.15 {
            return "\(subject): \(figures) — \(sharesGIL ? "serialised by the GIL" : "did not run in parallel") (\(native))"
        }
        return "\(subject): \(figures) — partly parallel (\(native))"
    }
}
