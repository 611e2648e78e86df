import Contract
import Measure
import Testing
@testable import Bench

/// When auto rounds stop (synthetic rounds: no timing).
@Suite struct RoundsPolicyTests {
    /// py.serial at 2 s a round; py.pool's per-round ratio is given.
    func rows(_ ratios: [Double]) -> [VariantResult] {
        var serial = VariantResult(id: "py.serial", language: .python, model: .serial, title: "s", workers: 1, status: .ok)
        var pool = VariantResult(id: "py.pool", language: .python, model: .pool, title: "p", workers: 2, status: .ok)
        serial.wallSeconds = Summary(ratios.map { _ in 2 })
        pool.wallSeconds = Summary(ratios.map { 2 / $0 })
        serial.rounds = Array(1...ratios.count)
        pool.rounds = serial.rounds
        return [serial, pool]
    }

    let auto = Rounds.auto(AutoRounds(minimum: 5, maximum: 12, budget: 100, tolerance: 0.05))

    func end(_ ratios: [Double], seconds: Double = 10) -> RoundsRecord? {
        RoundsPolicy.end(after: ratios.count, rows: rows(ratios), rounds: auto, speedup: .againstModel(.serial), seconds: seconds)
    }

    /// The first round at which every interval lies within ±5 % of its
    /// median ends them, and not one before.
    @Test func convergenceStopsAtTheFirstRoundWithinTolerance() throws {
        let series = [1.9, 1.5, 2.3, 1.95, 2.0, 1.98, 1.97, 2.01, 1.99, 2.0, 1.96]
        let first = try #require((5...series.count).first { end(Array(series.prefix($0))) != nil })
        let record = try #require(end(Array(series.prefix(first))))
        #expect(record.stop == .converged && record.count == first && record.widest == "py.pool")
        #expect((record.widestShare ?? 1) <= 0.05)
        for earlier in 5..<first { #expect(end(Array(series.prefix(earlier))) == nil) }
        #expect(first > 5)  // the wide early rounds kept it going
    }

    @Test func neverBeforeTheLeastRounds() {
        #expect(end([2, 2, 2, 2]) == nil)
        #expect(end([2, 2, 2, 2, 2])?.stop == .converged)
    }

    @Test func theBudgetAndTheMostRoundsEndThem() {
        let wide = [1.0, 2.0, 1.2, 1.8, 1.5, 1.1, 1.9]
        // 7 rounds in 90 s: an eighth (about 13 s more) would pass 100 s.
        #expect(end(wide, seconds: 90)?.stop == .budget)
        #expect(end(wide, seconds: 30) == nil)
        let many = Array(repeating: wide, count: 2).flatMap { $0 }.prefix(12)
        #expect(end(Array(many), seconds: 30)?.stop == .maximum)
    }

    @Test func aFixedCountEndsThemAtThatCount() {
        let fixed = Rounds.fixed(3)
        let rows = rows([1, 3, 2])
        #expect(RoundsPolicy.end(after: 2, rows: rows, rounds: fixed, speedup: .againstModel(.serial), seconds: 1) == nil)
        #expect(RoundsPolicy.end(after: 3, rows: rows, rounds: fixed, speedup: .againstModel(.serial), seconds: 1)
                == RoundsRecord(count: 3, stop: .fixed))
    }
}
