import Console
import Contract
import Foundation
import Measure

/// From counted runs to a report row, and from rows to comparisons.
public enum Aggregate {
    /// Fills a row from its samples. A failure marks the row (status and
    /// reason) but keeps whatever was measured before it. The tree's PSS
    /// is the highest read in any run, warm-ups included: a run reads it
    /// only when its tree went past the RSS of the row's earlier reading.
    public static func fill(_ row: inout VariantResult, samples: [RunSample], warmups: [RunSample] = [], failure: RunFailure?) {
        row.status = failure?.status ?? .ok
        row.reason = failure?.reason
        guard !samples.isEmpty else { return }
        row.wallSeconds = Summary(samples.map(\.wall))
        row.cpuSeconds = Summary(samples.map(\.cpu))
        row.processWallSeconds = Summary(samples.map(\.processWall))
        row.userSeconds = Statistics.median(samples.map(\.user))
        row.systemSeconds = Statistics.median(samples.map(\.system))
        if let wall = row.wallSeconds?.median, let cpu = row.cpuSeconds?.median, wall > 0 {
            row.parallelism = cpu / wall
        }
        // Concurrency measured on the threads themselves: their CPU over the wall.
        let concurrency = samples.compactMap { sample in sample.output?.threadCPUSeconds.map { sample.wall > 0 ? $0 / sample.wall : 0 } }
        row.concurrency = Statistics.median(concurrency)
        // The row's own concurrency run by run (its threads' where they
        // measure it, else its processes'), whatever speed the cores ran at.
        let perRun = samples.map { sample in sample.wall > 0 ? (sample.output?.threadCPUSeconds ?? sample.cpu) / sample.wall : 0 }
        row.concurrencyInterval = Statistics.medianInterval(perRun).map { [$0.low, $0.high] }
        row.peakConcurrency = perRun.max()
        row.loops = samples.map(\.loops).max()
        // On if any run had it on: a run that turned it back on is what the row must say.
        let gil = samples.compactMap(\.gilEnabled)
        row.gilEnabled = gil.isEmpty ? nil : gil.contains(true)
        row.peakRSSBytes = samples.map(\.peakRSS).max()
        row.peakRSSBytesPerRun = samples.map(\.peakRSS)
        row.treePeakPSSBytes = (warmups + samples).compactMap(\.treePeakPSS).max()
        row.foreignCPUSeconds = samples.map(\.foreignCPU)
        row.stealSeconds = samples.map(\.steal)
        row.observerCPUSeconds = samples.map(\.observerCPU)
        row.markDisturbance(cores: MachineInfo.onlineCores)
        row.treePeakRSSBytes = samples.map(\.treePeakRSS).max()
        row.treePeakProcesses = samples.max { $0.treePeakRSS < $1.treePeakRSS }?.treePeakProcesses
        row.contextSwitches = ContextSwitches(
            voluntary: Int(Statistics.median(samples.map { Double($0.switches.voluntary) }) ?? 0),
            involuntary: Int(Statistics.median(samples.map { Double($0.switches.involuntary) }) ?? 0))
        let results = samples.compactMap { $0.output?.result }
        let distinct = Set(results)
        row.result = distinct.count <= 1 ? results.last : distinct.sorted().joined(separator: " | ")
        var extra: [String: Double] = [:]
        for key in Set(samples.flatMap { $0.output?.metrics.keys.map { $0 } ?? [] }) {
            extra[key] = Statistics.median(samples.compactMap { $0.output?.metrics[key] })
        }
        if let start = Statistics.median(samples.compactMap(\.interpreterStart)) { extra[interpreterStartKey] = start }
        if let threadCPU = Statistics.median(samples.compactMap { $0.output?.threadCPUSeconds }) { extra[threadCPUKey] = threadCPU }
        row.extra = extra.isEmpty ? nil : extra
    }

    /// Where a row keeps the start-up of its embedded CPython and its threads' CPU.
    public static let interpreterStartKey = "interpreter_start_s"
    public static let threadCPUKey = "thread_cpu_s"

