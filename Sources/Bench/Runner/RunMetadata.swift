import BuildInfo
import Console
import Contract
import Foundation
import Measure
import Processes

/// What every measured report records before its scenarios: the machine
/// (with its calibrated native parallelism), the embedded CPython, and the
/// warnings a reader needs about both.
public enum RunMetadata {
    public static func collect(options: RunOptions, progress: ProgressLine, supervisor: Supervisor) -> (MachineInfo, PythonInfo?, [String]) {
        progress.step("calibrating", detail: "native parallelism")
        let machine = MachineInfo.current(nativeParallelism: Calibration.nativeParallelism())
        var warnings: [String] = []
        if machine.loadAverage > 0.5 {
            warnings.append("the load average was \(Format.number(machine.loadAverage)) when the run started: other work shares these \(machine.cores) cores, so timings and speedups are distorted. Consider re-running on a quiet system.")
        }
        if let native = machine.nativeParallelism, machine.cores > 1 && native < Double(machine.cores) * 0.8 {
            warnings.append("native threads reached only \(Format.number(native)) of \(machine.cores) cores in the calibration: parallel speedups here are capped by that, not by the languages.")
        }
        let python = Runner.pythonInfo(options.python, supervisor: supervisor)
        if python == nil { warnings.append("could not read the embedded CPython's facts (see the failed rows)") }
        return (machine, python, warnings)
    }

    /// Measures `scenarios` one after the other into one report.
    public static func measure(_ scenarios: [ScenarioSpec], runner: Runner, command: [String]) -> RunReport {
        runner.progress.plan(scenarios.reduce(1) { $0 + runner.plannedRows($1) * runner.options.runsPerRow })
        let (machine, python, warnings) = collect(options: runner.options, progress: runner.progress, supervisor: runner.supervisor)
        let results = scenarios.map { runner.run($0, python: python, nativeParallelism: machine.nativeParallelism) }
        var report = RunReport(command: command, machine: machine, python: python, scenarios: results, warnings: warnings)
        report.pyvs = PyvsVersion.record
        if let signal = runner.supervisor.interruption.signal {
            report.incomplete = true
            report.warnings.append("interrupted by \(Outcome.signalName(signal)): this report holds only the runs measured before it.")
        }
        return report
    }
}
