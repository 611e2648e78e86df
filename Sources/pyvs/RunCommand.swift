import ArgumentParser
import Bench
import Foundation
import Measure
import Report

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure scenarios: every Python and Swift variant, side by side.",
        discussion: "Scenarios: \(Catalogue.names.joined(separator: ", ")), or all. `pyvs list` shows their variants.")

    @Argument(help: "Scenarios to run, or 'all'.")
    var scenarios: [String] = []

    @Option(help: "Loop length of one task (cpu-bound).")
    var n: Int?

    @Option(help: "Number of tasks.")
    var tasks: Int?

    @Option(help: "Pool size for the pool variants (default: online cores).")
    var workers: Int?

    @Option(help: "Only these variants (comma-separated ids, e.g. py.serial,swift.serial).")
    var only: String?

    @Option(name: .customLong("inject"), parsing: .singleValue, help: .hidden)
    var injections: [String] = []

    @OptionGroup var measure: MeasureOptions
    @OptionGroup var output: OutputOptions

    mutating func validate() throws {
        if scenarios.isEmpty {
            throw ValidationError("name a scenario to run; accepted: \(Catalogue.names.joined(separator: ", ")), all")
        }
        for name in scenarios where name != "all" && Catalogue.scenario(named: name) == nil {
            throw ValidationError("unknown scenario '\(name)'; accepted: \(Catalogue.names.joined(separator: ", ")), all")
        }
        for (name, value) in overrides {
            let ranges = selected.compactMap { $0.parameters.first { $0.name == name }?.range }
            if let range = ranges.first, !range.contains(value) {
                throw ValidationError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(value)")
            }
        }
        if let only {
            let known = Set(selected.flatMap { $0.variants.map(\.id) })
            for id in only.split(separator: ",").map(String.init) where !known.contains(id) {
                throw ValidationError("unknown variant '\(id)' in --only; accepted: \(known.sorted().joined(separator: ", "))")
            }
        }
        for injection in injections {
            let parts = injection.split(separator: "=")
            guard parts.count == 2, ["segfault", "hang", "exit", "raise", "memory", "wrong"].contains(String(parts[1])) else {
                throw ValidationError("--inject takes VARIANT=segfault|hang|exit|raise|memory|wrong, got '\(injection)'")
            }
        }
    }

    var selected: [ScenarioSpec] {
        scenarios.contains("all") ? Catalogue.scenarios : scenarios.compactMap(Catalogue.scenario(named:))
    }

    var overrides: [String: Int] {
        var values: [String: Int] = [:]
        if let n { values["n"] = n }
        if let tasks { values["tasks"] = tasks }
        if let workers { values["workers"] = workers }
        return values
    }

    mutating func run() throws {
        try output.checkWritable()
        var options = measure.runOptions()
        options.overrides = overrides
        options.only = only.map { Set($0.split(separator: ",").map(String.init)) }
        for injection in injections {
            let parts = injection.split(separator: "=").map(String.init)
            options.faults[parts[0]] = parts[1]
        }
        let progress = ProgressLine(enabled: !output.noProgress)
        let runner = Runner(options: options, progress: progress)
        let report = Session.measure(runner: runner, scenarios: selected)
        progress.finish()
        try output.write(report)
        if !report.allOK { throw ExitCode.failure }
    }
}

/// The parts every measuring command shares: calibration, Python facts,
/// the scenarios, and a report with its metadata.
enum Session {
    static func measure(runner: Runner, scenarios: [ScenarioSpec]) -> RunReport {
        let options = runner.options
        let steps = scenarios.reduce(0) { total, scenario in
            total + scenario.variants.filter { options.only?.contains($0.id) ?? true }.count * (options.warmup + options.repeatCount)
        }
        runner.progress.plan(steps + 1)  // + the calibration
        var warnings: [String] = []
        let (machine, python) = metadata(runner: runner, warnings: &warnings)
        let results = scenarios.map { runner.run($0) }
        return RunReport(command: CommandLine.arguments, machine: machine, python: python, scenarios: results, warnings: warnings)
    }

    static func metadata(runner: Runner, warnings: inout [String]) -> (MachineInfo, PythonInfo?) {
        runner.progress.step("calibrating", detail: "native parallelism")
        let machine = MachineInfo.current(nativeParallelism: Calibration.nativeParallelism())
        if machine.loadAverage > 0.5 {
            warnings.append("the load average was \(Format.number(machine.loadAverage)) when the run started: other work shares these \(machine.cores) cores, so timings and speedups are distorted. Consider re-running on a quiet system.")
        }
        if machine.cores > 1 && machine.nativeParallelism < Double(machine.cores) * 0.8 {
            warnings.append("native threads reached only \(Format.number(machine.nativeParallelism)) of \(machine.cores) cores in the calibration: parallel speedups here are capped by that, not by the languages.")
        }
        let python = runner.pythonInfo()
        if python == nil { warnings.append("could not read the embedded CPython's facts (see the failed rows)") }
        return (machine, python)
    }
}

