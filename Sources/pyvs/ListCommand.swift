import ArgumentParser
import Bench
import Report

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Scenarios, their variants and defaults.")

    func run() throws {
        var out: [String] = []
        for scenario in Catalogue.scenarios {
            out.append("\(scenario.name): \(scenario.title)  (\(scenario.source))")
            let params = scenario.parameters.map { "--\($0.name) \($0.defaultValue) (quick \($0.quickValue)): \($0.help)" }
            out += params.map { "  " + $0 }
            var table = Table([("variant", .left), ("language", .left), ("model", .left), ("how", .left)])
            for variant in scenario.variants {
                table.add([variant.id, variant.language.rawValue, variant.model, variant.title])
            }
            out += table.terminal().split(separator: "\n").map { "  " + $0 }
            out.append("")
        }
        out.append("gil (pyvs gil): the GIL against true pthread parallelism, at 1, 2 and N threads")
        var gil = Table([("variant", .left), ("model", .left), ("how", .left)])
        for variant in GILCatalogue.variants { gil.add([variant.id, variant.model, variant.title]) }
        out += gil.terminal().split(separator: "\n").map { "  " + $0 }
        print(out.joined(separator: "\n"))
    }
}
