import Console
import Contract
import Measure

/// massive: T concurrent tasks that each sleep d seconds, T up to a million:
/// wall time, the process's peak memory and bytes per task, Python
/// (`pyvs_py.massive`) beside three Swift models of a sleeping task.
extension Catalogue {
    public static let massive: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "massive",
            title: "T concurrent tasks, each sleeping d",
            source: "reference document §6.4.2, and the memory table of a million tasks the documents cite",
            pythonModule: "pyvs_py.massive",
            parameters: [
                ParameterSpec("sleep_ms", default: 2000, quick: 100, range: 100...60_000, help: "how long every task sleeps, ms"),
            ],
            series: SeriesSpec("tasks", default: [10_000, 100_000, 1_000_000], quick: [10_000, 100_000], range: 1...10_000_000,
                               help: "concurrent tasks, comma-separated", display: { "×" + Format.count($0) }),
            variants: [
                // Each with the resident bytes a task needs at most: measured on
                // this machine kind (`pyvs run massive`), then rounded up by
                // about half so a refusal is never a close call.
                .python("py.asyncio", .asyncio, "asyncio.gather of tasks awaiting asyncio.sleep", function: "asyncio_tasks")
                    .needing(bytesPerTask: 2_400),
                .python("py.threads", .threads, "a threading.Thread per task, time.sleep", workers: .param("tasks"), function: "threads")
                    .needing(bytesPerTask: 40_000),
                .swift("swift.task-sleep", .taskGroup, "a task per sleeper, Task.sleep", workers: .cores) { p in
                    Massive.taskSleep(p)
                }.needing(bytesPerTask: 2_400),
                .swift("swift.continuations", .taskGroup, "tasks parked on continuations, one timer resumes them", workers: .cores) { p in
                    Massive.continuations(p)
                }.needing(bytesPerTask: 2_000),
                .swift("swift.event-loop", .eventLoop, "callbacks on one SwiftNIO event loop's timers", workers: .one) { p in
                    try Massive.eventLoop(p)
                }.needing(bytesPerTask: 300),
                .swift("swift.timer-list", .eventLoop, "callbacks in one timer list on a SwiftNIO loop (Node.js's timers)", workers: .one) { p in
                    try Massive.timerList(p)
                }.needing(bytesPerTask: 200),
                // The runtimes the documents' memory tables compare, each a program of its own (runtimes/).
                .program("go.goroutines", .go, "goroutines", "a goroutine per task, time.Sleep, a sync.WaitGroup", workers: .cores,
                         Program(runtime: "go", source: "runtimes/go/massive.go", arguments: ["tasks", "sleep_ms"]))
                    .needing(bytesPerTask: 4_000),
                .program("rust.tokio", .rust, "tokio", "a tokio task per sleeper, tokio::time::sleep, joined", workers: .cores,
                         Program(runtime: "rust", source: "runtimes/rust/massive", arguments: ["tasks", "sleep_ms"]))
                    .needing(bytesPerTask: 2_200),
                .program("java.threads", .java, .threads, "a java.lang.Thread per task, Thread.sleep, joined", workers: .param("tasks"),
                         Program(runtime: "java", source: "runtimes/java/Massive.java", mode: ["platform"], arguments: ["tasks", "sleep_ms"]))
                    .needing(bytesPerTask: 40_000),
                .program("java.virtual-threads", .java, "virtual-threads", "a virtual thread per task (JDK 21), Thread.sleep, joined",
                         workers: .cores,
                         Program(runtime: "java", source: "runtimes/java/Massive.java", mode: ["virtual"], arguments: ["tasks", "sleep_ms"]))
                    .needing(bytesPerTask: 4_000),
                .program("cpp.threads", .cpp, .threads, "a std::thread per task, sleep_for, joined", workers: .param("tasks"),
                         Program(runtime: "cpp", source: "runtimes/cpp/massive.cpp", arguments: ["tasks", "sleep_ms"]))
                    .needing(bytesPerTask: 16_000),
                .program("node.promises", .node, "promises", "a Promise per task resolved by setTimeout, Promise.all", workers: .one,
                         Program(runtime: "node", source: "runtimes/node/massive.js", arguments: ["tasks", "sleep_ms"]))
                    .needing(bytesPerTask: 1_500),
            ])
        spec.speedup = .noBaseline  // wall beside d, and memory, are the figures
        spec.counterparts = [
            Counterpart(python: "py.asyncio", swift: "swift.task-sleep"),
            Counterpart(python: "py.threads", swift: "swift.continuations",
                        differs: "a thread per sleeper beside tasks parked on continuations that one timer resumes"),
        ]
        spec.expected = { p in Massive.describe(p.tasks) }
        spec.metrics = [
            MetricSpec(key: Massive.residentKey, label: "resident/task", unit: .bytes),
            MetricSpec(key: Massive.virtualKey, label: "virtual/task", unit: .bytes),
        ]
        spec.refuse = Massive.refuse
        spec.conclude = Massive.conclude
        spec.claims = [
            ClaimJudge(.coroutine, .memoryPerUnit, variant: "py.asyncio", metric: Massive.residentKey, params: ["tasks": 100_000, "sleep_ms": 1000]),
            ClaimJudge(.thread, .memoryPerUnit, variant: "py.threads", metric: Massive.residentKey, params: ["tasks": 1000, "sleep_ms": 2000]),
            ClaimJudge(.coroutine, .memoryForCount, variant: "py.asyncio", metric: Massive.residentKey, params: ["tasks": 10_000, "sleep_ms": 1000],
                       count: "tasks", times: "tasks"),
            ClaimJudge(.thread, .memoryForCount, variant: "py.threads", metric: Massive.residentKey, params: ["tasks": 1000, "sleep_ms": 2000],
                       count: "tasks", times: "tasks"),
            // The other runtimes' rows judge what the documents say of theirs.
            ClaimJudge(.goroutine, .memoryPerUnit, variant: "go.goroutines", metric: Massive.residentKey, params: ["tasks": 100_000, "sleep_ms": 1000]),
            ClaimJudge(.goroutine, .memoryForCount, variant: "go.goroutines", metric: Massive.residentKey, params: ["tasks": 10_000, "sleep_ms": 1000],
                       count: "tasks", times: "tasks"),
            ClaimJudge(.rustTask, .memoryPerUnit, variant: "rust.tokio", metric: Massive.residentKey, params: ["tasks": 100_000, "sleep_ms": 1000]),
            ClaimJudge(.rustTask, .memoryForCount, variant: "rust.tokio", metric: Massive.residentKey, params: ["tasks": 10_000, "sleep_ms": 1000],
                       count: "tasks", times: "tasks"),
            ClaimJudge(.javaThread, .memoryPerUnit, variant: "java.threads", metric: Massive.residentKey, params: ["tasks": 1000, "sleep_ms": 2000]),
            ClaimJudge(.javaVirtualThread, .memoryPerUnit, variant: "java.virtual-threads", metric: Massive.residentKey,
                       params: ["tasks": 100_000, "sleep_ms": 1000]),
            ClaimJudge(.javaVirtualThread, .memoryForCount, variant: "java.virtual-threads", metric: Massive.residentKey,
                       params: ["tasks": 10_000, "sleep_ms": 1000], count: "tasks", times: "tasks"),
            ClaimJudge(.nodeAsync, .memoryPerUnit, variant: "node.promises", metric: Massive.residentKey, params: ["tasks": 100_000, "sleep_ms": 1000]),
            ClaimJudge(.nodeAsync, .memoryForCount, variant: "node.promises", metric: Massive.residentKey, params: ["tasks": 10_000, "sleep_ms": 1000],
                       count: "tasks", times: "tasks"),
            ClaimJudge(.coroutine, .wallTime, variant: "py.asyncio", metric: "wall", params: ["tasks": 10_000, "sleep_ms": 100],
                       count: "tasks", sleep: "sleep_ms", requires: [.count, .sleep]),
            ClaimJudge(.thread, .wallTime, variant: "py.threads", metric: "wall", params: ["tasks": 1000, "sleep_ms": 100],
                       count: "tasks", sleep: "sleep_ms", requires: [.count, .sleep]),
        ]
        return spec
    }()
}

