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
    /// of time as the others' (docs/measurement.md: in 12 sittings of three
    /// default runs of cpu-bound, every parallel row within ±4.9 % of the
    /// middle run this way; with the median of the per-round ratios,
    /// py.pool moved ±12.4 %).
    /// With `machine` (its cores and measured native parallelism), figures
    /// that cannot be true there are flagged (`implausible`).
    public static func speedups(_ rows: inout [VariantResult], rule: SpeedupRule, groups: [String: String] = [:],
                                machine: (cores: Int, nativeParallelism: Double?)? = nil) {
        let measured = rows
        for index in rows.indices {
            let row = rows[index]
            guard let wall = row.wallSeconds?.median, wall > 0 else { continue }
            let baseline: VariantResult?
            var factor = 1.0
            switch rule {
            case .againstModel(let model):
                let group = groups[row.id]
                baseline = rows.first { $0.language == row.language && $0.model == model && groups[$0.id] == group && $0.build == row.build }
            case .perThread:
                // Each thread does one task: speedup = threads × wall(1) / wall(threads).
                baseline = rows.first { $0.id == row.id && $0.threads == 1 && $0.build == row.build }
                factor = Double(row.threads ?? 1)
            case .noBaseline:
                baseline = nil
            }
            guard let baseline, let base = baseline.wallSeconds?.median else { continue }
            let ratios = VariantResult.pairedRatios(baseline, over: row).map { $0 * factor }
            if !ratios.isEmpty, let interval = Statistics.medianInterval(ratios),
               let fastest = row.wallSeconds?.min, let baseFastest = baseline.wallSeconds?.min, fastest > 0 {
                rows[index].speedup = factor * baseFastest / fastest
                rows[index].speedupInterval = [interval.low, interval.high]
            } else {
                rows[index].speedup = factor * base / wall
            }
            if let machine {
                let peers = measured.filter { $0.language == baseline.language && $0.build == baseline.build && groups[$0.id] == groups[baseline.id] }
                rows[index].implausible = implausibility(rows[index], baseline: baseline, peers: peers, machine: machine)
            }
        }
        if let machine {
            for index in rows.indices where rows[index].implausible == nil {
                if let parallelism = rows[index].parallelism, parallelism > Double(machine.cores) + Self.parallelismSlack {
                    rows[index].implausible = "parallelism \(Format.number(parallelism)) above the \(machine.cores) cores"
                        + disturbance(of: [rows[index]])
                }
            }
        }
    }

    /// CPU over wall can pass the cores by rounding alone (rusage counts in
    /// microseconds, the wall is the median run's): this much is let through.
    static let parallelismSlack = 0.05

    /// Why a row's speedup cannot be true, or nil. Only a speedup over a
    /// baseline that kept a core busy (parallelism 0.9 or more: CPU-bound
    /// work) is bounded by the cores; waiting work (sleeps, I/O) is not.
    static func implausibility(_ row: VariantResult, baseline: VariantResult, peers: [VariantResult] = [],
                               machine: (cores: Int, nativeParallelism: Double?)) -> String? {
        guard let speedup = row.speedup, row.id != baseline.id || row.threads != baseline.threads,
              (baseline.parallelism ?? 0) >= 0.9 else { return nil }
        let low = row.speedupInterval?.first ?? speedup
        // What explains it, looked for only when there is something to explain.
        func why() -> String { disturbance(of: [row, baseline]) + slowBaseline(baseline, peers: peers) }
        if speedup > Double(machine.cores) {
            return "speedup \(Format.ratio(speedup)) above the \(machine.cores) cores" + why()
        }
        if let native = machine.nativeParallelism, low > native + parallelismSlack {
            return "speedup \(Format.ratio(speedup)) (at least \(Format.ratio(low)) round by round) above the native "
                + "parallelism \(Format.number(native)) measured here" + why()
        }
        return nil
    }

    /// "; py.asyncio did the same work on one core 1.08× (...) faster than
    /// py.serial: the baseline itself ran slow" when a row of the baseline's
    /// group that also kept one core busy (parallelism 0.9-1.1) beat it in
    /// every round — a speedup over a slow baseline passes the cores without
    /// any parallel row running faster than it can.
    static func slowBaseline(_ baseline: VariantResult, peers: [VariantResult]) -> String {
        let faster = peers.filter { $0.id != baseline.id && (0.9...1.1).contains($0.parallelism ?? 0) }
            .compactMap { peer -> (label: String, median: Double, text: String)? in
                let ratios = VariantResult.pairedRatios(baseline, over: peer)
                guard let evidence = Evidence.paired(ratios), evidence.conclusive, let median = Statistics.median(ratios) else { return nil }
                return (peer.label, median, evidence.text)
            }
            .max { $0.median < $1.median }
        guard let faster else { return "" }
        return "; \(faster.label) did the same work on one core \(faster.text) faster than \(baseline.label): the baseline itself ran slow"
    }

    /// ": other work during py.serial run 2 (...)" (up to three runs, named),
    /// ": other work took the CPU during their runs — other programs at
    /// 12–40 % of a core in 16 runs (...)", or what else explains it.
    static func disturbance(of rows: [VariantResult]) -> String {
        if let clause = VariantResult.disturbanceClause(rows, cores: MachineInfo.onlineCores) { return ": " + clause }
        let spread = rows.compactMap { row in row.wallSeconds.map { "\(row.label) \(Format.duration($0.min))–\(Format.duration($0.max))" } }
        return ": no other work was measured during its runs; their walls spread \(spread.joined(separator: ", "))"
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
                rows[index].reason = "result \(result) differs from the expected \(reference)"
            }
        }
    }
}