    /// Each row's speedup by the scenario's rule; `groups` gives each variant
    /// id its group (a baseline is taken within the group). From rows
    /// measured in rounds, the speedup is the baseline's fastest run over
    /// the row's fastest run, with the interval of the per-round ratios
    /// (baseline and row of the same round) that holds their median; the
    /// ratio of the two medians otherwise. Other work on a shared machine
    /// only ever slows a run, and every row ran in every round, so each
    /// row's fastest run is its least disturbed one, from the same stretch
    /// of time as the others' (docs/measurement.md).
    /// With `machine`, a parallel row is set beside native threads in the
    /// same rounds (`native`), and figures that cannot be taken as measured
    /// are flagged (`flag`): above the cores, or a speedup above the row's
    /// own concurrency — never against a figure from before the runs.
    public static func speedups(_ rows: inout [VariantResult], rule: SpeedupRule, groups: [String: String] = [:],
                                machine: MachineContext? = nil) {
        let measured = rows
        for index in rows.indices {
            let row = rows[index]
            guard let wall = row.wallSeconds?.median, wall > 0,
                  let found = baseline(of: row, in: measured, rule: rule, groups: groups),
                  let base = found.0.wallSeconds?.median else { continue }
            let (baseline, factor) = found
            let ratios = VariantResult.pairedRatios(baseline, over: row).map { $0 * factor }
            if !ratios.isEmpty, let interval = Statistics.medianInterval(ratios),
               let fastest = row.wallSeconds?.min, let baseFastest = baseline.wallSeconds?.min, fastest > 0 {
                rows[index].speedup = factor * baseFastest / fastest
                rows[index].speedupInterval = [interval.low, interval.high]
            } else {
                rows[index].speedup = factor * base / wall
            }
            guard let machine else { continue }
            if let reference = machine.reference, row.id != baseline.id || row.threads != baseline.threads {
                rows[index].native = compare(rows[index], baseline: baseline, factor: factor, with: reference, cores: machine.cores)
            }
            // Rows doing the baseline's work another way; per thread, each variant does work of its own.
            let peers = rule.comparesVariants ? measured.filter { $0.label != row.label && $0.language == baseline.language
                && $0.build == baseline.build && groups[$0.id] == groups[baseline.id] } : []
            rows[index].flag = speedupFlag(rows[index], baseline: baseline, peers: peers, cores: machine.cores)
        }
        guard let machine else { return }
        for index in rows.indices where rows[index].flag == nil {
            if let parallelism = rows[index].parallelism, parallelism > Double(machine.cores) + Self.parallelismSlack {
                rows[index].flag = FigureFlag(kind: .parallelismAboveCores, figure: parallelism, bound: Double(machine.cores))
            }
        }
    }

    /// The row a row's speedup is taken against, and the factor of its
    /// ratio: the serial row of its language, group and build; or, per
    /// thread, the same variant on one thread (each thread does one task:
    /// speedup = threads × wall(1) / wall(threads)).
    static func baseline(of row: VariantResult, in rows: [VariantResult], rule: SpeedupRule,
                         groups: [String: String]) -> (VariantResult, factor: Double)? {
        switch rule {
        case .againstModel(let model):
            let group = groups[row.id]
            return rows.first { $0.language == row.language && $0.model == model && groups[$0.id] == group && $0.build == row.build }
                .map { ($0, 1) }
        case .perThread:
            return rows.first { $0.id == row.id && $0.threads == 1 && $0.build == row.build }.map { ($0, Double(row.threads ?? 1)) }
        case .noBaseline:
            return nil
        }
    }

    /// The row whose per-round speedup ratios have the widest interval
    /// around their median, and how far it reaches from the median as a
    /// share of it (the larger side); nil where no row has a speedup.
    public static func widestInterval(_ rows: [VariantResult], rule: SpeedupRule, groups: [String: String] = [:]) -> (label: String, share: Double)? {
        rows.compactMap { row -> (label: String, share: Double)? in
            guard let found = baseline(of: row, in: rows, rule: rule, groups: groups), found.0.label != row.label else { return nil }
            let ratios = VariantResult.pairedRatios(found.0, over: row).map { $0 * found.factor }
            guard let median = Statistics.median(ratios), median > 0, let interval = Statistics.medianInterval(ratios) else { return nil }
            return (row.label, max(median - interval.low, interval.high - median) / median)
        }
        .max { $0.share < $1.share }
    }

    /// CPU over wall can pass the cores by rounding alone (rusage counts in
    /// microseconds, the wall is the median run's): this much is let through.
    static let parallelismSlack = 0.05

    /// How far a speedup's interval may lie above the row's own concurrency
    /// before the baseline is said to have run slow: CPU time is read in
    /// ticks and microseconds, the interval from a handful of rounds.
    static let concurrencySlack = 0.05

