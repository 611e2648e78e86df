import Console
import Foundation
import Kernels
import Measure
import NIOCore
import NIOPosix
import Synchronization

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
                .python("py.asyncio", .asyncio, "asyncio.gather of tasks awaiting asyncio.sleep", function: "asyncio_tasks"),
                .python("py.threads", .threads, "a threading.Thread per task, time.sleep", workers: .param("tasks"), function: "threads"),
                .swift("swift.task-sleep", .taskGroup, "a task per sleeper, Task.sleep", workers: .cores) { p in
                    Massive.taskSleep(p)
                },
                .swift("swift.continuations", .taskGroup, "tasks parked on continuations, one timer resumes them", workers: .cores) { p in
                    Massive.continuations(p)
                },
                .swift("swift.event-loop", .eventLoop, "callbacks on one SwiftNIO event loop's timers", workers: .one) { p in
                    try Massive.eventLoop(p)
                },
                .swift("swift.timer-list", .eventLoop, "callbacks in one timer list on a SwiftNIO loop (Node.js's timers)", workers: .one) { p in
                    try Massive.timerList(p)
                },
            ])
        spec.speedup = .againstModel("none")  // no serial baseline: wall beside d, and memory, are the figures
        spec.counterparts = [
            Counterpart(python: "py.asyncio", swift: "swift.task-sleep"),
            Counterpart(python: "py.threads", swift: "swift.continuations"),
        ]
        spec.expected = { p in Massive.describe(p.tasks) }
        spec.metrics = [
            MetricSpec(key: Massive.residentKey, label: "resident/task", unit: .bytes),
            MetricSpec(key: Massive.virtualKey, label: "virtual/task", unit: .bytes),
        ]
        spec.refuse = Massive.refuse
        spec.conclude = Massive.conclude
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

    /// A child task per sleeper, each awaiting `Task.sleep`.
    static func taskSleep(_ p: Params) -> VariantOutput {
        let (tasks, sleep) = (p.tasks, Duration.milliseconds(p.sleepMs))
        let before = ProcessMemory.resetPeak()
        return output(tasks, woke: blockingAwait { await sleepingTasks(tasks, sleep) }, before: before)
    }

    /// Runs `count` child tasks that each sleep `sleep`; how many woke.
    static func sleepingTasks(_ count: Int, _ sleep: Duration) async -> Int {
        let woke = Tally()
        await fanOut(count) {
            try? await Task.sleep(for: sleep)
            woke.add()
        }
        return woke.count
    }

    /// A child task per sleeper that parks on a continuation; one timer task
    /// sleeps d once and resumes them all.
    static func continuations(_ p: Params) -> VariantOutput {
        let (tasks, sleep) = (p.tasks, Duration.milliseconds(p.sleepMs))
        let before = ProcessMemory.resetPeak()
        return output(tasks, woke: blockingAwait { await parkedTasks(tasks, sleep) }, before: before)
    }

    /// Runs `count` child tasks parked on one alarm that rings after
    /// `sleep`; how many woke. A task that parks after the alarm rang (when
    /// creating them takes longer than the sleep) is resumed at once.
    static func parkedTasks(_ count: Int, _ sleep: Duration) async -> Int {
        let woke = Tally()
        let alarm = Alarm(capacity: count)
        async let timer: Void = {
            try? await Task.sleep(for: sleep)
            alarm.ring()
        }()
        await fanOut(count) {
            await alarm.wait()
            woke.add()
        }
        await timer
        return woke.count
    }

    /// Children per task group in `fanOut`.
    static let groupSize = 1_000

    /// Runs `body` in `count` child tasks, at most `groupSize` to a discarding
    /// task group, the groups themselves children of one more. A group
    /// detaches a finished child by walking its list of children, so a
    /// million children in one group, finishing while more are still being
    /// added, cost time quadratic in T (100 000 tasks: 2–5 s where these
    /// groups of 1 000 take 0.27 s, measured on this machine kind).
    static func fanOut(_ count: Int, _ body: @escaping @Sendable () async -> Void) async {
        await withDiscardingTaskGroup { groups in
            for start in stride(from: 0, to: count, by: groupSize) {
                let size = min(groupSize, count - start)
                groups.addTask {
                    await withDiscardingTaskGroup { group in
                        for _ in 0..<size { group.addTask(operation: body) }
                    }
                }
            }
        }
    }

    /// How many sleepers woke, counted from any thread.
    final class Tally: Sendable {
        private let value = Atomic<Int>(0)
        func add() { value.add(1, ordering: .relaxed) }
        var count: Int { value.load(ordering: .relaxed) }
    }

    /// One timer, many waiters: continuations kept until it rings.
    final class Alarm: Sendable {
        private struct State {
            var rung = false
            var waiting: [UnsafeContinuation<Void, Never>] = []
        }
        private let state: Mutex<State>

        init(capacity: Int) {
            var initial = State()
            initial.waiting.reserveCapacity(capacity)
            state = Mutex(initial)
        }

        func wait() async {
            await withUnsafeContinuation { continuation in
                let parked = state.withLock { state in
                    if state.rung { return false }
                    state.waiting.append(continuation)
                    return true
                }
                if !parked { continuation.resume() }
            }
        }

        func ring() {
            let waiting = state.withLock { state in
                state.rung = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for continuation in waiting { continuation.resume() }
        }
    }

    /// T callbacks on the timers of one SwiftNIO event loop (the model of
    /// Node.js): no task or thread per sleeper, one counter they share.
    static func eventLoop(_ p: Params) throws -> VariantOutput {
        let (tasks, sleep) = (p.tasks, TimeAmount.milliseconds(Int64(p.sleepMs)))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let before = ProcessMemory.resetPeak()
        let wakeups = Wakeups(expected: tasks, promise: loop.makePromise(of: Int.self))
        let handler = Wakeup(wakeups)
        loop.execute {
            for _ in 0..<tasks {
                do { try loop.scheduleCallback(in: sleep, handler: handler) } catch { wakeups.promise.fail(error); return }
            }
        }
        let woke = try wakeups.promise.futureResult.wait()
        withExtendedLifetime(wakeups) {}
        return output(tasks, woke: woke, before: before)
    }

    /// T callbacks in a timer list on one SwiftNIO event loop, as Node.js
    /// keeps its timers: timers of one duration expire in the order they
    /// were set, so they wait in one first-in-first-out list, and the loop
    /// holds a single timer, for the list's head.
    static func timerList(_ p: Params) throws -> VariantOutput {
        let (tasks, sleep) = (p.tasks, TimeAmount.milliseconds(Int64(p.sleepMs)))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let before = ProcessMemory.resetPeak()
        let promise = loop.makePromise(of: Int.self)
        loop.execute {
            let list = TimerList(loop: loop, duration: sleep, capacity: tasks)
            var woke = 0
            for _ in 0..<tasks {
                list.add {
                    woke += 1
                    if woke == tasks { promise.succeed(woke) }
                }
            }
        }
        return output(tasks, woke: try promise.futureResult.wait(), before: before)
    }

    /// Timers of one duration on one event loop: a queue of (deadline,
    /// callback) in the order they were set, and one loop timer armed for
    /// the head. Used on the loop's thread only.
    final class TimerList {
        private let loop: any EventLoop
        private let duration: TimeAmount
        private var deadlines: [NIODeadline] = []
        private var callbacks: [() -> Void] = []
        private var head = 0
        private var armed = false

        init(loop: any EventLoop, duration: TimeAmount, capacity: Int) {
            self.loop = loop; self.duration = duration
            deadlines.reserveCapacity(capacity); callbacks.reserveCapacity(capacity)
        }

        func add(_ callback: @escaping () -> Void) {
            deadlines.append(.now() + duration)
            callbacks.append(callback)
            if !armed { arm() }
        }

        private func arm() {
            armed = true
            let this = NIOLoopBound(self, eventLoop: loop)
            loop.scheduleTask(deadline: deadlines[head]) { this.value.expire() }
        }

        /// Runs every callback whose deadline has passed, then re-arms for the next.
        private func expire() {
            armed = false
            let now = NIODeadline.now()
            while head < deadlines.count, deadlines[head] <= now {
                let callback = callbacks[head]
                callbacks[head] = {}
                head += 1
                callback()
            }
            if head < deadlines.count { arm() } else { deadlines = []; callbacks = []; head = 0 }
        }
    }

    /// What every timer of `eventLoop` counts on; completes its promise when
    /// the last one has fired.
    final class Wakeups: Sendable {
        let expected: Int
        let promise: EventLoopPromise<Int>
        private let fired = Atomic<Int>(0)

        init(expected: Int, promise: EventLoopPromise<Int>) { self.expected = expected; self.promise = promise }

        func fire() {
            let count = fired.add(1, ordering: .relaxed).newValue
            if count == expected { promise.succeed(count) }
        }
    }

    /// A timer's handler: an unretained reference to the shared counter
    /// (`eventLoop` keeps it alive until every timer has fired). A retained
    /// one is retained and released at every step of the loop's timer heap:
    /// a million timers of 2 s then ended after 4.8 s, unretained after
    /// 3.4 s (`pyvs run massive --only swift.event-loop --tasks 1000000`;
    /// perf showed swift_retain/release as half the loop thread's time).
    struct Wakeup: NIOScheduledCallbackHandler, @unchecked Sendable {  // unchecked: Wakeups is Sendable; only the reference is unretained
        private let target: Unmanaged<Wakeups>
        init(_ target: Wakeups) { self.target = .passUnretained(target) }
        func handleScheduledCallback(eventLoop: some EventLoop) { target.takeUnretainedValue().fire() }
    }

    // MARK: - What a size would cost

    /// Resident bytes a task of each variant needs at most, with headroom:
    /// measured on this machine kind (`pyvs run massive`), then rounded up
    /// by about half so a refusal is never a close call.
    static let residentEstimate: [String: Int] = [
        "py.asyncio": 2_400, "py.threads": 40_000,
        "swift.task-sleep": 2_400, "swift.continuations": 2_000, "swift.event-loop": 300, "swift.timer-list": 200,
    ]

    /// Why a row should not start: its tasks would not fit in the memory
    /// left (or under --memory-limit), or its threads are more than the
    /// system lets one process start.
    static func refuse(_ variant: VariantSpec, _ p: Params, _ memoryLimit: Int) -> String? {
        let tasks = p.tasks
        if variant.model == .threads {
            let ceiling = ProcessMemory.threadCeiling()
            let usable = ceiling.count * 9 / 10
            if tasks > usable {
                return "refused before starting: \(Format.count(tasks)) threads are more than this system lets a process start "
                    + "(about \(Format.count(usable)), bounded by \(ceiling.bound)); a smaller --tasks runs"
            }
        }
        let need = tasks * (residentEstimate[variant.id] ?? 4_096)
        let room = min(memoryLimit, ProcessMemory.available() ?? memoryLimit)
        guard need > room * 8 / 10 else { return nil }
        return "refused before starting: \(Format.count(tasks)) tasks need about \(Format.bytes(need)), "
            + "more than the \(Format.bytes(room)) \(room == memoryLimit ? "--memory-limit allows" : "this machine has free"); a smaller --tasks runs"
    }

    /// d beside each row's wall time, and what a task cost.
    static func conclude(_ outcome: ScenarioOutcome) -> [String] {
        let sleep = Double(outcome.params.sleepMs) / 1000
        var lines: [String] = []
        for row in outcome.rows where row.status == .ok {
            guard let wall = row.wallSeconds?.median, let resident = row.extra?[residentKey] else { continue }
            var line = "\(row.label): all woke \(Format.duration(wall)) after the first started (d = \(Format.duration(sleep)), "
                + "\(Format.ratio(wall / sleep)) of it); \(Format.bytes(Int(resident))) resident per task"
            if let virtual = row.extra?[virtualKey] { line += ", \(Format.bytes(Int(virtual))) of address space per thread" }
            lines.append(line + ".")
        }
        return lines
    }
}

extension Params {
    var sleepMs: Int { self["sleep_ms"] ?? 0 }
}
