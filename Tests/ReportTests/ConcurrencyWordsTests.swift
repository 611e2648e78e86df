import Contract
import Report
import Testing

/// How a block's concurrency reads in a report.
@Suite struct ConcurrencyWordsTests {
    @Test func busyThreadsOnOneCoreAreSaidToBeHeldBackByTheGIL() {
        let threads = BlockConcurrency(peakProcesses: 1, peakThreads: 4, cores: 0.99, threadsCPUSeconds: 0.9)
        #expect(threads.summary(wallSeconds: 1, gil: true) == "4 threads, 0.99 cores: held back by the GIL")
        #expect(threads.summary(wallSeconds: 1, gil: nil) == "4 threads, 0.99 cores: one core at a time")
        // A free-threaded build is not held back by a GIL it does not have.
        #expect(threads.summary(wallSeconds: 1, gil: false) == "4 threads, 0.99 cores")
    }

    @Test func processesWaitingAndSingleThreadedBlocks() {
        let pool = BlockConcurrency(peakProcesses: 2, peakThreads: 2, cores: 1.93, threadsCPUSeconds: 0)
        #expect(pool.summary(wallSeconds: 1, gil: true) == "2 processes, 1.93 cores")
        let waiting = BlockConcurrency(peakProcesses: 1, peakThreads: 8, cores: 0.03, threadsCPUSeconds: 0.01)
        #expect(waiting.summary(wallSeconds: 2, gil: true) == "8 threads, 0.03 cores: mostly waiting")
        let alone = BlockConcurrency(peakProcesses: 1, peakThreads: 1, cores: 1, threadsCPUSeconds: 0)
        #expect(alone.summary(wallSeconds: 1, gil: true) == nil)
    }
}
