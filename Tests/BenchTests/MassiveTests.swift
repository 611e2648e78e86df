import Dispatch
import Synchronization
import Contract
import Measure
import Processes
import Testing
@testable import Bench

/// massive: every Swift model wakes every task and states its memory per
/// task; a size that cannot fit is refused before it starts.
@Suite struct MassiveTests {
    static let small: Params = ["tasks": 3_000, "sleep_ms": 100]

    // The task variants block their calling thread until their tasks end
    // (blockingAwait), which must not happen on the cooperative pool these
    // tests run on: their async cores are tested here, the variants end to end.
    @Test func everySleepingTaskWakes() async {
        #expect(await Massive.sleepingTasks(3_000, .milliseconds(100)) == 3_000)
    }

    @Test(.timeLimit(.minutes(1))) func aTaskThatParksAfterTheAlarmRangIsResumed() {
        // 20 000 tasks and a 1 ms alarm: some park after it rang; all must wake.
        let woke = Self.onOwnExecutor {
            (await Massive.parkedTasks(20_000, .milliseconds(1)), await Massive.parkedTasks(2_000, .milliseconds(100)))
        }
        #expect(woke.0 == 20_000)
        #expect(woke.1 == 2_000)
    }

    /// Runs `body` and its child tasks on an executor of their own, waiting
    /// here: the shared cooperative pool (a thread per core) is where the
    /// end-to-end suites block while their child processes run, and every
    /// hop back to it waited for one of them (129 s past a 60 s limit once).
    static func onOwnExecutor<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let slot = Mutex<T?>(nil)
        Task(executorPreference: OwnThreadExecutor()) {
            let value = await body()
            slot.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return slot.withLock { $0! }
    }

    @Test(arguments: ["swift.event-loop", "swift.timer-list"])
    func everyTimerFires(id: String) throws {
        guard case .swift(let body) = try #require(Catalogue.massive.variant(id)).implementation else {
            Issue.record("\(id) is not a Swift variant"); return
        }
        let output = try body(Self.small)
        #expect(output.result == "3000 tasks woke")
        let perTask = try #require(output.metrics[Massive.residentKey])
        #expect(perTask >= 0 && perTask < 100_000)
    }

    @Test func processMemoryIsRead() {
        let memory = ProcessMemory.resetPeak()
        #expect(memory.resident > 0)
        #expect(memory.virtual >= memory.resident)
        #expect(ProcessMemory.current().peakResident >= memory.resident / 2)
        #expect((ProcessMemory.available() ?? 0) > 0)
        let ceiling = ProcessMemory.threadCeiling()
        #expect(ceiling.count > 0 && ceiling.count < Int.max)
    }

    @Test func sizesThatCannotFitAreRefused() throws {
        let spec = Catalogue.massive
        let refuse = try #require(spec.refuse)
        let threads = try #require(spec.variant("py.threads"))
        let loop = try #require(spec.variant("swift.event-loop"))
        let big = 64 << 30
        #expect(refuse(threads, ["tasks": 10_000, "sleep_ms": 100], big) == nil)
        let tooMany = try #require(refuse(threads, ["tasks": 10_000_000, "sleep_ms": 100], big))
        guard case .tooManyThreads(let count, let usable, _) = tooMany else { Issue.record("\(tooMany)"); return }
        #expect(count == 10_000_000 && usable < count)
        let tooLarge = try #require(refuse(loop, ["tasks": 1_000_000, "sleep_ms": 100], 64 << 20))
        guard case .tooLittleMemory(let tasks, let need, let room, let byLimit) = tooLarge else { Issue.record("\(tooLarge)"); return }
        #expect(tasks == 1_000_000 && need > room * 8 / 10 && room == 64 << 20 && byLimit)
        #expect(refuse(loop, ["tasks": 100_000, "sleep_ms": 100], 64 << 20) == nil)
    }
}

/// Runs the jobs of the tasks that prefer it on one serial Dispatch queue,
/// outside Swift's cooperative pool.
final class OwnThreadExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "pyvs.tests.own-executor")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
