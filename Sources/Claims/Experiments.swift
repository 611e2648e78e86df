import Bench
import Console
import Contract
import Foundation

/// Which runs the claims need: one per scenario and parameters, with only
/// the variants the claims name (and a speedup's baselines).
extension ClaimChecker {
    /// One run: a scenario at one set of parameters, and the variants it needs.
    struct Experiment {
        var scenario: ScenarioSpec
        var params: [String: Int]
        var variants: Set<String>
    }

    /// The claims' experiments, in the order the claims first need them.
    static func experiments(for claims: [Claim]) -> [Experiment] {
        var experiments: [Experiment] = []
        for claim in claims {
            guard let scenario = runScenario(claim.measure.scenario) else { continue }
            let params = claim.measure.params ?? [:]
            // A comparison's other row runs at its own parameters, where it states them.
            let rows = [(claim.measure.variant, params)] + (claim.measure.against.map { [($0.variant, $0.params ?? params)] } ?? [])
            for (id, params) in rows {
                var needed: Set<String> = [id]
                if claim.measure.metric == "speedup", let variant = scenario.variant(id) {
                    needed.formUnion(baselines(of: variant, in: scenario))
                }
                if let index = experiments.firstIndex(where: { $0.scenario.name == scenario.name && $0.params == params }) {
                    experiments[index].variants.formUnion(needed)
                } else {
                    experiments.append(Experiment(scenario: scenario, params: params, variants: needed))
                }
            }
        }
        return experiments
    }

    /// The variants a speedup of `variant` is measured against.
    static func baselines(of variant: VariantSpec, in scenario: ScenarioSpec) -> [String] {
        switch scenario.speedup {
        case .perThread, .noBaseline: return []
        case .againstModel(let model):
            return scenario.variants.filter { $0.model == model && $0.language == variant.language && $0.group == variant.group }.map(\.id)
        }
    }
}
