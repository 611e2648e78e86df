import Contract
import Foundation

/// Conclusions of a run over several Python builds: the Swift rows' own,
/// then the scenario's conclusions drawn on each build's rows beside the
/// Swift ones; then how the builds compare on the same variant.
extension Conclusions {
    static func drawn(for scenario: ScenarioSpec, outcome: ScenarioOutcome, builds: [String]) -> [Conclusion] {
        func slice(_ keep: (VariantResult) -> Bool) -> [Conclusion] {
            let kept = outcome.rows.indices.filter { keep(outcome.rows[$0]) }
            var part = outcome
            part.rows = kept.map { outcome.rows[$0] }
            part.expected = kept.map { outcome.expected.indices.contains($0) ? outcome.expected[$0] : nil }
            return drawn(for: scenario, outcome: part)
        }
        // What the Swift rows say alone is said once; each build's own conclusions after it, named.
        let swift = slice { $0.build == nil }
        var all = swift
        for name in builds {
            all += slice { $0.build == nil || $0.build == name }.filter { !swift.contains($0) }
                .map { .onBuild(build: name, conclusion: $0) }
        }
        return all + betweenBuilds(scenario, outcome: outcome, builds: builds)
    }

    /// The baseline variant (the serial one) on each build against the first
    /// build, and a free-threaded build against the GIL build of its version
    /// (what the free-threaded build costs one thread) and against itself
    /// with the GIL forced on.
    static func betweenBuilds(_ scenario: ScenarioSpec, outcome: ScenarioOutcome, builds: [String]) -> [Conclusion] {
        guard case .againstModel(let model) = scenario.speedup, let first = builds.first else { return [] }
        var pairs: [(String, String)] = builds.dropFirst().map { (first, $0) }
        for name in builds {
            var more: [(String, String)] = []
            if let gil = PythonBuilds.gilCounterpart(of: name), builds.contains(gil) { more.append((gil, name)) }
            if builds.contains(name + PythonBuilds.gilSuffix) { more.append((name, name + PythonBuilds.gilSuffix)) }
            pairs += more.filter { pair in !pairs.contains { $0 == pair } }
        }
        let baselines = outcome.rows.filter { $0.language == .python && $0.model == model && $0.build != nil }
        var between: [Conclusion] = []
        for id in Set(baselines.map(\.id)).sorted() {
            let wall = { (build: String) in baselines.first { $0.id == id && $0.build == build && $0.status == .ok && $0.wallSeconds != nil } }
            for (a, b) in pairs {
                guard let one = wall(a), let other = wall(b), let (fast, slow, ratio) = faster(one, "\(id) on \(a)", other, "\(id) on \(b)") else { continue }
                between.append(.betweenBuilds(fast: fast, slow: slow, ratio: ratio))
            }
        }
        return between
    }
}