    /// Why a row's speedup cannot be taken as measured, or nil. Only a
    /// speedup over a baseline that kept a core busy (parallelism 0.9 or
    /// more: CPU-bound work) is bounded — or over one that other work kept
    /// from it (its runs were disturbed: a CPU-bound baseline starved to
    /// half a core reads 0.5): by the cores, and by the row's own (peak)
    /// concurrency over the baseline's — the same work on c cores' worth
    /// of CPU cannot finish more than c times sooner, unless the baseline
    /// ran slow in those rounds. Both figures come from the least disturbed
    /// runs. Undisturbed waiting work (sleeps, I/O) is not bounded.
    static func speedupFlag(_ row: VariantResult, baseline: VariantResult, peers: [VariantResult] = [], cores: Int) -> FigureFlag? {
        let busyOrStarved = (baseline.parallelism ?? 0) >= 0.9 || baseline.disturbedRuns?.isEmpty == false
        guard let speedup = row.speedup, row.id != baseline.id || row.threads != baseline.threads, busyOrStarved else { return nil }
        let low = row.speedupInterval?.first ?? speedup
        if speedup > Double(cores) {
            return FigureFlag(kind: .speedupAboveCores, figure: speedup, low: row.speedupInterval?.first, bound: Double(cores),
                              baseline: baseline.label, slowBaseline: slowBaseline(baseline, peers: peers))
        }
        guard let own = row.ownConcurrency, let base = baseline.ownConcurrency, base > 0 else { return nil }
        let bound = own / base
        guard low > bound * (1 + concurrencySlack) else { return nil }
        return FigureFlag(kind: .speedupAboveConcurrency, figure: speedup, low: row.speedupInterval?.first, bound: bound,
                          baseline: baseline.label, slowBaseline: slowBaseline(baseline, peers: peers))
    }

    /// A row of the baseline's group that also kept one core busy
    /// (parallelism 0.9-1.1) and beat it in every round: a speedup over a
    /// slow baseline passes the bounds without any row running faster
    /// than it can.
    static func slowBaseline(_ baseline: VariantResult, peers: [VariantResult]) -> SlowBaseline? {
        peers.filter { $0.id != baseline.id && (0.9...1.1).contains($0.parallelism ?? 0) }
            .compactMap { peer -> SlowBaseline? in
                let ratios = VariantResult.pairedRatios(baseline, over: peer)
                guard let beaten = Evidence.beats(ratios) else { return nil }
                return SlowBaseline(baseline: baseline.label, peer: peer.label, ratio: beaten.median, interval: [beaten.low, beaten.high],
                                    rounds: ratios.count, coverage: beaten.coverage)
            }
            .max { $0.ratio < $1.ratio }
    }

    /// Each round's native parallelism on each thread count above one:
    /// threads × wall(1 thread) / wall(threads), from the reference's rows.
    public static func referenceRounds(_ rows: [VariantResult]) -> [ReferenceRound] {
        guard let one = rows.first(where: { $0.threads == 1 && $0.status == .ok }) else { return [] }
        return rows.filter { ($0.threads ?? 1) > 1 && $0.status == .ok }.flatMap { row in
            VariantResult.roundRatios(one, over: row).map {
                ReferenceRound(round: $0.round, threads: row.threads ?? 1, parallelism: Double(row.threads ?? 1) * $0.ratio)
            }
        }
    }

    /// A parallel row (more than one worker) beside native threads of the
    /// same rounds: their parallelism over the rounds the row ran in, and
    /// the row's speedup over theirs round by round.
    static func compare(_ row: VariantResult, baseline: VariantResult, factor: Double, with reference: NativeReference,
                        cores: Int) -> NativeComparison? {
        guard row.workers > 1 || (row.threads ?? 1) > 1,
              let threads = reference.threads(for: max(row.workers, row.threads ?? 1), cores: cores) else { return nil }
        let native = Dictionary(reference.parallelism(threads: threads).map { ($0.round, $0.parallelism) }) { first, _ in first }
        let ran = Set(row.rounds ?? [])
        guard let spread = Spread(native.filter { ran.isEmpty || ran.contains($0.key) }.map(\.value)) else { return nil }
        let shares = VariantResult.roundRatios(baseline, over: row).compactMap { pair in
            native[pair.round].flatMap { $0 > 0 ? factor * pair.ratio / $0 : nil }
        }
        let interval = Statistics.medianInterval(shares)
        return NativeComparison(threads: threads, native: spread, share: Statistics.median(shares),
                                shareInterval: interval.map { [$0.low, $0.high] })
    }

    /// Throughputs: a parameter's value (items), or a metric the row
    /// returned (bytes moved), over each row's median wall.
    public static func rates(_ rows: inout [VariantResult], metrics: [MetricSpec], params: [Params]) {
        for metric in metrics {
            guard let name = metric.perWallOf else { continue }
            for index in rows.indices where index < params.count {
                let amount = params[index][name].map(Double.init) ?? rows[index].extra?[name]
                guard let amount, let wall = rows[index].wallSeconds?.median, wall > 0 else { continue }
                rows[index].extra = (rows[index].extra ?? [:]).merging([metric.key: amount / wall]) { $1 }
            }
        }
    }

    /// Every result checked against its expected value (the same order as
    /// `rows`); a row without one is not checked.
    public static func check(_ rows: inout [VariantResult], expected: [String?]) {
        for index in rows.indices {
            guard let result = rows[index].result else { continue }
            let reference = index < expected.count ? expected[index] : nil
            guard let reference else { continue }
            rows[index].resultOK = result == reference
            if result != reference && rows[index].status == .ok {
                rows[index].reason = .resultDiffers(result: result, expected: reference)
            }
        }
    }
}
