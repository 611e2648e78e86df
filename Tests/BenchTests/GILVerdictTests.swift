import Bench
import Contract
import Measure
import Processes
import Testing

@Suite struct GILVerdictTests {
    /// `concurrency` is the row's interval over its runs (low, high).
    func verdict(waits: Bool = false, sharesGIL: Bool = true, threads: Int = 2, speedup: Double?,
                 concurrency: (Double, Double)? = nil, native: [Double] = [1.97]) -> String? {
        GILStudy.verdict(subject: "X", waits: waits, sharesGIL: sharesGIL, threads: threads, speedup: speedup,
                         concurrency: concurrency.map { ($0.0 + $0.1) / 2 }, interval: concurrency.map { (low: $0.0, high: $0.1) },
                         native: Spread(native), cores: 2)
    }

    @Test func serialisedWhenTheThreadsCPUStaysAtOneCore() throws {
        let text = try #require(verdict(speedup: 1.01, concurrency: (0.98, 1.01)))
        #expect(text.contains("serialised by the GIL"))
        #expect(text.contains("native threads reached 1.97× (1.97×–1.97×) in the same rounds"))
        #expect(text.contains("with 2 threads"))
    }

    @Test func parallelWhenTheThreadsCPUReachesTheCores() throws {
        #expect(try #require(verdict(speedup: 1.8, concurrency: (1.85, 1.95))).contains("runs in parallel"))
        #expect(try #require(verdict(speedup: 1.4, concurrency: (1.4, 1.5))).contains("partly parallel"))
    }

    /// A machine that gave about one core (native threads 1.05-1.2× in the
    /// rounds) still shows what the GIL does: the verdicts rest on the
    /// threads' own concurrency, and the line says what the machine gave.
    @Test func aMachineThatGaveOneCoreStillGivesVerdicts() throws {
        let gil = try #require(verdict(speedup: 0.98, concurrency: (0.97, 1.0), native: [1.05, 1.1, 1.2]))
        #expect(gil.contains("serialised by the GIL") && gil.contains("native threads reached 1.10× (1.05×–1.20×)"))
        let pthreads = try #require(verdict(sharesGIL: false, speedup: 1.1, concurrency: (1.93, 1.97), native: [1.05, 1.1, 1.2]))
        #expect(pthreads.contains("runs in parallel"))
    }

    @Test func sleepingThreadsOverlapWithoutCPU() throws {
        #expect(try #require(verdict(waits: true, speedup: 1.98, concurrency: (0.01, 0.01))).contains("waits overlap"))
        #expect(try #require(verdict(waits: true, speedup: 1.1, concurrency: (0.01, 0.01))).contains("did not overlap"))
    }

    @Test func notTheGILsFaultWhenThreadsDoNotShareIt() throws {
        let text = try #require(verdict(sharesGIL: false, speedup: 1.0, concurrency: (0.99, 1.0)))
        #expect(text.contains("did not run in parallel"))
        #expect(!text.contains("GIL"))
    }

    @Test func noVerdictForOneThreadOrNoFigures() {
        #expect(verdict(threads: 1, speedup: 1) == nil)
        #expect(verdict(speedup: nil) == nil)
    }
}
