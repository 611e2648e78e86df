import Console
import Contract
import Dispatch
import Kernels
import Measure
import Synchronization

/// cpu-bound: T tasks of `sum(i*i for i in range(n))` in every concurrency
/// model, Python (`pyvs_py.cpu_bound`) beside native Swift.
extension Catalogue {
    public static let cpuBound: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "cpu-bound",
            title: "T tasks of sum(i*i for i in range(n))",
            source: "reference document §2 test 1, §4, §6.2.2",
            pythonModule: "pyvs_py.cpu_bound",
            parameters: [
                ParameterSpec("n", default: 5_000_000, quick: 200_000, range: 1...2_000_000_000, help: "loop length of one task"),
                ParameterSpec("tasks", default: 4, quick: 2, range: 1...256, help: "number of tasks"),
                ParameterSpec("workers", default: MachineInfo.onlineCores, quick: 2, range: 1...256,
                              help: "pool size: Pool.map, ProcessPoolExecutor, Swift threads and processes"),
            ],
            variants: [
                .python("py.serial", .serial, "one thread, tasks in turn", function: "serial"),
                .python("py.threads", .threads, "threading.Thread per task", workers: .param("tasks"), function: "threads"),
                .python("py.processes", .processes, "multiprocessing.Process per task", workers: .param("tasks"), function: "processes"),
                .python("py.pool", .pool, "multiprocessing.Pool.map", workers: .param("workers"), function: "pool"),
                .python("py.executor", .executor, "ProcessPoolExecutor.map", workers: .param("workers"), function: "executor"),
                .python("py.asyncio", .asyncio, "asyncio.gather of coroutines", function: "asyncio_gather"),
                CPUBound.needsInterpreters(.python("py.subinterpreters", "subinterpreters", "interpreters with their own GIL (PEP 734)",
                                                   workers: .param("workers"), function: "subinterpreters")),
                .swift("swift.serial", .serial, "one thread, tasks in turn") { p in
                    CPUBound.output(CPUBound.serial(n: p.n, tasks: p.tasks))
                },
                .swift("swift.threads", .threads, "pthreads sharing the tasks", workers: .param("workers")) { p in
                    let run = CPUBound.threads(n: p.n, tasks: p.tasks, workers: p.workers)
                    var metrics = [CPUBound.threadStartKey: run.startupSeconds]
                    metrics[CPUBound.sharedCPUKey] = run.sharedCPU
                    return VariantOutput(result: String(run.total), threadCPUSeconds: run.threadCPUSeconds, metrics: metrics)
                },
                .swift("swift.dispatch", .dispatch, "DispatchQueue.concurrentPerform", workers: .cores) { p in
                    CPUBound.output(CPUBound.dispatch(n: p.n, tasks: p.tasks))
                },
                .swift("swift.taskgroup", .taskGroup, "TaskGroup (structured concurrency)", workers: .cores) { p in
                    let (n, tasks) = (p.n, p.tasks)
                    return CPUBound.output(blockingAwait { await CPUBound.taskGroup(n: n, tasks: tasks) })
                },
                .swift("swift.processes", .processes, "forked worker processes sharing the tasks", workers: .param("workers")) { p in
                    CPUBound.output(try CPUBound.processes(n: p.n, tasks: p.tasks, workers: p.workers))
                },
            ] + CPUBound.otherRuntimes)
        spec.counterparts = [
            Counterpart(python: "py.serial", swift: "swift.serial"),
            // Both: `workers` processes sharing the tasks.
            Counterpart(python: "py.pool", swift: "swift.processes"),
            Counterpart(python: "py.threads", swift: "swift.threads",
                        differs: "a thread per task beside one pthread per worker sharing the tasks"),
            Counterpart(python: "py.asyncio", swift: "swift.taskgroup",
                        differs: "coroutines taking turns on one thread beside tasks running on every core"),
        ]
        spec.expected = { p in String(SumOfSquares.expected(n: p.n, tasks: p.tasks)) }
        spec.reference = .parameter("workers")
        spec.conclude = CPUBound.conclude
        let work: Params = ["n": 2_000_000, "tasks": 4]
        let nativeWork: Params = ["n": 100_000_000, "tasks": 4]
        spec.claims = [
            ClaimJudge(.thread, .speedup, variant: "py.threads", metric: "speedup", params: work),
            ClaimJudge(.process, .speedup, variant: "py.processes", metric: "speedup", params: work),
            ClaimJudge(.pool, .speedup, variant: "py.pool", metric: "speedup", params: work),
            ClaimJudge(.pool, .speedup, variant: "py.executor", metric: "speedup", params: work, named: "ProcessPoolExe?cutor"),
            ClaimJudge(.coroutine, .speedup, variant: "py.asyncio", metric: "speedup", params: work),
            ClaimJudge(.thread, .parallelism, variant: "py.threads", metric: "parallelism", params: work),
            ClaimJudge(.process, .parallelism, variant: "py.processes", metric: "parallelism", params: work),
            ClaimJudge(.pool, .parallelism, variant: "py.pool", metric: "parallelism", params: work),
            ClaimJudge(.pool, .parallelism, variant: "py.executor", metric: "parallelism", params: work, named: "ProcessPoolExe?cutor"),
            ClaimJudge(.coroutine, .parallelism, variant: "py.asyncio", metric: "parallelism", params: work),
            ClaimJudge(.subinterpreter, .speedup, variant: "py.subinterpreters", metric: "speedup", params: work),
            ClaimJudge(.subinterpreter, .parallelism, variant: "py.subinterpreters", metric: "parallelism", params: work),
            // Other runtimes' threads, where their toolchains are installed, on fifty times the work: at the
            // Python size a Go task takes 2 ms and its runtime's start blurs the parallelism (1.43 against
            // 1.85 at n 100000000; `pyvs run cpu-bound --only go.serial,go.goroutines --param n=…`).
            ClaimJudge(.goroutine, .speedup, variant: "go.goroutines", metric: "speedup", params: nativeWork),
            ClaimJudge(.goroutine, .parallelism, variant: "go.goroutines", metric: "parallelism", params: nativeWork),
            ClaimJudge(.javaThread, .speedup, variant: "java.threads", metric: "speedup", params: nativeWork),
            ClaimJudge(.javaThread, .parallelism, variant: "java.threads", metric: "parallelism", params: nativeWork),
            ClaimJudge(.cppThread, .speedup, variant: "cpp.threads", metric: "speedup", params: nativeWork),
            ClaimJudge(.cppThread, .parallelism, variant: "cpp.threads", metric: "parallelism", params: nativeWork),
        ]
        spec.hiddenMetrics = [
            MetricSpec(key: CPUBound.threadStartKey, label: "thread start", unit: .seconds),
            MetricSpec(key: CPUBound.sharedCPUKey, label: "shared CPU", unit: .ratio, perCall: .mean),
        ]
        return spec
    }()
}