/// The Swift side of massive, and what a size would cost before it runs.
public enum Massive {
    static let residentKey = "resident_per_task_bytes"
    static let virtualKey = "virtual_per_task_bytes"

    static func describe(_ tasks: Int) -> String { "\(tasks) tasks woke" }

    /// The figures every variant returns: how many woke (checked against T),
    /// and the rise of the peak resident memory over the memory before the
    /// first task, per task.
    static func output(_ tasks: Int, woke: Int, before: ProcessMemory) -> VariantOutput {
        let peak = ProcessMemory.current().peakResident
        return VariantOutput(result: describe(woke),
                             metrics: [residentKey: Double(max(0, peak - before.resident)) / Double(max(1, tasks))])
    }

    /// d beside each row's wall time, and what a task cost.
    static func conclude(_ outcome: ScenarioOutcome) -> [Conclusion] {
        outcome.rows.compactMap { row in
            guard row.status == .ok, let wall = row.wallSeconds?.median, let resident = row.extra?[residentKey] else { return nil }
            return .wakeups(row: row.label, wall: wall, sleep: Double(outcome.params.sleepMs) / 1000, resident: resident,
                            virtual: row.extra?[virtualKey])
        }
    }
}

extension Params {
    var sleepMs: Int { self["sleep_ms"] ?? 0 }
}
