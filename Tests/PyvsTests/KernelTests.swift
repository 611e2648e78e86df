import Kernels
import Testing

@Suite struct KernelTests {
    @Test(arguments: [0, 1, 2, 10, 1_000, 123_457])
    func taskMatchesClosedForm(n: Int) {
        #expect(SumOfSquares.task(n: n) == SumOfSquares.expected(n: n, tasks: 1))
    }

    @Test func resultOutgrowsSixtyFourBits() {
        // 4 tasks at the default n: more than UInt64 can hold, exact in 128 bits.
        let total = SumOfSquares.expected(n: 5_000_000, tasks: 4)
        #expect(total > UInt128(UInt64.max))
        #expect(String(SumOfSquares.expected(n: 2_000_000, tasks: 1)) == "2666664666667000000")
    }

    // The TaskGroup is awaited here: tests run on the cooperative pool, where
    // the worker's blocking wait for it (`blockingAwait`) must not be used.
    @Test(arguments: CPUBoundVariants.models.filter { $0 != "taskgroup" }, [1, 2, 5])
    func everySwiftModelGivesTheSameResult(model: String, workers: Int) throws {
        let result = try CPUBoundVariants.run(model: model, n: 50_000, tasks: 3, workers: workers)
        #expect(result == SumOfSquares.expected(n: 50_000, tasks: 3))
    }

    @Test func taskGroupGivesTheSameResult() async {
        #expect(await CPUBoundVariants.taskGroupSum(n: 50_000, tasks: 3) == SumOfSquares.expected(n: 50_000, tasks: 3))
    }

    @Test func unknownModelIsAnError() {
        #expect(throws: KernelError.self) { try CPUBoundVariants.run(model: "fibers", n: 1, tasks: 1, workers: 1) }
    }

    @Test func threadsReportTheirCPUTime() {
        let cpu = NativeThread.runAll(2) { _ in _ = SumOfSquares.task(n: 2_000_000) }
        #expect(cpu.count == 2)
        #expect(cpu.allSatisfy { $0 > 0 })
    }
}
