import Foundation
import Kernels
import Measure
import Report

/// The GIL study on the parent's side: every variant at every thread count,
/// each row measured in its own worker process; then speedups, result
/// checks, verdicts, and the switch-interval sweep.
public struct GILStudy {
    public var threadCounts: [Int]
    public var sizes: GILSizes
    public var switchIntervalsMS: [Double]
    public var python: PythonInfo?
    public var nativeParallelism: Double

    public init(threadCounts: [Int], sizes: GILSizes, switchIntervalsMS: [Double], python: PythonInfo?, nativeParallelism: Double) {
        self.threadCounts = threadCounts; self.sizes = sizes; self.switchIntervalsMS = switchIntervalsMS
        self.python = python; self.nativeParallelism = nativeParallelism
    }

    /// Runs that the study will make, for the progress estimate.
    public func plannedRuns(_ options: RunOptions) -> Int {
        let perRow = options.warmup + options.repeatCount
        let skipped = hasOwnGIL ? 0 : threadCounts.count
        return (GILCatalogue.variants.count * threadCounts.count - skipped + switchIntervalsMS.count) * perRow
    }

    var hasOwnGIL: Bool {
        guard let version = python?.version.split(separator: ".").compactMap({ Int($0) }), version.count >= 2 else { return false }
        return version[0] > 3 || (version[0] == 3 && version[1] >= 12)
    }

    public func params(for variant: GILVariant) -> [String: Int] {
        switch variant.model {
        case "sleep": return ["sleep_us": Int(sizes.sleepSeconds * 1e6)]
        case "sha256": return ["size": sizes.hashBytes]
        case "zlib": return ["size": sizes.zlibBytes]
        default: return ["n": sizes.n]
        }
    }

    public func run(_ runner: Runner) -> [ScenarioResult] {
        var rows: [VariantResult] = []
        for variant in GILCatalogue.variants {
            for threads in threadCounts {
                var row = VariantResult(id: variant.id, language: variant.language, model: variant.model,
                                        title: variant.title, workers: threads, threads: threads, status: .ok)
                if variant.needsOwnGIL && !hasOwnGIL {
                    row.status = .skipped
                    row.reason = "needs CPython ≥ 3.12 (embedded: \(python?.version ?? "unknown")); build with make PYTHON=<python3.12+>"
                    rows.append(row)
                    continue
                }
                measure(&row, workerSpec(variant, threads: threads, options: runner.options),
                        label: "gil \(variant.id) \(variant.model) ×\(threads)", runner: runner)
                rows.append(row)
            }
        }
        Self.finish(&rows, sizes: sizes, nativeParallelism: nativeParallelism)
        let verdicts = Self.verdicts(rows)
        var scenarios = [ScenarioResult(name: "gil", title: "the GIL against true pthread parallelism",
                                        params: ["n": sizes.n, "threads_max": threadCounts.max() ?? 1],
                                        variants: rows, verdicts: verdicts)]
        if !switchIntervalsMS.isEmpty { scenarios.append(sweep(runner)) }
        return scenarios
    }

    /// Measures one row: its counted runs, and the concurrency the worker measured.
    func measure(_ row: inout VariantResult, _ spec: WorkerSpec, label: String, runner: Runner) {
        let (samples, failure) = runner.repeated(label: label) { runner.measure(spec) }
        Aggregate.fill(&row, samples: samples, failure: failure)
        row.concurrency = row.extra?["concurrency"]
    }

    func workerSpec(_ variant: GILVariant, threads: Int, options: RunOptions, switchInterval: Double? = nil) -> WorkerSpec {
        var spec = WorkerSpec(kind: .gil)
        spec.scenario = "gil"
        spec.variant = variant.id
        spec.params = params(for: variant)
        spec.pythonExecutable = options.pythonExecutable
        spec.startMethod = options.startMethod
        spec.fault = options.faults[variant.id]
        spec.options = ["model": variant.model, "threads": String(threads), "language": variant.language]
        if let switchInterval { spec.options["switch_interval_s"] = String(switchInterval) }
        return spec
    }

