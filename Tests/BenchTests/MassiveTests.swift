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

    @Test(.timeLimit(.minutes(1))) func aTaskThatParksAfterTheAlarmRangIsResumed() async {
        // 20 000 tasks and a 1 ms alarm: some park after it rang; all must wake.
        #expect(await Massive.parkedTasks(20_000, .milliseconds(1)) == 20_000)
        #expect(await Massive.parkedTasks(2_000, .milliseconds(100)) == 2_000)
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
        #expect(tooMany.hasPrefix("refused before starting: 10M threads"))
        #expect(tooMany.contains("bounded by"))
        let tooLarge = try #require(refuse(loop, ["tasks": 1_000_000, "sleep_ms": 100], 64 << 20))
        #expect(tooLarge.contains("--memory-limit allows"))
        #expect(refuse(loop, ["tasks": 100_000, "sleep_ms": 100], 64 << 20) == nil)
    }
}