/// The Swift side of cpu-bound: `tasks` tasks of `SumOfSquares.task(n)`,
/// summed exactly, in each concurrency model.
public enum CPUBound {
    /// PEP 734's interpreters are importable as `concurrent.interpreters`
    /// on 3.14 and through the `interpreters-pep-734` backport on 3.13 (make
    /// pythons installs it); elsewhere the row says so.
    static func needsInterpreters(_ variant: VariantSpec) -> VariantSpec {
        var variant = variant
        variant.unavailable = { python in
            guard let python, python.extras["interpreters"] != true else { return nil }
            return .needs(.interpreters, python: python.version)
        }
        return variant
    }

    /// The same kernel, 128-bit sums and all, in the runtimes the documents
    /// compare: one thread in turn, and `workers` threads (goroutines)
    /// taking the tasks one at a time (runtimes/). Java's start (about 80
    /// ms of JVM here) is in its wall: compare its rows at a larger --n.
    static let otherRuntimes: [VariantSpec] = [
        (Language.go, "go", "runtimes/go/cpu_bound.go", "goroutines", "goroutines taking the tasks, a sync.WaitGroup"),
        (.rust, "rust", "runtimes/rust/cpu_bound", "threads", "std::thread::scope threads taking the tasks"),
        (.cpp, "cpp", "runtimes/cpp/cpu_bound.cpp", "threads", "std::thread workers taking the tasks"),
        (.java, "java", "runtimes/java/CpuBound.java", "threads", "java.lang.Thread workers taking the tasks"),
    ].flatMap { language, runtime, source, parallel, how in
        [VariantSpec.program("\(runtime).serial", language, .serial, "one thread, tasks in turn",
                             Program(runtime: runtime, source: source, mode: ["serial"], arguments: ["n", "tasks", "workers"])),
         VariantSpec.program("\(runtime).\(parallel)", language, Model(rawValue: parallel), how, workers: .param("workers"),
                             Program(runtime: runtime, source: source, mode: [parallel], arguments: ["n", "tasks", "workers"]))]
    }

