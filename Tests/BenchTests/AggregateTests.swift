import Contract
import Foundation
import Measure
import Processes
import Report
import Testing
@testable import Bench

func sample(wall: Double, cpu: Double? = nil, result: String = "42", threadCPU: Double? = nil,
            metrics: [String: Double] = [:], start: Double? = nil, rss: Int = 10 << 20, processes: Int = 1) -> RunSample {
    RunSample(wall: wall, cpu: cpu ?? wall, processWall: wall + 0.01, user: wall, system: 0, peakRSS: rss, treePeakRSS: rss,
              treePeakProcesses: processes, switches: ContextSwitches(voluntary: 3, involuntary: 1),
              output: VariantOutput(result: result, threadCPUSeconds: threadCPU, metrics: metrics),
              interpreterStart: start, python: nil, loops: 1)
}

func row(_ id: String, _ language: Language = .python, _ model: Model = .serial, threads: Int? = nil) -> VariantResult {
    VariantResult(id: id, language: language, model: model, title: id, workers: 1, threads: threads, status: .ok)
}

@Suite struct AggregateTests {
    @Test func fillTakesMediansAndParallelism() throws {
        var r = row("py.threads")
        Aggregate.fill(&r, samples: [sample(wall: 1, cpu: 2, threadCPU: 1.8, metrics: ["x": 3], start: 0.01),
                                     sample(wall: 3, cpu: 3, threadCPU: 2.7, metrics: ["x": 5], start: 0.03),
                                     sample(wall: 2, cpu: 4, threadCPU: 1.8, metrics: ["x": 4], start: 0.02, rss: 30 << 20, processes: 3)],
                       failure: nil)
        #expect(r.status == .ok && r.reason == nil)
        #expect(r.wallSeconds?.median == 2 && r.cpuSeconds?.median == 3)
        #expect(r.parallelism == 1.5)
        #expect(r.concurrency == 0.9)  // medians of 1.8/1, 2.7/3, 1.8/2
        #expect(r.treePeakRSSBytes == 30 << 20 && r.treePeakProcesses == 3)
        #expect(r.extra?["x"] == 4 && r.extra?[Aggregate.interpreterStartKey] == 0.02)
        #expect(r.result == "42")
    }

    @Test func theTreePSSIsTheHighestReadInAnyRunWarmUpsIncluded() {
        var read = sample(wall: 1)
        read.treePeakPSS = 12 << 20
        var readAgain = sample(wall: 1)
        readAgain.treePeakPSS = 11 << 20
        var r = row("swift.serial", .swift)
        Aggregate.fill(&r, samples: [sample(wall: 1), sample(wall: 1)], warmups: [read], failure: nil)
        #expect(r.treePeakPSSBytes == 12 << 20)
        Aggregate.fill(&r, samples: [sample(wall: 1), readAgain], failure: nil)
        #expect(r.treePeakPSSBytes == 11 << 20)
        Aggregate.fill(&r, samples: [sample(wall: 1)], failure: nil)
        #expect(r.treePeakPSSBytes == nil)
    }

    @Test func differingResultsAreAllShown() {
        var r = row("py.a")
        Aggregate.fill(&r, samples: [sample(wall: 1, result: "2"), sample(wall: 1, result: "1")], failure: nil)
        #expect(r.result == "1 | 2")
    }

    @Test func aFailureKeepsWhatWasMeasured() {
        var r = row("py.a")
        Aggregate.fill(&r, samples: [sample(wall: 1)], failure: RunFailure(status: .timeout, reason: .ended(.timedOut(afterSeconds: 5), stderr: nil)))
        #expect(r.status == .timeout && r.reason == .ended(.timedOut(afterSeconds: 5), stderr: nil))
        #expect(r.wallSeconds?.samples == [1])
        var empty = row("py.b")
        Aggregate.fill(&empty, samples: [], failure: RunFailure(status: .crashed, reason: .ended(.signalled(SIGSEGV), stderr: nil)))
        #expect(empty.wallSeconds == nil && empty.status == .crashed)
    }

    @Test func speedupAgainstTheSameLanguagesSerial() {
        var rows = [row("py.serial"), row("py.pool", .python, "pool"), row("swift.serial", .swift), row("swift.threads", .swift, "threads")]
        for (index, wall) in [4.0, 2.0, 0.1, 0.05].enumerated() { rows[index].wallSeconds = Summary([wall]) }
        Aggregate.speedups(&rows, rule: .againstModel(.serial))
        #expect(rows.map(\.speedup) == [1, 2, 1, 2])
    }

