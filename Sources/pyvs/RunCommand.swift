import ArgumentParser
import Bench
import Console
import Contract
import Foundation
import Measure
import Report

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure scenarios: every Python and Swift variant, side by side.",
        discussion: "Scenarios: \(Catalogue.names.joined(separator: ", ")), or all. Each parameter of a scenario is an "
            + "option (--NAME VALUE, or --param NAME=VALUE); `pyvs list` shows them with their defaults, --quick sizes "
            + "and the document section each scenario reproduces.\n\n"
            + "Examples:\n"
            + "  pyvs run cpu-bound\n"
            + "  pyvs run cpu-bound --n 20000000 --only py.serial,swift.serial --repeat 10\n"
            + "  pyvs run io-bound --requests 10 --delay-ms 500 --export-html io.html\n"
            + "  pyvs run all --quick --format json -o run.json")

    @Argument(help: "Scenarios to run, or 'all'.", completion: .list(Catalogue.names + ["all"]))
    var scenarios: [String] = []

    @Option(help: "Only these variants (comma-separated ids, e.g. py.serial,swift.serial).")
    var only: String?

    @Option(name: .customLong("inject"), parsing: .singleValue, help: .hidden)
    var injections: [String] = []

    @OptionGroup var parameters: ScenarioArguments
    @OptionGroup var measure: MeasureOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if scenarios.isEmpty {
            throw ValidationError("name a scenario to run; accepted: \(Catalogue.names.joined(separator: ", ")), all")
        }
        for name in scenarios where name != "all" && !Catalogue.names.contains(name) {
            throw ValidationError("unknown scenario '\(name)'; accepted: \(Catalogue.names.joined(separator: ", ")), all")
        }
        _ = try parameters.resolved(for: selected)
        if let only {
            let known = Set(selected.flatMap { $0.variants.map(\.id) })
            guard !only.split(separator: ",").isEmpty else {
                throw ValidationError("--only needs at least one variant id; accepted: \(known.sorted().joined(separator: ", "))")
            }
            for id in only.split(separator: ",").map(String.init) where !known.contains(id) {
                throw ValidationError("unknown variant '\(id)' in --only; accepted: \(known.sorted().joined(separator: ", "))")
            }
        }
        _ = try faults()
    }

    var selected: [ScenarioSpec] {
        scenarios.contains("all") ? Catalogue.scenarios : scenarios.compactMap(Catalogue.scenario(named:))
    }

    /// --inject VARIANT=FAULT (pyvs's own tests).
    func faults() throws -> [String: Fault] {
        var faults: [String: Fault] = [:]
        for injection in injections {
            let parts = injection.split(separator: "=").map(String.init)
            guard parts.count == 2, let fault = Fault(rawValue: parts[1]) else {
                throw ValidationError("--inject takes VARIANT=\(Fault.allCases.map(\.rawValue).joined(separator: "|")), got '\(injection)'")
            }
            faults[parts[0]] = fault
        }
        return faults
    }

    func run() throws {
        try output.checkWritable(for: RunReport.self)
        // Ten counted runs: a Python row's run is one process, whose speed
        // here varies from process to process, and the fastest of five
        // missed the fast ones often enough to move a speedup by 5 %.
        var options = try measure.runOptions(limits: limits)
        (options.overrides, options.seriesOverrides) = try parameters.resolved(for: selected)
        options.only = only.map { Set($0.split(separator: ",").map(String.init)) }
        options.faults = try faults()
        let progress = ProgressLine(enabled: !output.noProgress)
        let report = RunMetadata.measure(selected, runner: Runner(options: options, progress: progress, supervisor: Session.supervisor), command: CommandLine.arguments)
        progress.finish()
        try output.write(report)
        if !report.allOK { throw ExitCode.failure }
    }
}
