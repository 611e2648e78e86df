import Kernels
import Measure
import Synchronization

/// The Swift task rows: a task per sleeper, sleeping or parked on a continuation.
extension Massive {
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
}
