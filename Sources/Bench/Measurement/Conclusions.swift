import Console
import Foundation
import Measure

/// The plain-language conclusions of a scenario, stated once when it is
/// measured and kept in the report: Swift beside Python, the best speedups,
/// the interpreter's start-up, whether the results agree, and whatever the
/// scenario itself concludes.
enum Conclusions {
    static func lines(for scenario: ScenarioSpec, outcome: ScenarioOutcome) -> [String] {
        var lines: [String] = []
        let ok = outcome.rows.filter { $0.status == .ok }
        let median = { (id: String) in ok.first { $0.id == id }?.wallSeconds?.median }
        if let pair = scenario.counterparts.first, let py = median(pair.python), let swift = median(pair.swift), py > 0, swift > 0 {
            lines.append(py >= swift
                ? "\(pair.swift) is \(Format.ratio(py / swift)) faster than \(pair.python) on the same work."
                : "\(pair.python) is \(Format.ratio(swift / py)) faster than \(pair.swift) on the same work.")
        }
        if case .againstModel(let baseline) = scenario.speedup {
            for language in VariantSpec.Language.allCases {
                let candidates = ok.filter { $0.language == language.rawValue && $0.model != baseline.rawValue && $0.speedup != nil }
                guard ok.contains(where: { $0.language == language.rawValue && $0.model == baseline.rawValue }),
                      let best = candidates.max(by: { $0.speedup! < $1.speedup! }) else { continue }
                lines.append("Best \(language.displayName) speedup: \(best.label) \(Format.ratio(best.speedup)) "
                    + "(parallelism \(Format.number(best.parallelism)); native parallelism here \(Format.number(outcome.nativeParallelism))).")
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

extension VariantSpec.Language {
    var displayName: String {
        switch self {
        case .python: return "Python"
        case .swift: return "Swift"
        }
    }
}
