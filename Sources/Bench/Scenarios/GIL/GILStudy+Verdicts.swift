import Console
import Contract
import Measure

/// The GIL study's conclusions. Whether threads ran in parallel rests on
/// their own concurrency (their CPU time over the wall, with its interval
/// over the rounds), which does not depend on how fast the cores ran; what
/// native threads reached in the same rounds is stated beside it, so a
/// machine that gave one core still shows what the GIL does.
extension GILStudy {
    /// Every row says something: why it did not run, that it is the
    /// 1-thread baseline, or what its threads did.
    static func rowVerdict(_ row: VariantResult, _ variant: VariantSpec, context: MachineContext) -> String? {
        if row.status != .ok { return "\(variant.subject): \(row.status.rawValue) — \(row.reason ?? "")" }
        let threads = row.threads ?? 1
        if threads == 1 { return "\(variant.subject): 1 thread — the baseline for speedup" }
        let runs = row.wallSeconds?.samples.count ?? 0
        if runs < Evidence.minimumSamples, let speedup = row.speedup {
            return "\(variant.subject): speedup \(Format.ratio(speedup)) with \(threads) threads from \(runs) run\(runs == 1 ? "" : "s")"
                + " — not conclusive; \(Evidence.advice)"
        }
        // A free-threaded build runs these threads with no GIL unless something turned it back on: the row recorded which.
        let gilOff = row.gilEnabled == false
        let concurrency = row.concurrencyInterval.flatMap { $0.count == 2 ? (low: $0[0], high: $0[1]) : nil }
            ?? (row.concurrency ?? row.parallelism).map { (low: $0, high: $0) }
        return verdict(subject: variant.subject + (gilOff && variant.tags.contains(sharesGIL) ? " (GIL disabled)" : ""),
                       waits: variant.tags.contains(waits), sharesGIL: variant.tags.contains(sharesGIL) && !gilOff,
                       threads: threads, speedup: row.speedup, concurrency: row.concurrency ?? row.parallelism, interval: concurrency,
                       native: context.reference?.spread(threads: threads), cores: context.cores)
    }

    /// One row's verdict. `sharesGIL`: the threads run in one interpreter
    /// whose GIL was on (otherwise a failure to run in parallel is not the
    /// GIL's doing); `waits`: they sleep, and only their waits can overlap.
    /// Parallel when the low end of the concurrency interval reaches 70 %
    /// of the way from one thread to as many as the cores allow; serialised
    /// when its high end stays within 15 % of one.
    public static func verdict(subject: String, waits: Bool = false, sharesGIL: Bool, threads: Int, speedup: Double?,
                               concurrency: Double?, interval: (low: Double, high: Double)?, native: Spread?, cores: Int) -> String? {
        guard threads > 1, let speedup else { return nil }
        let figures = "speedup \(Format.ratio(speedup))" + (concurrency.map { ", concurrency \(Format.number($0))" } ?? "")
            + (interval.map { " [\(Format.number($0.low))–\(Format.number($0.high))]" } ?? "") + " with \(threads) threads"
        if waits {
            return speedup >= 0.8 * Double(threads)
                ? "\(subject): \(figures) — the waits overlap" + (sharesGIL ? ": time.sleep releases the GIL" : "")
                : "\(subject): \(figures) — the waits did not overlap"
        }
        let gave = native.map { "native threads reached \(Format.ratio($0.median)) (\(Format.ratio($0.min))–\(Format.ratio($0.max))) in the same rounds" }
            ?? "no native reference measured"
        guard let interval else { return "\(subject): \(figures) — concurrency not measured (\(gave))" }
        let reachable = Double(min(threads, max(1, cores)))
        if interval.low >= 1 + 0.7 * (reachable - 1) {
            return "\(subject): \(figures) — runs in parallel (\(gave))"
        }
        if interval.high <= 1.15 {
            return "\(subject): \(figures) — \(sharesGIL ? "serialised by the GIL" : "did not run in parallel") (\(gave))"
        }
        return "\(subject): \(figures) — partly parallel (\(gave))"
    }

    /// One verdict per variant (its row at the largest thread count, or the
    /// row that did not run), then the time host threads waited for the GIL.
    static func conclude(_ outcome: ScenarioOutcome) -> [String] {
        var lines = outcome.variants.compactMap { variant -> String? in
            let mine = outcome.rows.filter { $0.id == variant.id }
            if let unusual = mine.first(where: { $0.status != .ok }) { return unusual.verdict }
            return mine.max { ($0.threads ?? 0) < ($1.threads ?? 0) }?.verdict
        }
        // Starting the threads, in the rows whose threads ran at once (in a
        // row serialised by the GIL, a thread also waits for the GIL before
        // it begins: that is the GIL, not start-up).
        let concurrent = outcome.rows.filter { ($0.threads ?? 1) > 1 && ($0.concurrency ?? 0) > 1.15 }
        let share = { (row: VariantResult) -> Double? in
            guard let start = row.extra?[threadStartKey], let wall = row.wallSeconds?.median, wall > 0 else { return nil }
            return start / wall
        }
        let slowStarts = concurrent.compactMap { row in share(row).flatMap { $0 > 0.05 ? "\(row.label) \(Format.percent($0))" : nil } }
        let starts = concurrent.compactMap(share)
        if let most = starts.max() {
            lines.append(slowStarts.isEmpty
                ? "Starting the threads took at most \(Format.percent(most)) of the region in the rows whose threads ran at once (median), so their speedups are the threads' work."
                : "Starting the threads took more than 5 % of the region in \(slowStarts.joined(separator: ", ")): those speedups include thread start-up; a larger --n (or --native-n) shows the steady state.")
        }
        for row in outcome.rows {
            if let wait = row.extra?[gilWaitKey], let threads = row.threads, threads > 1 {
                lines.append("\(row.id) with \(threads) threads: \(Format.duration(wait)) waiting inside PyGILState_Ensure to enter CPython (summed over the threads).")
            }
        }
        return lines
    }

    /// The sweep: wall time and the worker's context switches per interval.
    static func concludeSweep(_ outcome: ScenarioOutcome) -> [String] {
        let measured = outcome.rows.filter { $0.wallSeconds != nil }
        guard measured.count > 1 else { return [] }
        let interval = { (row: VariantResult) in Format.duration(row.extra?["switch_interval_s"]) }
        let walls = measured.map { "\(interval($0)): \(Format.duration($0.wallSeconds?.median))" }
        let switches = measured.map { "\(interval($0)): \(($0.contextSwitches?.voluntary ?? 0) + ($0.contextSwitches?.involuntary ?? 0))" }
        let concurrency = measured.compactMap(\.concurrency)
        return ["Python threads ×\(outcome.params.threads), wall per switch interval — " + walls.joined(separator: "; ") + ".",
                "Context switches of the worker process — " + switches.joined(separator: "; ")
                    + "; concurrency stayed between \(Format.number(concurrency.min())) and \(Format.number(concurrency.max())).",
        ]
    }
}