    @Test func speedupPerThreadCountsWork() {
        var rows = [row("py.t", threads: 1), row("py.t", threads: 2), row("py.u", threads: 2)]
        rows[0].wallSeconds = Summary([1.0])
        rows[1].wallSeconds = Summary([1.0])
        rows[2].wallSeconds = Summary([1.0])
        Aggregate.speedups(&rows, rule: .perThread)
        #expect(rows[0].speedup == 1 && rows[1].speedup == 2)
        #expect(rows[2].speedup == nil)  // no 1-thread baseline of its own
    }

    @Test func resultsAreCheckedRowByRow() {
        var rows = [row("a"), row("b"), row("c")]
        rows[0].result = "10"
        rows[1].result = "11"
        rows[2].result = "99"
        Aggregate.check(&rows, expected: ["10", "10", nil])
        #expect(rows[0].resultOK == true)
        #expect(rows[1].resultOK == false && rows[1].reason == .resultDiffers(result: "11", expected: "10"))
        #expect(rows[2].resultOK == nil)
    }
}

@Suite struct OutcomeTests {
    func outcome(_ ending: ChildOutcome.Ending, reply: WorkerReply? = nil, stderr: String = "") -> ChildOutcome {
        var outcome = ChildOutcome(ending: ending)
        if let reply { outcome.report = (try! JSONEncoder().encode(reply)) + Data([0x0a]) }
        outcome.stderr = Data(stderr.utf8)
        return outcome
    }

    @Test func aReplyBecomesASample() throws {
        var reply = WorkerReply()
        reply.wallSeconds = 0.5
        reply.cpuSeconds = 0.9
        reply.loops = 3
        reply.output = VariantOutput(result: "7", threadCPUSeconds: 0.8, metrics: ["m": 1])
        guard case .success(let sample) = Outcome.interpret(outcome(.exited(0), reply: reply)) else {
            Issue.record("expected a sample"); return
        }
        #expect(sample.wall == 0.5 && sample.cpu == 0.9 && sample.loops == 3 && sample.output?.result == "7")
    }

    @Test func endingsBecomeStatuses() {
        func failure(_ outcome: ChildOutcome) -> RunFailure? {
            if case .failure(let failure) = Outcome.interpret(outcome) { return failure }
            return nil
        }
        #expect(failure(outcome(.timedOut(afterSeconds: 5)))?.status == .timeout)
        #expect(failure(outcome(.timedOut(afterSeconds: 2.5)))?.reason == .ended(.timedOut(afterSeconds: 2.5), stderr: nil))
        #expect(failure(outcome(.memoryExceeded(limitBytes: 300 << 20)))?.reason == .ended(.memoryExceeded(limitBytes: 300 << 20), stderr: nil))
        let crash = failure(outcome(.signalled(SIGSEGV), stderr: "boom\n"))
        #expect(crash?.status == .crashed && crash?.reason == .ended(.signalled(SIGSEGV), stderr: "boom"))
        #expect(failure(outcome(.exited(3), stderr: "last words\n"))?.reason == .noResult(status: 3, stderr: "last words"))
        #expect(failure(outcome(.exited(0)))?.reason == .noResult(status: 0, stderr: nil))  // no reply at all
        var error = WorkerReply()
        error.error = "Traceback...\nRuntimeError: injected failure"
        #expect(failure(outcome(.exited(1), reply: error))?.reason == .raised("RuntimeError: injected failure"))
        #expect(failure(outcome(.failedToStart("cannot start x")))?.status == .failed)
    }
}

@Suite struct ConclusionsTests {
    func scenario() -> ScenarioSpec {
        var spec = ScenarioSpec(name: "s", title: "t", source: "x", pythonModule: "m",
                                parameters: [ParameterSpec("n", default: 1, quick: 1, range: 1...9, help: "n")],
                                variants: [.python("py.serial", .serial, "s", function: "s"),
                                           .python("py.pool", .pool, "p", function: "p"),
                                           .swift("swift.serial", .serial, "s") { _ in VariantOutput(result: "1") }])
        spec.counterparts = [Counterpart(python: "py.serial", swift: "swift.serial")]
        spec.expected = { _ in "1" }
        return spec
    }

    func rows(_ walls: [Double], samples: Int = 5) -> [VariantResult] {
        var rows = [row("py.serial"), row("py.pool", .python, "pool"), row("swift.serial", .swift)]
        for index in rows.indices {
            rows[index].wallSeconds = Summary(Array(repeating: walls[index], count: samples))
            rows[index].result = "1"
            rows[index].resultOK = true
        }
        Aggregate.speedups(&rows, rule: .againstModel(.serial))
        return rows
    }

