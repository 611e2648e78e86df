import Contract
import Foundation
import Measure

/// The conclusions of a scenario, drawn once when it is measured and kept
/// in the report as typed values (`Conclusion`): Swift beside Python, the
/// best speedups, the interpreter's start-up, whether the results agree,
/// and whatever the scenario itself concludes. Report puts them into words.
enum Conclusions {
    static func drawn(for scenario: ScenarioSpec, outcome: ScenarioOutcome) -> [Conclusion] {
        var drawn: [Conclusion] = []
        let ok = outcome.rows.filter { $0.status == .ok }
        let measured = { (id: String) in ok.first { $0.id == id && $0.wallSeconds != nil } }
        // Only a pair that does the same work alike says which language is faster.
        if let pair = scenario.counterparts.first(where: \.sameWork), let py = measured(pair.python), let swift = measured(pair.swift),
           let (fast, slow, ratio) = faster(py, pair.python, swift, pair.swift) {
            drawn.append(.faster(fast: fast, slow: slow, ratio: ratio))
        }
        if case .againstModel(let baseline) = scenario.speedup {
            for language in Language.allCases {
                let mine = ok.filter { $0.language == language }
                guard let serial = mine.first(where: { $0.model == baseline && $0.wallSeconds != nil }) else { continue }
                // A row whose speedup cannot be true here is no finding (its
                // flag says why), and the best of the others is no best while
                // a flagged row measured higher.
                let measuredRows = mine.filter { $0.model != baseline && $0.speedup != nil && $0.wallSeconds != nil }
                let candidates = measuredRows.filter { $0.flag == nil }.sorted { $0.speedup! > $1.speedup! }
                let above = measuredRows.filter { $0.flag != nil && $0.speedup! > candidates.first?.speedup ?? 0 }
                if !above.isEmpty {
                    drawn.append(.noBest(language: language, flagged: above.map(\.label)))
                } else if let best = candidates.first {
                    drawn.append(.best(bestSpeedup(language, best: best, next: candidates.dropFirst().first, serial: serial)))
                }
            }
        }
        if let startup = Statistics.median(outcome.rows.compactMap { $0.extra?[Aggregate.interpreterStartKey] }) {
            drawn.append(.startup(seconds: startup))
        }
        drawn += scenario.conclude?(outcome) ?? []
        let mismatched = outcome.rows.filter { $0.resultOK == false }.map(\.label)
        var expected: [String] = []
        for value in outcome.expected.compactMap({ $0 }) where !expected.contains(value) { expected.append(value) }
        if !mismatched.isEmpty {
            drawn.append(.resultsDiffer(rows: mismatched))
        } else if outcome.rows.contains(where: { $0.resultOK == true }), scenario.series == nil, !expected.isEmpty {
            let findings = outcome.rows.indices.filter { outcome.rows[$0].status == .ok && outcome.expected.indices.contains($0)
                && outcome.expected[$0] == nil }.map { outcome.rows[$0].label }
            drawn.append(.resultsAgree(expected: expected, unchecked: findings))
        }
        return drawn
    }
}

extension Conclusions {
    /// Which of two rows did the same work faster, and by what ratio: from
    /// the per-round ratios where they were measured in rounds, else from
    /// their runs. Nil when either was not measured.
    static func faster(_ a: VariantResult, _ aName: String, _ b: VariantResult, _ bName: String)
        -> (fast: String, slow: String, ratio: WallRatio)? {
        guard let aWall = a.wallSeconds, let bWall = b.wallSeconds else { return nil }
        let (fastRow, fastName, slowRow, slowName) = aWall.median <= bWall.median ? (a, aName, b, bName) : (b, bName, a, aName)
        if let ratio = Evidence.paired(VariantResult.pairedRatios(slowRow, over: fastRow)) { return (fastName, slowName, ratio) }
        return faster(aWall, aName, bWall, bName)
    }

    /// The same from two summaries alone (rows saved before rounds).
    static func faster(_ a: Summary, _ aName: String, _ b: Summary, _ bName: String) -> (fast: String, slow: String, ratio: WallRatio) {
        let (fast, fastName, slow, slowName) = a.median <= b.median ? (a, aName, b, bName) : (b, bName, a, aName)
        return (fastName, slowName, Evidence.unpaired(slow, over: fast))
    }

    /// The best speedup of a language, said to be the best only when its runs
    /// beat the serial ones and the runner-up's.
    static func bestSpeedup(_ language: Language, best: VariantResult, next: VariantResult?, serial: VariantResult) -> BestSpeedup {
        let runs = best.wallSeconds?.samples.count ?? 0
        func standing(_ standing: BestSpeedup.Standing) -> BestSpeedup {
            BestSpeedup(language: language, standing: standing, row: best.label, speedup: best.speedup,
                        interval: best.speedupInterval, concurrency: best.ownConcurrency, native: best.native, runs: runs)
        }
        guard let wall = best.wallSeconds, let serialWall = serial.wallSeconds,
              Evidence.enough(wall, serialWall, next?.wallSeconds ?? wall) else { return standing(.fewRuns) }
        // Rows measured in rounds are compared round by round; others by their ranges.
        let pairedWithNext = next.flatMap { Evidence.paired(VariantResult.pairedRatios($0, over: best)) }
        let aheadOfNext = pairedWithNext.map(\.conclusive) ?? (next?.wallSeconds.map { wall.max < $0.min } ?? true)
        if let next, !aheadOfNext {
            var tied = standing(.tied)
            tied.next = next.label; tied.nextSpeedup = next.speedup; tied.nextRatio = pairedWithNext
            return tied
        }
        let pairedWithSerial = Evidence.paired(VariantResult.pairedRatios(serial, over: best))
        return standing(pairedWithSerial?.conclusive ?? (wall.max < serialWall.min) ? .best : .overlapsSerial)
    }
}