    public static func serial(n: Int, tasks: Int) -> UInt128 {
        (0..<tasks).reduce(0) { total, _ in total &+ SumOfSquares.task(n: n) }
    }

    /// `workers` new pthreads taking the tasks one at a time (a thread per
    /// core: more threads than cores only adds scheduling), while the
    /// calling thread waits for them. Each returns its partial sum from
    /// join, when it began to run, on which CPU, and the CPU time it used:
    /// how long starting the threads took, whether the kernel put two of
    /// them on one CPU, and the threads' measured concurrency. (When the
    /// calling thread took tasks beside one new thread, the kernel left the
    /// new thread on the caller's CPU for 1-2 ms in up to 60 % of the loops
    /// of some processes and in none of others: the row's speedup moved
    /// between 1.23 and 1.95 from run to run here. A C program that does
    /// the same shows it too; with the caller waiting, neither does.)
    public static func threads(n: Int, tasks: Int, workers: Int) -> ThreadsRun {
        let counter = TaskCounter(count: tasks)
        let started = Clock.now()
        let work: @Sendable () -> (total: UInt128, begun: Double, cpu: Int?) = {
            let begun = Clock.now()
            let cpu = Clock.currentCPU()
            var total: UInt128 = 0
            while counter.take() != nil { total &+= SumOfSquares.task(n: n) }
            return (total, begun, cpu)
        }
        let threads = (0..<max(1, min(workers, tasks))).map { _ in NativeThread(work) }
        let joined = threads.map { $0.join() }
        let total = joined.reduce(0) { $0 &+ $1.value.total }
        let lastStart = joined.map(\.value.begun).max() ?? started
        let cpus = joined.map(\.value.cpu)
        let known = cpus.compactMap { $0 }
        return ThreadsRun(total: total, startupSeconds: lastStart - started,
                          threadCPUSeconds: joined.reduce(0) { $0 + $1.cpuSeconds },
                          sharedCPU: known.count == cpus.count ? (Set(known).count < known.count ? 1 : 0) : nil)
    }

    public struct ThreadsRun: Sendable {
        public var total: UInt128
        public var startupSeconds: Double
        public var threadCPUSeconds: Double
        /// 1 when two of the threads began on the same CPU, 0 when each began
        /// on its own, nil when the kernel did not say.
        public var sharedCPU: Double?
    }

    static let threadStartKey = "thread_start_s"
    static let sharedCPUKey = "shared_cpu_share"

    /// How much of each threaded row went to starting its threads, and how
    /// often the kernel put two of them on one CPU.
    static func conclude(_ outcome: ScenarioOutcome) -> [Conclusion] {
        outcome.rows.compactMap { row in
            guard let startup = row.extra?[threadStartKey], let wall = row.wallSeconds?.median, wall > 0 else { return nil }
            return .threadStartup(row: row.label, startup: startup, wall: wall, concurrency: row.concurrency, shared: row.extra?[sharedCPUKey])
        }
    }

    /// DispatchQueue.concurrentPerform: Dispatch picks the width (the cores).
    public static func dispatch(n: Int, tasks: Int) -> UInt128 {
        let total = Mutex<UInt128>(0)
        DispatchQueue.concurrentPerform(iterations: tasks) { _ in
            let value = SumOfSquares.task(n: n)
            total.withLock { $0 &+= value }
        }
        return total.withLock { $0 }
    }

    /// Structured concurrency: a TaskGroup on the cooperative pool.
    public static func taskGroup(n: Int, tasks: Int) async -> UInt128 {
        await withTaskGroup(of: UInt128.self) { group in
            for _ in 0..<tasks { group.addTask { SumOfSquares.task(n: n) } }
            var total: UInt128 = 0
            for await value in group { total &+= value }
            return total
        }
    }

    /// `workers` forked processes; worker k runs tasks k, k+workers, ...
    public static func processes(n: Int, tasks: Int, workers: Int) throws -> UInt128 {
        let count = max(1, min(workers, tasks))
        let partials = try ForkedWorkers.run(count: count) { worker in
            var value: UInt128 = 0
            var task = worker
            while task < tasks {
                value &+= SumOfSquares.task(n: n)
                task += count
            }
            return value
        }
        return partials.reduce(0, &+)
    }

    static func output(_ value: UInt128) -> VariantOutput { VariantOutput(result: String(value)) }
}
