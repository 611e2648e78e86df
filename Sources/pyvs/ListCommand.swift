import ArgumentParser
import Bench
import Console
import Report

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Scenarios, their variants and defaults.")

    func run() throws {
        var out: [String] = []
        for (command, scenarios) in [("pyvs run", Catalogue.scenarios), ("pyvs gil", Catalogue.gilStudy)] {
            for scenario in scenarios {
                out.append("\(scenario.name) (\(command)): \(scenario.title)  (\(scenario.source))")
                for parameter in scenario.parameters {
                    out.append("  --\(flag(parameter.name)) \(parameter.defaultValue) (quick \(parameter.quickValue)): \(parameter.help)")
                }
                if let series = scenario.series {
                    let values = { (list: [Int]) in list.map(String.init).joined(separator: ",") }
                    out.append("  --\(flag(series.name)) \(values(series.defaultValues)) (quick \(values(series.quickValues))): \(series.help), one row each")
                }
                var table = Table([("variant", .left), ("language", .left), ("model", .left), ("how", .left)])
                for variant in scenario.variants {
                    table.add([variant.id, variant.language.rawValue, variant.model.rawValue, variant.title])
                }
                out += table.terminal().split(separator: "\n").map { "  " + $0 }
                out.append("")
            }
        }
        do { try Output.write(out.joined(separator: "\n"), to: nil) } catch { throw CommandFailure.cannotWrite("\(error)") }
    }

    private func flag(_ name: String) -> String { name.replacingOccurrences(of: "_", with: "-") }
}