    /// sys.setswitchinterval on the Python-threads row, at the largest thread count.
    func sweep(_ runner: Runner) -> ScenarioResult {
        let variant = GILCatalogue.variants[0]
        let threads = max(2, threadCounts.max() ?? 2)
        var rows: [VariantResult] = []
        for milliseconds in switchIntervalsMS {
            let label = "switch interval \(Format.number(milliseconds, digits: milliseconds < 1 ? 1 : 0)) ms"
            var row = VariantResult(id: variant.id, language: variant.language, model: "switch-\(milliseconds)ms",
                                    title: label, workers: threads, threads: threads, status: .ok)
            measure(&row, workerSpec(variant, threads: threads, options: runner.options, switchInterval: milliseconds / 1000),
                    label: "gil \(label) ×\(threads)", runner: runner)
            let expected = String(SumOfSquares.expected(n: sizes.n, tasks: threads))
            row.resultOK = row.result.map { $0 == expected }
            rows.append(row)
        }
        var verdicts: [String] = []
        let measured = rows.filter { $0.wallSeconds != nil }
        if measured.count > 1 {
            let walls = measured.map { "\($0.title): \(Format.duration($0.wallSeconds?.median))" }
            let switches = measured.map { row in
                "\(Format.number(row.extra?["switch_interval_s"].map { $0 * 1000 }, digits: 1)) ms: "
                    + "\((row.contextSwitches?.voluntary ?? 0) + (row.contextSwitches?.involuntary ?? 0))"
            }
            let concurrency = measured.compactMap(\.concurrency)
            verdicts.append("Python threads ×\(threads), wall per switch interval — " + walls.joined(separator: "; ") + ".")
            verdicts.append("Context switches of the worker process — " + switches.joined(separator: "; ")
                + "; concurrency stayed between \(Format.number(concurrency.min())) and \(Format.number(concurrency.max())).")
        }
        return ScenarioResult(name: "gil-switch-interval", title: "sys.setswitchinterval and Python threads",
                              params: ["n": sizes.n, "threads": threads], variants: rows, verdicts: verdicts)
    }

    /// Speedup over the same variant on 1 thread, counting work done: each
    /// thread does one task, so speedup = threads × wall(1) / wall(threads).
    /// Results are checked against what the row must return.
    static func finish(_ rows: inout [VariantResult], sizes: GILSizes, nativeParallelism: Double) {
        for index in rows.indices {
            let row = rows[index]
            let threads = row.threads ?? 1
            if let one = rows.first(where: { $0.id == row.id && $0.model == row.model && $0.threads == 1 })?.wallSeconds?.median,
               let wall = row.wallSeconds?.median, wall > 0 {
                rows[index].speedup = Double(threads) * one / wall
            }
            guard let variant = GILCatalogue.variants.first(where: { $0.id == row.id && $0.model == row.model }) else { continue }
            let expected = variant.runsKernel ? String(SumOfSquares.expected(n: sizes.n, tasks: threads)) : String(threads)
            if let result = row.result {
                rows[index].resultOK = result == expected
                if result != expected && row.status == .ok {
                    rows[index].reason = "result \(result) differs from the expected \(expected)"
                }
            }
            rows[index].verdict = Self.rowVerdict(rows[index], variant: variant, nativeParallelism: nativeParallelism)
        }
    }

    /// Every row says something: why it did not run, that it is the
    /// 1-thread baseline, or what its threads did.
    static func rowVerdict(_ row: VariantResult, variant: GILVariant, nativeParallelism: Double) -> String? {
        if row.status != .ok { return "\(variant.subject): \(row.status.rawValue) — \(row.reason ?? "")" }
        let threads = row.threads ?? 1
        if threads == 1 { return "\(variant.subject): 1 thread — the baseline for speedup" }
        return GILVerdict.verdict(subject: variant.subject, model: variant.model, sharesGIL: variant.sharesGIL, threads: threads,
                                  speedup: row.speedup, concurrency: row.concurrency, nativeParallelism: nativeParallelism)
    }

    /// One verdict per variant: its row at the largest thread count measured.
    static func verdicts(_ rows: [VariantResult]) -> [String] {
        GILCatalogue.variants.compactMap { variant in
            let mine = rows.filter { $0.id == variant.id && $0.model == variant.model }
            if let unusual = mine.first(where: { $0.status != .ok }) { return unusual.verdict }
            return mine.max { ($0.threads ?? 0) < ($1.threads ?? 0) }?.verdict
        }
    }
}
