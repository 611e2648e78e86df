import Bench
import Contract
import Measure
import Processes
import Report
import Testing

@Suite struct GILVerdictTests {
    /// `concurrency` is the row's interval over its runs (low, high).
    /// The verdict's words (VerdictWords); its kind is checked in the words it leads to.
    func verdict(waits: Bool = false, sharesGIL: Bool = true, threads: Int = 2, speedup: Double?,
                 concurrency: (Double, Double)? = nil, native: [Double] = [1.97]) -> String? {
        kind(waits: waits, sharesGIL: sharesGIL, threads: threads, speedup: speedup, concurrency: concurrency, native: native)
            .map(VerdictWords.text)
    }

    /// `concurrency`: the runs' interval (low, high); the verdict rests on the high end, the peak.
    func kind(waits: Bool = false, sharesGIL: Bool = true, threads: Int = 2, speedup: Double?,
              concurrency: (Double, Double)? = nil, native: [Double] = [1.97]) -> RowVerdict? {
        GILStudy.verdict(subject: "X", waits: waits, sharesGIL: sharesGIL, threads: threads, speedup: speedup,
                         concurrency: concurrency?.1, interval: concurrency.map { [$0.0, $0.1] }, native: Spread(native), cores: 2)
    }

    @Test func theVerdictIsATypedValueWithItsFigures() throws {
        let value = try #require(kind(speedup: 1.01, concurrency: (0.98, 1.01), native: [1.9, 1.95, 2.0]))
        #expect(value.kind == .serialisedByGIL && value.concurrency == 1.01 && value.concurrencyInterval == [0.98, 1.01])
        #expect(value.native == Spread([1.9, 1.95, 2.0]) && value.threads == 2 && value.speedup == 1.01)
        #expect(kind(sharesGIL: false, speedup: 1.0, concurrency: (0.99, 1.0))?.kind == .notParallel)
        #expect(kind(waits: true, speedup: 1.98, concurrency: (0.01, 0.01))?.releasesGIL == true)
    }

    @Test func serialisedWhenTheThreadsCPUStaysAtOneCore() throws {
        let text = try #require(verdict(speedup: 1.01, concurrency: (0.98, 1.01)))
        #expect(text.contains("serialised by the GIL"))
        #expect(text.contains("native threads reached 1.97× (1.97×–1.97×) in the same rounds"))
        #expect(text.hasPrefix("X: speedup 1.01×, concurrency 1.01 (runs 0.98–1.01) with 2 threads — serialised by the GIL"), "\(text)")
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
