import Contract
import Measure

/// How many workers a variant uses.
public enum WorkerRule: Sendable {
    case one          // a single thread of execution
    case param(String) // the value of a parameter (tasks, threads, workers)
    case cores        // the runtime's own pool, as wide as the online cores
}

/// What a variant's measured region returned: its exact result, the CPU
/// time its own threads measured (where they do), and scenario metrics.
public struct VariantOutput: Codable, Sendable, Equatable {
    public var result: String
    public var threadCPUSeconds: Double?
    public var metrics: [String: Double]

    public init(result: String, threadCPUSeconds: Double? = nil, metrics: [String: Double] = [:]) {
        self.result = result; self.threadCPUSeconds = threadCPUSeconds; self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey { case result, threadCPUSeconds = "thread_cpu_s", metrics }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        result = try container.decode(String.self, forKey: .result)
        threadCPUSeconds = try container.decodeIfPresent(Double.self, forKey: .threadCPUSeconds)
        metrics = try container.decodeIfPresent([String: Double].self, forKey: .metrics) ?? [:]
    }
}

/// How a variant runs inside its worker process.
public enum Implementation: Sendable {
    /// A function of the scenario's Python module, called with the parameters
    /// (and `start_method`) as keyword arguments, plus `arguments`.
    case python(function: String, arguments: [String: Int] = [:])
    /// Native Swift; the embedded CPython is not started.
    case swift(@Sendable (Params) throws -> VariantOutput)
    /// Swift driving the embedded CPython: it is started first, and the
    /// calling thread holds the GIL when the body runs.
    case host(@Sendable (Params) throws -> VariantOutput)
    /// A program in another runtime's language, built once per run (see
    /// `ProgramBuild`) and run in the worker with the parameters as its
    /// arguments; it prints its output as one JSON line.
    case program(Program)
}

/// A scenario's program in another language: its runtime (an id of
/// `Runtimes.all`), its source (relative to pyvs's data folder:
/// "runtimes/go/massive.go"), and its arguments: `mode` words first
/// ("serial"), then the values of the parameters `arguments` names, in order.
public struct Program: Sendable, Equatable {
    public var runtime: String
    public var source: String
    public var mode: [String]
    public var arguments: [String]

    public init(runtime: String, source: String, mode: [String] = [], arguments: [String]) {
        self.runtime = runtime; self.source = source; self.mode = mode; self.arguments = arguments
    }
}

/// One implementation of a scenario: a Python function or a Swift model.
public struct VariantSpec: Sendable {
    public let id: String
    public let language: Language
    public let model: Model
    public let title: String
    public let workers: WorkerRule
    public let implementation: Implementation
    /// How conclusions name the variant ("Python threads").
    public var subject: String
    /// Free-form facts a scenario's verdicts read (e.g. "shares-gil").
    public var tags: Set<String> = []
    /// Variants of one kind of work within a scenario (speedups are taken
    /// against the serial variant of the same group and language).
    public var group: String?
    /// The exact result when it differs from the scenario's (a closure
    /// returning nil: the variant's result is a finding, not checked).
    public var expected: (@Sendable (Params) -> String?)?
    /// Resident bytes one task of this variant needs at most (with
    /// headroom), where a scenario refuses sizes that cannot fit.
    public var bytesPerTask: Int?
    /// Why the variant cannot run with this Python (nil when it can).
    public var unavailable: @Sendable (PythonInfo?) -> RowProblem? = { _ in nil }

    public init(_ id: String, _ language: Language, _ model: Model, _ title: String, workers: WorkerRule = .one,
                subject: String? = nil, tags: Set<String> = [], _ implementation: Implementation) {
        self.id = id; self.language = language; self.model = model; self.title = title
        self.workers = workers; self.implementation = implementation; self.subject = subject ?? title; self.tags = tags
    }

    public static func python(_ id: String, _ model: Model, _ title: String, workers: WorkerRule = .one, subject: String? = nil,
                              tags: Set<String> = [], function: String, arguments: [String: Int] = [:]) -> VariantSpec {
        VariantSpec(id, .python, model, title, workers: workers, subject: subject, tags: tags,
                    .python(function: function, arguments: arguments))
    }

    public static func swift(_ id: String, _ model: Model, _ title: String, workers: WorkerRule = .one, subject: String? = nil,
                             tags: Set<String> = [], _ body: @escaping @Sendable (Params) throws -> VariantOutput) -> VariantSpec {
        VariantSpec(id, .swift, model, title, workers: workers, subject: subject, tags: tags, .swift(body))
    }

    public static func program(_ id: String, _ language: Language, _ model: Model, _ title: String, workers: WorkerRule = .one,
                               subject: String? = nil, _ program: Program) -> VariantSpec {
        VariantSpec(id, language, model, title, workers: workers, subject: subject, .program(program))
    }

    /// The variant with its memory per task declared.
    public func needing(bytesPerTask: Int) -> VariantSpec {
        var variant = self
        variant.bytesPerTask = bytesPerTask
        return variant
    }

    /// The result this variant must return with these parameters, if any.
    public func expectedResult(_ params: Params, scenario: ScenarioSpec) -> String? {
        if let expected { return expected(params) }
        return scenario.expected(params)
    }

    public func workerCount(_ params: Params) -> Int {
        switch workers {
        case .one: return 1
        case .param(let name): return params[name] ?? 1
        case .cores: return MachineInfo.onlineCores
        }
    }

    public var runsPython: Bool {
        switch implementation {
        case .python, .host: return true
        case .swift, .program: return false
        }
    }
}
