import Bench
import Contract

/// The pyvs command lines a report shows a reader so they can repeat what
/// it measured. Only the command line spells its own flags.
enum CommandLines {
    /// `pyvs run` with a claim's scenario, variant and parameters.
    /// A comparison's two rows run together where they share parameters, else one after the other.
    static func repeating(_ claim: Claim) -> String {
        func run(_ variants: [String], _ params: [String: Int]?) -> String {
            var words = ["pyvs run", claim.measure.scenario, "--only", variants.joined(separator: ",")]
            for (name, value) in (params ?? [:]).sorted(by: { $0.key < $1.key }) {
                words.append("--\(name.replacingOccurrences(of: "_", with: "-")) \(value)")
            }
            return words.joined(separator: " ")
        }
        guard let other = claim.measure.against else { return run([claim.measure.variant], claim.measure.params) }
        guard let params = other.params, params != (claim.measure.params ?? [:]) else {
            return run([claim.measure.variant, other.variant], claim.measure.params)
        }
        return run([claim.measure.variant], claim.measure.params) + " && " + run([other.variant], params)
    }

    /// The command that measures a scenario: `pyvs gil` for the GIL study.
    static func measuring(_ scenario: String) -> String {
        Catalogue.gilStudy.contains { $0.name == scenario } ? "pyvs gil" : "pyvs run \(scenario)"
    }
}
