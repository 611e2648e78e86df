import Kernels
import Measure

/// How many workers a variant uses.
public enum WorkerRule: Sendable {
    case one          // a single thread of execution
    case perTask      // one thread or process per task
    case option       // the --workers option (default: online cores)
    case cores        // the runtime's own pool, as wide as the online cores
}

/// One implementation of a scenario: a Python function or a Swift model.
public struct VariantSpec: Sendable {
    public enum Language: String, Sendable { case python, swift }
    public let id: String
    public let language: Language
    public let model: String
    /// The Python function in the scenario's module, or the Swift model name.
    public let entry: String
    public let title: String
    public let workers: WorkerRule

    public func workerCount(_ params: [String: Int]) -> Int {
        switch workers {
        case .one: return 1
        case .perTask: return params["tasks"] ?? 1
        case .option: return params["workers"] ?? MachineInfo.onlineCores
        case .cores: return MachineInfo.onlineCores
        }
    }
}

public struct ParameterSpec: Sendable {
    public let name: String
    public let defaultValue: Int
    public let quickValue: Int
    public let range: ClosedRange<Int>
    public let help: String
}

/// A scenario of the catalogue: the claim it measures, its parameters, its
/// variants, and how the Swift side runs and what the right result is.
public struct ScenarioSpec: Sendable {
    public let name: String
    public let title: String
    public let source: String
    public let pythonModule: String
    public let parameters: [ParameterSpec]
    public let variants: [VariantSpec]
    /// The Swift side: model name and parameters to the exact result.
    public let runSwift: @Sendable (_ model: String, _ params: [String: Int]) throws -> String
    /// The correct result in closed form, where there is one.
    public let expected: @Sendable (_ params: [String: Int]) -> String?

    public func variant(_ id: String) -> VariantSpec? { variants.first { $0.id == id } }

    /// Parameters: defaults (or quick sizes), then the user's overrides.
    public func resolve(quick: Bool, overrides: [String: Int]) -> [String: Int] {
        var params: [String: Int] = [:]
        for parameter in parameters { params[parameter.name] = quick ? parameter.quickValue : parameter.defaultValue }
        for (name, value) in overrides where params[name] != nil { params[name] = value }
        return params
    }
}

public enum Catalogue {
    public static let scenarios: [ScenarioSpec] = [cpuBound]

    public static func scenario(named name: String) -> ScenarioSpec? { scenarios.first { $0.name == name } }

    public static var names: [String] { scenarios.map(\.name) }

    static let cpuBound = ScenarioSpec(
        name: "cpu-bound",
        title: "T tasks of sum(i*i for i in range(n))",
        source: "reference document §2 test 1, §4, §6.2.2",
        pythonModule: "pyvs_py.cpu_bound",
        parameters: [
            ParameterSpec(name: "n", defaultValue: 5_000_000, quickValue: 200_000, range: 1...2_000_000_000,
                          help: "loop length of one task"),
            ParameterSpec(name: "tasks", defaultValue: 4, quickValue: 2, range: 1...256, help: "number of tasks"),
            ParameterSpec(name: "workers", defaultValue: MachineInfo.onlineCores, quickValue: 2, range: 1...256,
                          help: "pool size: Pool.map, ProcessPoolExecutor, Swift threads and processes"),
        ],
        variants: [
            VariantSpec(id: "py.serial", language: .python, model: "serial", entry: "serial",
                        title: "one thread, tasks in turn", workers: .one),
            VariantSpec(id: "py.threads", language: .python, model: "threads", entry: "threads",
                        title: "threading.Thread per task", workers: .perTask),
            VariantSpec(id: "py.processes", language: .python, model: "processes", entry: "processes",
                        title: "multiprocessing.Process per task", workers: .perTask),
            VariantSpec(id: "py.pool", language: .python, model: "pool", entry: "pool",
                        title: "multiprocessing.Pool.map", workers: .option),
            VariantSpec(id: "py.executor", language: .python, model: "executor", entry: "executor",
                        title: "ProcessPoolExecutor.map", workers: .option),
            VariantSpec(id: "py.asyncio", language: .python, model: "asyncio", entry: "asyncio_gather",
                        title: "asyncio.gather of coroutines", workers: .one),
            VariantSpec(id: "swift.serial", language: .swift, model: "serial", entry: "serial",
                        title: "one thread, tasks in turn", workers: .one),
            VariantSpec(id: "swift.threads", language: .swift, model: "threads", entry: "threads",
                        title: "pthreads sharing the tasks", workers: .option),
            VariantSpec(id: "swift.dispatch", language: .swift, model: "dispatch", entry: "dispatch",
                        title: "DispatchQueue.concurrentPerform", workers: .cores),
            VariantSpec(id: "swift.taskgroup", language: .swift, model: "taskgroup", entry: "taskgroup",
                        title: "TaskGroup (structured concurrency)", workers: .cores),
            VariantSpec(id: "swift.processes", language: .swift, model: "processes", entry: "processes",
                        title: "forked worker processes sharing the tasks", workers: .option),
        ],
        runSwift: { model, params in
            String(try CPUBoundVariants.run(model: model, n: params["n"]!, tasks: params["tasks"]!, workers: params["workers"]!))
        },
        expected: { params in String(SumOfSquares.expected(n: params["n"]!, tasks: params["tasks"]!)) }
    )
}
