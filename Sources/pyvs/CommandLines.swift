import Bench
import Contract

/// The pyvs command lines a report shows a reader so they can repeat what
/// it measured. Only the command line spells its own flags.
enum CommandLines {
    /// `pyvs run` with a claim's scenario, variant and parameters.
    static func repeating(_ claim: Claim) -> String {
        var words = ["pyvs run", claim.measure.scenario, "--only", claim.measure.variant]
        for (name, value) in (claim.measure.params ?? [:]).sorted(by: { $0.key < $1.key }) {
            words.append("--\(name.replacingOccurrences(of: "_", with: "-")) \(value)")
        }
        return words.joined(separator: " ")
    }

    /// The command that measures a scenario: `pyvs gil` for the GIL study.
    static func measuring(_ scenario: String) -> String {
        Catalogue.gilStudy.contains { $0.name == scenario } ? "pyvs gil" : "pyvs run \(scenario)"
    }
}
