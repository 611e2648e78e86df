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

    @Test func threadsReturnTheirValuesAndCPUTime() {
        let results = NativeThread.runAll(3) { index in SumOfSquares.task(n: 1_000_000 + index) }
        #expect(results.map(\.value) == (0..<3).map { SumOfSquares.task(n: 1_000_000 + $0) })
        #expect(results.allSatisfy { $0.cpuSeconds > 0 })
    }

    @Test func joiningTwiceGivesTheSameValue() {
        let thread = NativeThread { 42 }
        #expect(thread.join().value == 42)
        #expect(thread.join().value == 42)
    }

    @Test func forkedWorkersAnswerInOrder() throws {
        let answers = try ForkedWorkers.run(count: 3) { index in UInt128(index) * 1_000_000_000_000_000_000_000 }
        #expect(answers == [0, 1_000_000_000_000_000_000_000, 2_000_000_000_000_000_000_000])
    }

    @Test func taskCounterHandsOutEachIndexOnce() {
        let counter = TaskCounter(count: 1_000)
        let taken = NativeThread.runAll(4) { _ in
            var mine: [Int] = []
            while let index = counter.take() { mine.append(index) }
            return mine
        }
        let all = taken.flatMap(\.value)
        #expect(all.count == 1_000)
        #expect(Set(all) == Set(0..<1_000))
    }
}
