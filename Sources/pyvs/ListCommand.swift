import ArgumentParser
import Bench
import Contract
import Console
import Report

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Scenarios, their variants and defaults; or the Python builds.")

    @Flag(help: "List the Python builds --python can name (this pyvs's own, those built beside it, and each free-threaded one with PYTHON_GIL=1), with what each is.")
    var pythons = false

    func run() throws {
        if pythons { return try listPythons() }
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

    /// Each build with the facts one of its workers reads.
    private func listPythons() throws {
        var table = Table([("name", .left), ("python", .left), ("GIL", .left), ("optimised", .left), ("pyvs", .left)])
        for build in PythonBuilds.available(supervisor: Session.supervisor) {
            let info = BuildFacts.pythonInfo(PythonSetup(), build: build, supervisor: Session.supervisor)
            let described = PythonBuildInfo(name: build.name, python: info, environment: build.environment, pyvs: build.pyvs)
            table.add([build.name, info.map { "CPython \($0.version)" } ?? "cannot start: see \(build.pyvs)",
                       (info?.gilState ?? "–") + (described.environmentText.map { " (\($0))" } ?? ""),
                       info?.optimizations ?? "–", build.pyvs])
        }
        let more = "make pythons builds CPython 3.13.5 with and without the GIL; make build PYTHON=<a shared CPython's python> adds any other."
        do { try Output.write(table.terminal() + "\n" + more, to: nil) } catch { throw CommandFailure.cannotWrite("\(error)") }
    }

    private func flag(_ name: String) -> String { name.replacingOccurrences(of: "_", with: "-") }
}
