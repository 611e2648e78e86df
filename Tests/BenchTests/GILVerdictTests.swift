import Bench
import Contract
import Measure
import Processes
import Testing

@Suite struct GILVerdictTests {
    func verdict(waits: Bool = false, sharesGIL: Bool = true, threads: Int = 2, speedup: Double?,
                 concurrency: Double? = nil, native: Double = 1.97) -> String? {
        GILStudy.verdict(subject: "X", waits: waits, sharesGIL: sharesGIL, threads: threads, speedup: speedup,
                         concurrency: concurrency, nativeParallelism: native)
    }

    @Test func serialisedWhenNeitherSpeedupNorConcurrency() throws {
        let text = try #require(verdict(speedup: 1.01, concurrency: 1.00))
        #expect(text.contains("serialised by the GIL"))
        #expect(text.contains("native threads reach 1.97 here"))
        #expect(text.contains("with 2 threads"))
    }

    @Test func parallelNearTheNativeCeiling() throws {
        #expect(try #require(verdict(speedup: 1.8, concurrency: 1.9)).contains("runs in parallel"))
        // Judged against native parallelism, not the core count: 1.5 of a possible 1.6 is parallel.
        #expect(try #require(verdict(speedup: 1.5, native: 1.6)).contains("runs in parallel"))
    }

    @Test func inBetweenIsPartlyParallel() throws {
        #expect(try #require(verdict(speedup: 1.4, concurrency: 1.4)).contains("partly parallel"))
    }

    @Test func aMachineWithoutParallelismIsInconclusive() throws {
        let text = try #require(verdict(speedup: 1.0, concurrency: 1.0, native: 1.05))
        #expect(text.contains("inconclusive"))
        #expect(!text.contains("serialised"))
    }

    @Test func sleepingThreadsOverlapWithoutCPU() throws {
        #expect(try #require(verdict(waits: true, speedup: 1.98, concurrency: 0.01)).contains("waits overlap"))
        #expect(try #require(verdict(waits: true, speedup: 1.1, concurrency: 0.01)).contains("did not overlap"))
    }

    @Test func notTheGILsFaultWhenThreadsDoNotShareIt() throws {
        let text = try #require(verdict(sharesGIL: false, speedup: 1.0, concurrency: 1.0))
        #expect(text.contains("did not run in parallel"))
        #expect(!text.contains("GIL"))
    }

    @Test func noVerdictForOneThreadOrNoFigures() {
        #expect(verdict(threads: 1, speedup: 1) == nil)
        #expect(verdict(speedup: nil) == nil)
    }
}
