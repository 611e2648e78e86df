import ArgumentParser
import Bench
import Contract
import Console
import Report

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Scenarios, their variants and defaults; or the Python builds.")

    @Flag(help: "List the Python builds --python can name (this pyvs's own, those built beside it, and each free-threaded one with PYTHON_GIL=1), with what each is.")
    var pythons = false

    @Flag(help: "List the other runtimes the documents compare (Go, Java, C and C++, Rust with tokio, Node): the version of each here, or what it lacks and the command that installs it (make toolchains installs them all).")
    var runtimes = false

    /// For `make toolchains`: the Debian packages of what the runtimes lack, on one line.
    @Flag(help: .hidden)
    var missingPackages = false

    func validate() throws {
        if pythons && runtimes { throw ValidationError("--pythons and --runtimes list different things; give one") }
    }

    func run() throws {
        if pythons { return try listPythons() }
        if missingPackages {
            let packages = Runtimes.found(supervisor: Session.supervisor).flatMap { $0.packages }
            return try write(packages.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: " ") + "\n")
        }
        if runtimes { return try listRuntimes() }
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
        try write(out.joined(separator: "\n"))
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
        try write(table.terminal() + "\n" + more + "\n")
    }

    /// Each runtime with its version, or what it lacks and how to install it.
    private func listRuntimes() throws {
        var table = Table([("runtime", .left), ("here", .left)])
        let found = Runtimes.found(supervisor: Session.supervisor)
        for runtime in found {
            let lacking = runtime.missing.isEmpty ? "its version command failed" : "missing \(runtime.missing.joined(separator: ", "))"
            table.add([runtime.name, runtime.version ?? lacking + (runtime.installCommand.map { ": \($0)" } ?? "")])
        }
        let ready = found.filter { $0.version != nil }.count
        let summary = "\(ready) of \(found.count) runtimes ready" + (ready == found.count ? "." : "; make toolchains installs the missing ones from Debian's packages.")
        try write(table.terminal() + "\n" + summary + "\n")
    }

    private func write(_ text: String) throws {
        do { try Output.write(text, to: nil) } catch { throw CommandFailure.cannotWrite("\(error)") }
    }

    private func flag(_ name: String) -> String { name.replacingOccurrences(of: "_", with: "-") }
}
