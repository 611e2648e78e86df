import Foundation
import Measure
import Report

/// How to measure: repeats, limits, sizes, interpreter and start method.
public struct RunOptions: Sendable {
    public var repeatCount = 5
    public var warmup = 1
    public var timeout: Double = 120
    public var memoryLimitBytes = Int(ProcessInfo.processInfo.physicalMemory / 2)
    public var quick = false
    public var overrides: [String: Int] = [:]
    public var startMethod = "fork"
    public var pythonExecutable: String?
    /// Variant id -> injected fault (pyvs's own tests).
    public var faults: [String: String] = [:]
    /// Only these variant ids, when set.
    public var only: Set<String>?

    public init() {}

    public static func with(python: String?) -> RunOptions {
        var options = RunOptions()
        options.pythonExecutable = python
        return options
    }
}

/// One counted run that produced a result.
public struct RunSample: Sendable {
    public var wall: Double
    public var cpu: Double
    public var processWall: Double
    public var user: Double
    public var system: Double
    public var peakRSS: Int
    public var treePeakRSS: Int
    public var treePeakProcesses: Int = 1
    public var switches: ContextSwitches
    public var result: String
    public var extra: [String: Double]
    public var payload: String?
    public var loops: Int = 1
}

/// A run that did not produce a result, and why.
public struct RunFailure: Error, Sendable {
    public var status: RunStatus
    public var reason: String
}

/// Measures variants, each run in a fresh worker process (the pyvs binary in
/// its hidden worker mode), and aggregates them into report rows.
public final class Runner {
    public let options: RunOptions
    public let progress: ProgressLine

    public init(options: RunOptions, progress: ProgressLine) {
        self.options = options
        self.progress = progress
    }

    /// Runs one worker process and turns what happened into a sample or a failure.
    public func measure(_ spec: WorkerSpec, timeout: Double? = nil, environment: [String: String] = [:]) -> Result<RunSample, RunFailure> {
        var child = Worker.process(spec, timeout: timeout ?? options.timeout,
                                   memoryLimitBytes: options.memoryLimitBytes, captureLimitBytes: 256 << 10)
        for (key, value) in environment { child.environment[key] = value }
        return Outcome.interpret(child.run(), timeout: child.timeout)
    }

    /// Facts about the embedded CPython, read in a worker.
    public func pythonInfo() -> PythonInfo? {
        var spec = WorkerSpec(kind: .pythonInfo)
        spec.pythonExecutable = options.pythonExecutable
        if case .success(let sample) = measure(spec, timeout: 60), let payload = sample.payload {
            return try? JSONDecoder().decode(PythonInfo.self, from: Data(payload.utf8))
        }
        return nil
    }

    /// Measures every variant of a scenario: warm-up runs, then counted runs.
    /// A variant whose run fails stops there; the others still run.
    public func run(_ scenario: ScenarioSpec) -> ScenarioResult {
        let params = scenario.resolve(quick: options.quick, overrides: options.overrides)
        let variants = scenario.variants.filter { options.only?.contains($0.id) ?? true }
        var rows: [VariantResult] = []
        for variant in variants {
            var spec = WorkerSpec(kind: .variant)
            spec.scenario = scenario.name
            spec.variant = variant.id
            spec.params = params
            spec.fault = options.faults[variant.id]
            spec.pythonExecutable = options.pythonExecutable
            spec.startMethod = options.startMethod
            var row = VariantResult(id: variant.id, language: variant.language.rawValue, model: variant.model,
                                    title: variant.title, workers: variant.workerCount(params), status: .ok)
            let (samples, failure) = repeated(label: "\(scenario.name) \(variant.id)") { self.measure(spec) }
            Aggregate.fill(&row, samples: samples, failure: failure)
            rows.append(row)
        }
        Aggregate.compare(&rows, expected: scenario.expected(params))
        return ScenarioResult(name: scenario.name, title: scenario.title, params: params,
                              expectedResult: scenario.expected(params), variants: rows)
    }

    /// Warm-up runs (not counted), then counted runs, stopping at the first failure.
    public func repeated(label: String, _ once: () -> Result<RunSample, RunFailure>) -> ([RunSample], RunFailure?) {
        let total = options.warmup + options.repeatCount
        var samples: [RunSample] = []
        for index in 0..<total {
            let warm = index < options.warmup
            progress.step(label, detail: warm ? "warm-up \(index + 1)/\(options.warmup)"
                                              : "run \(index - options.warmup + 1)/\(options.repeatCount)")
            switch once() {
            case .success(let sample): if !warm { samples.append(sample) }
            case .failure(let failure):
                progress.note("\(label): \(failure.status.rawValue): \(failure.reason)")
                progress.skip(total - index - 1)
                return (samples, failure)
            }
        }
        return (samples, nil)
    }
}