    func drawn(_ rows: [VariantResult]) -> [Conclusion] {
        let spec = scenario()
        return Conclusions.drawn(for: spec, outcome: ScenarioOutcome(rows: rows, variants: spec.variants, params: ["n": 1],
                                                                      context: MachineContext(cores: 2, reference: nil), expected: ["1", "1", "1"]))
    }

    func bestOf(_ conclusions: [Conclusion]) -> BestSpeedup? {
        conclusions.lazy.compactMap { if case .best(let best) = $0 { best } else { nil } }.first
    }

    @Test func swiftBesidePythonAndTheBestSpeedup() throws {
        let conclusions = drawn(rows([2, 1, 0.02]))
        let faster = try #require(conclusions.first)
        guard case let .faster(fast, slow, .runs(value, _, 5, 5, true)) = faster else { Issue.record("\(faster)"); return }
        #expect(fast == "swift.serial" && slow == "py.serial" && abs(value - 100) < 1e-9)
        let best = try #require(bestOf(conclusions))
        #expect(best.language == .python && best.row == "py.pool" && best.speedup == 2 && best.standing == .best)
        #expect(conclusions.last == .resultsAgree(expected: ["1"], unchecked: []))
        // The words, once.
        #expect(ConclusionWords.text(faster) == "swift.serial ran 100× faster than py.serial on the same work (5 runs each).")
        #expect(ConclusionWords.text(.best(best)).hasPrefix("Best Python speedup: py.pool 2.00×"))
        #expect(ConclusionWords.text(conclusions.last!) == "All results equal 1.")
    }

    @Test func noBestIsNamedBelowAFlaggedRow() {
        var flagged = rows([2, 1, 0.02])
        flagged[1].flag = FigureFlag(kind: .speedupAboveConcurrency, figure: 2, bound: 1.5)
        let conclusions = drawn(flagged)
        #expect(conclusions.contains(.noBest(language: .python, flagged: ["py.pool"])))
        #expect(bestOf(conclusions) == nil)
        #expect(ConclusionWords.text(.noBest(language: .python, flagged: ["py.pool"]))
            == "No best Python speedup named: py.pool, which measured highest, is flagged (!) above.")
    }

    @Test func oneRunIsNotAConclusion() throws {
        let conclusions = drawn(rows([2, 1, 0.02], samples: 1))
        let faster = try #require(conclusions.first)
        guard case .faster(_, _, let ratio) = faster else { Issue.record("\(faster)"); return }
        #expect(!ratio.conclusive)
        #expect(ConclusionWords.text(faster) == "swift.serial against py.serial: 100× from 1 run each — not conclusive; \(Summary.moreRunsAdvice).")
        let best = try #require(bestOf(conclusions))
        #expect(best.standing == .fewRuns && best.runs == 1)
        #expect(ConclusionWords.text(.best(best)).hasPrefix("Highest Python speedup: py.pool 2.00×"))
    }

    @Test func overlappingRunsAreNotAConclusion() throws {
        let slow = try #require(Summary([1.0, 1.2, 0.9, 1.1, 1.0]))
        let fast = try #require(Summary([0.95, 0.5, 0.6, 0.55, 0.5]))
        #expect(!Evidence.faster(fast, than: slow))  // 0.95 > 0.9: one run of each overlaps
        let overlapping = Conclusions.faster(slow, "a", fast, "b")
        #expect(!overlapping.ratio.conclusive && overlapping.fast == "b")
        #expect(ConclusionWords.text(.faster(fast: "b", slow: "a", ratio: overlapping.ratio)).contains("their runs overlap — not conclusive"))
        let clear = try #require(Summary([0.5, 0.6, 0.55, 0.5, 0.52]))
        #expect(Evidence.faster(clear, than: slow))
        let ratio = Evidence.ratio(slow, over: clear)
        #expect(abs(ratio.value - 1.04 / 0.534) < 1e-9)  // means 1.04 and 0.534
        #expect(ratio.deviation > 0 && ratio.deviation < 0.3)
        let clearly = Conclusions.faster(slow, "a", clear, "b")
        #expect(clearly.ratio.conclusive)
        #expect(ConclusionWords.text(.faster(fast: "b", slow: "a", ratio: clearly.ratio)).hasPrefix("b ran 1.95 ± 0."))
    }
}
