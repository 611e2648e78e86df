import Contract
import Foundation
import Measure
import Report
import Testing
@testable import Bench

/// Counted runs in rounds: ratios are taken between the runs of one round.
@Suite struct RoundsTests {
    @Test func theMediansIntervalIsTheOrderStatisticsThatCoverIt() throws {
        let ten = try #require(Statistics.medianInterval((1...10).map(Double.init)))
        #expect(ten.low == 2 && ten.high == 9)  // x(2) and x(9): 1 - 2 × 11/1024
        #expect(abs(ten.coverage - (1 - 22.0 / 1024)) < 1e-12)
        let five = try #require(Statistics.medianInterval([5, 1, 4, 2, 3]))
        #expect(five.low == 1 && five.high == 5 && five.coverage == 0.9375)  // too few values: their whole range
        #expect(Statistics.medianInterval([])?.low == nil)
        #expect(Statistics.medianInterval([7])?.coverage == 0)
    }

    func row(_ id: String, _ model: Model, walls: [Double], rounds: [Int]) -> VariantResult {
        var result = VariantResult(id: id, language: .python, model: model, title: id, workers: 1, status: .ok)
        result.wallSeconds = Summary(walls)
        result.rounds = rounds
        return result
    }

    @Test func aSpeedupIsTheFastestRunsRatioWithTheIntervalOfTheRounds() {
        // Round 3 was slow for both: neither fastest run is in it. The
        // speedup is the baseline's fastest run over the row's; its interval
        // is that of the ratios within each round.
        var rows = [row("py.serial", .serial, walls: [2, 2, 4, 2, 2], rounds: [1, 2, 3, 4, 5]),
                    row("py.threads", .threads, walls: [1, 1.1, 2, 0.9, 1], rounds: [1, 2, 3, 4, 5])]
        Aggregate.speedups(&rows, rule: .againstModel(.serial))
        #expect(rows[1].speedup == 2 / 0.9)
        #expect(rows[1].speedupInterval == [2 / 1.1, 2 / 0.9])
        #expect(VariantResult.pairedRatios(rows[0], over: rows[1]) == [2, 2 / 1.1, 2, 2 / 0.9, 2])
    }

    @Test func rowsPairOnlyInTheRoundsBothRan() {
        let a = row("a", .serial, walls: [2, 3], rounds: [1, 3])
        let b = row("b", .serial, walls: [1, 1, 1], rounds: [1, 2, 3])
        #expect(VariantResult.pairedRatios(a, over: b) == [2, 3])
        var unpaired = b
        unpaired.rounds = nil
        #expect(VariantResult.pairedRatios(a, over: unpaired).isEmpty)
    }

    @Test func fasterIsSaidFromRoundsWhoseIntervalLiesAboveOne() throws {
        let slow = row("py.serial", .serial, walls: [2, 2.2, 2.1, 2, 2.3], rounds: [1, 2, 3, 4, 5])
        let fast = row("swift.serial", .serial, walls: [1, 1, 1, 1, 1], rounds: [1, 2, 3, 4, 5])
        let clear = try #require(Conclusions.faster(slow, "a", fast, "b"))
        guard case let .rounds(median, low, high, _, 5, true) = clear.ratio else { Issue.record("\(clear)"); return }
        #expect(clear.fast == "b" && median == 2.1 && low == 2 && high == 2.3)
        #expect(ConclusionWords.text(.faster(fast: clear.fast, slow: clear.slow, ratio: clear.ratio))
            == "b ran 2.10× (2.00–2.30× in 5 rounds, 93.8 % interval) faster than a on the same work.")
        let mixed = row("swift.serial", .serial, walls: [1.9, 2.3, 2.0, 2.2, 2.1], rounds: [1, 2, 3, 4, 5])
        let overlapping = try #require(Conclusions.faster(slow, "a", mixed, "b"))
        #expect(!overlapping.ratio.conclusive)
        #expect(ConclusionWords.text(.faster(fast: overlapping.fast, slow: overlapping.slow, ratio: overlapping.ratio))
            .contains("— not conclusive; run on a quieter machine"))
        let two = row("swift.serial", .serial, walls: [1, 1], rounds: [1, 2])
        let few = try #require(Conclusions.faster(slow, "a", two, "b"))
        #expect(ConclusionWords.text(.faster(fast: few.fast, slow: few.slow, ratio: few.ratio)).contains(Summary.moreRunsAdvice))
    }
}
