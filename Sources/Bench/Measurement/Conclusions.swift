import Console
import Contract
import Foundation
import Measure
import Report

/// The plain-language conclusions of a scenario, stated once when it is
/// measured and kept in the report: Swift beside Python, the best speedups,
/// the interpreter's start-up, whether the results agree, and whatever the
/// scenario itself concludes.
enum Conclusions {
    static func lines(for scenario: ScenarioSpec, outcome: ScenarioOutcome) -> [String] {
        var lines: [String] = []
        let ok = outcome.rows.filter { $0.status == .ok }
        let measured = { (id: String) in ok.first { $0.id == id && $0.wallSeconds != nil } }
        // Only a pair that does the same work alike says which language is faster.
        if let pair = scenario.counterparts.first(where: \.sameWork), let py = measured(pair.python), let swift = measured(pair.swift) {
            lines.append(faster(py, pair.python, swift, pair.swift))
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
                    lines.append(noBestSpeedup(language, flagged: above.map(\.label)))
                } else if let best = candidates.first {
                    lines.append(bestSpeedup(language, best: best, next: candidates.dropFirst().first, serial: serial))
                }
            }
        }
        if let startup = Statistics.median(outcome.rows.compactMap { $0.extra?[Aggregate.interpreterStartKey] }) {
            lines.append("Embedded CPython start-up per worker process: \(Format.duration(startup)) (median of the Python rows; not in the measured wall).")
        }
        lines += scenario.conclude?(outcome) ?? []
        let mismatched = outcome.rows.filter { $0.resultOK == false }.map(\.label)
        var expected: [String] = []
        for value in outcome.expected.compactMap({ $0 }) where !expected.contains(value) { expected.append(value) }
        if !mismatched.isEmpty {
            lines.append("Results differ from the expected ones: \(mismatched.joined(separator: ", ")).")
        } else if outcome.rows.contains(where: { $0.resultOK == true }), scenario.series == nil, !expected.isEmpty {
            let findings = outcome.rows.indices.filter { outcome.rows[$0].status == .ok && outcome.expected.indices.contains($0)
                && outcome.expected[$0] == nil }.map { outcome.rows[$0].label }
            let subject = findings.isEmpty ? "All results" : "All checked results"
            lines.append((expected.count == 1 ? "\(subject) equal \(expected[0])" : "\(subject) as expected: \(expected.joined(separator: "; "))")
                + (findings.isEmpty ? "." : "; \(findings.joined(separator: ", ")) are findings, not checked."))
        }
        return lines
    }
}

extension Conclusions {
    /// "b ran 1.89× (1.85–1.93× in 5 rounds, 94 % interval) faster than a"
    /// from rows measured in rounds, when the interval of the per-round
    /// ratios lies above 1; from rows without rounds, "84.9 ± 2.1×" when
    /// every run says so.
    static func faster(_ a: VariantResult, _ aName: String, _ b: VariantResult, _ bName: String) -> String {
        guard let aWall = a.wallSeconds, let bWall = b.wallSeconds else { return "\(aName) against \(bName): not measured." }
        let (fastRow, fastName, slowRow, slowName) = aWall.median <= bWall.median ? (a, aName, b, bName) : (b, bName, a, aName)
        let ratios = VariantResult.pairedRatios(slowRow, over: fastRow)
        if let paired = Evidence.paired(ratios) {
            if paired.conclusive { return "\(fastName) ran \(paired.text) faster than \(slowName) on the same work." }
            return "\(fastName) against \(slowName): \(paired.text) — not conclusive; "
                + (ratios.count >= Evidence.minimumSamples ? "run on a quieter machine or with more --repeat." : Evidence.advice + ".")
        }
        return faster(aWall, aName, bWall, bName)
    }

    /// The same from two summaries alone (rows saved before rounds).
    static func faster(_ a: Summary, _ aName: String, _ b: Summary, _ bName: String) -> String {
        let (fast, fastName, slow, slowName) = a.median <= b.median ? (a, aName, b, bName) : (b, bName, a, aName)
        let ratio = Evidence.describe(Evidence.ratio(slow, over: fast))
        if Evidence.faster(fast, than: slow) {
            return "\(fastName) ran \(ratio) faster than \(slowName) on the same work (\(Evidence.runs(fast, slow)))."
        }
        let why = Evidence.enough(fast, slow) ? "their runs overlap" : "from \(Evidence.runs(fast, slow))"
        return "\(fastName) against \(slowName): \(ratio) \(why) — not conclusive; "
            + (Evidence.enough(fast, slow) ? "run on a quieter machine or with more --repeat." : Evidence.advice + ".")
    }

    /// The best speedup of a language, said to be the best only when its runs
    /// beat the serial ones and the runner-up's.
    static func bestSpeedup(_ language: Language, best: VariantResult, next: VariantResult?, serial: VariantResult) -> String {
        let interval = best.speedupInterval.map { " [\(Format.ratio($0[0]))–\(Format.ratio($0[1]))]" } ?? ""
        let beside = best.native.map { comparison in
            "; native threads \(Format.ratio(comparison.native.median)) in the same rounds"
                + (comparison.share.map { ", \(Format.number($0)) of theirs" } ?? "")
        } ?? ""
        let figures = "\(best.label) \(Format.ratio(best.speedup))\(interval) (concurrency "
            + "\(Format.number(best.ownConcurrency))\(beside))"
        guard let wall = best.wallSeconds, let serialWall = serial.wallSeconds,
              Evidence.enough(wall, serialWall, next?.wallSeconds ?? wall) else {
            return "Highest \(language.name) speedup: \(figures) from \(wall(best)) — not conclusive; \(Evidence.advice)."
        }
        // Rows measured in rounds are compared round by round; others by their ranges.
        let pairedWithNext = next.flatMap { Evidence.paired(VariantResult.pairedRatios($0, over: best)) }
        let aheadOfNext = pairedWithNext.map(\.conclusive) ?? (next?.wallSeconds.map { wall.max < $0.min } ?? true)
        if let next, !aheadOfNext {
            return "Highest \(language.name) speedups: \(figures) and \(next.label) \(Format.ratio(next.speedup)); "
                + (pairedWithNext.map { "round by round \(best.label) was \($0.text) faster, so neither is conclusively the best." }
                   ?? "their runs overlap, so neither is conclusively the best.")
        }
        let pairedWithSerial = Evidence.paired(VariantResult.pairedRatios(serial, over: best))
        guard pairedWithSerial?.conclusive ?? (wall.max < serialWall.min) else {
            return "Highest \(language.name) speedup: \(figures); its runs overlap the serial ones — not conclusive."
        }
        return "Best \(language.name) speedup: \(figures)."
    }

    /// No best speedup named: the rows that measured highest are flagged.
    static func noBestSpeedup(_ language: Language, flagged: [String]) -> String {
        let names = flagged.count == 1 ? flagged[0] : flagged.dropLast().joined(separator: ", ") + " and " + flagged.last!
        return "No best \(language.name) speedup named: \(names), which measured highest, "
            + "\(flagged.count == 1 ? "is" : "are") flagged (!) above."
    }

    private static func wall(_ row: VariantResult) -> String {
        let n = row.wallSeconds?.samples.count ?? 0
        return "\(n) run\(n == 1 ? "" : "s")"
    }
}
