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
    static func rowVerdict(_ row: VariantResult, _ variant: VariantSpec, context: MachineContext) -> RowVerdict? {
        let threads = row.threads ?? 1
        if row.status != .ok {
            var verdict = RowVerdict(kind: .notRun, subject: variant.subject, threads: threads)
            verdict.status = row.status
            verdict.reason = row.reason
            return verdict
        }
        if threads == 1 { return RowVerdict(kind: .baseline, subject: variant.subject, threads: 1) }
        let runs = row.wallSeconds?.samples.count ?? 0
        if runs < Evidence.minimumSamples, row.speedup != nil {
            var verdict = RowVerdict(kind: .notConclusive, subject: variant.subject, threads: threads, speedup: row.speedup)
            verdict.runs = runs
            return verdict
        }
        // A free-threaded build runs these threads with no GIL unless something turned it back on: the row recorded which.
        let gilOff = row.gilEnabled == false && variant.tags.contains(sharesGIL)
        var verdict = self.verdict(subject: variant.subject, waits: variant.tags.contains(waits),
                                   sharesGIL: variant.tags.contains(sharesGIL) && !gilOff, threads: threads, speedup: row.speedup,
                                   concurrency: row.ownConcurrency, interval: row.concurrencyInterval,
                                   native: context.reference?.spread(threads: threads), cores: context.cores)
        if gilOff { verdict?.gilDisabled = true }
        return verdict
    }

    /// One row's verdict. `sharesGIL`: the threads run in one interpreter
    /// whose GIL was on (otherwise a failure to run in parallel is not the
    /// GIL's doing); `waits`: they sleep, and only their waits can overlap.
    /// `concurrency` is the row's peak (its least disturbed run's), which
    /// the verdict rests on; `interval` the one over its runs, kept beside
    /// it. Parallel when the peak reaches 70 % of the way from one thread
    /// to as many as the cores allow; serialised when it stays within 15 %
    /// of one.
    public static func verdict(subject: String, waits: Bool = false, sharesGIL: Bool, threads: Int, speedup: Double?,
                               concurrency: Double?, interval: [Double]?, native: Spread?, cores: Int) -> RowVerdict? {
        guard threads > 1, let speedup else { return nil }
        func verdict(_ kind: RowVerdict.Kind) -> RowVerdict {
            RowVerdict(kind: kind, subject: subject, threads: threads, speedup: speedup, concurrency: concurrency,
                       concurrencyInterval: interval, native: native)
        }
        if waits {
            guard speedup >= 0.8 * Double(threads) else { return verdict(.waitsDidNotOverlap) }
            var overlap = verdict(.waitsOverlap)
            if sharesGIL { overlap.releasesGIL = true }
            return overlap
        }
        guard let concurrency else { return verdict(.concurrencyNotMeasured) }
        let reachable = Double(min(threads, max(1, cores)))
        if concurrency >= 1 + 0.7 * (reachable - 1) { return verdict(.parallel) }
        if concurrency <= 1.15 { return verdict(sharesGIL ? .serialisedByGIL : .notParallel) }
        return verdict(.partlyParallel)
    }

    /// How long starting the threads took, and the time host threads
    /// waited for the GIL (each variant's verdict is its rows').
    static func conclude(_ outcome: ScenarioOutcome) -> [Conclusion] {
        var drawn: [Conclusion] = []
        // Starting the threads, in the rows whose threads ran at once (in a
        // row serialised by the GIL, a thread also waits for the GIL before
        // it begins: that is the GIL, not start-up).
        let concurrent = outcome.rows.filter { ($0.threads ?? 1) > 1 && ($0.ownConcurrency ?? 0) > 1.15 }
        let shares = concurrent.compactMap { row -> RowShare? in
            guard let start = row.extra?[threadStartKey], let wall = row.wallSeconds?.median, wall > 0 else { return nil }
            return RowShare(row: row.label, value: start / wall)
        }
        if let most = shares.map(\.value).max() {
            drawn.append(.threadStarts(most: most, slow: shares.filter { $0.value > 0.05 }))
        }
        for row in outcome.rows {
            if let wait = row.extra?[gilWaitKey], let threads = row.threads, threads > 1 {
                drawn.append(.gilWait(variant: row.id, threads: threads, seconds: wait))
            }
        }
        return drawn
    }

    /// The sweep: wall time and the worker's context switches per interval.
    static func concludeSweep(_ outcome: ScenarioOutcome) -> [Conclusion] {
        let measured = outcome.rows.filter { $0.wallSeconds != nil }
        guard measured.count > 1 else { return [] }
        return [.sweep(threads: outcome.params.threads, points: measured.map { row in
            SweepPoint(interval: row.extra?["switch_interval_s"], wall: row.wallSeconds?.median,
                       switches: (row.contextSwitches?.voluntary ?? 0) + (row.contextSwitches?.involuntary ?? 0),
                       concurrency: row.concurrency)
        })]
    }
}
