import BuildInfo
import Console
import Contract
import Foundation
import Measure
import Processes

/// What every measured report records before its scenarios: the machine,
/// each Python build, and the warnings a reader needs about both. What
/// native threads reach is measured in every round beside the rows
/// (`NativeReference`), not once before them: the machine's capacity moves
/// within minutes.
public enum RunMetadata {
    /// The machine, the builds as their workers describe them, and warnings.
    public typealias Collected = (MachineInfo, [MeasuredBuild], [String])

    public static func collect(options: RunOptions, progress: ProgressLine, supervisor: Supervisor) -> Collected {
        let machine = MachineInfo.current(nativeParallelism: nil)
        // Other work is measured during each counted run (`disturbedRuns`);
        // the load average, which lags a minute, is only recorded.
        var warnings: [String] = []
        var builds: [MeasuredBuild] = []
        for build in options.builds {
            progress.step("reading", detail: "the CPython of build \(build.name)")
            let setup = PythonSetup(executable: build.executable ?? options.python.executable, startMethod: options.python.startMethod)
            var measured = BuildFacts.read(build, setup: setup, supervisor: supervisor)
            if let executable = measured.python?.executable {
                progress.step("timing", detail: "Python in the embedded library and in \(executable)")
                BuildFacts.timeLoop(&measured.python, build: build, setup: setup, rounds: options.quick ? 2 : 4, supervisor: supervisor)
            }
            if measured.python == nil {
                warnings.append(options.builds.count == 1 ? "could not read the embedded CPython's facts (see the failed rows)"
                                                          : "could not read the facts of Python build \(build.name) (\(build.pyvs)); see its failed rows")
            }
            if let theirs = measured.pyvsCommit, let mine = PyvsVersion.commit, theirs != mine {
                warnings.append("the pyvs of build \(build.name) was built from commit \(theirs), this one from \(mine): "
                    + "rebuild it (make pythons, or make build PYTHON=<its python>) so both measure alike.")
            }
            builds.append(measured)
        }
        return (machine, builds, warnings)
    }

    /// The machine with its native parallelism: the median on all cores
    /// over every round of the scenarios' native references (on as many
    /// threads as come nearest the cores); nil where none measured one.
    public static func machine(_ machine: MachineInfo, measuredIn results: [ScenarioResult]) -> MachineInfo {
        let values = results.compactMap(\.nativeReference).flatMap { reference in
            reference.threads(for: machine.cores, cores: machine.cores).map { reference.parallelism(threads: $0).map(\.parallelism) } ?? []
        }
        var machine = machine
        machine.nativeParallelism = Spread(values)?.median
        return machine
    }

    /// The builds as the report records them, when there are several.
    public static func record(_ builds: [MeasuredBuild]) -> [PythonBuildInfo]? {
        guard builds.count > 1 else { return nil }
        return builds.map { PythonBuildInfo(name: $0.build.name, python: $0.python,
                                            environment: $0.build.environment.isEmpty ? nil : $0.build.environment, pyvs: $0.build.pyvs) }
    }

    /// The pyvs that measured: version, commit, and the folder its Python programs came from.
    public static var pyvsRecord: [String: String] {
        PyvsVersion.record.merging(["data": Paths.dataDirectory]) { $1 }
    }

    /// Measures `scenarios` one after the other into one report.
    public static func measure(_ scenarios: [ScenarioSpec], runner: Runner, command: [String], collected: Collected? = nil) -> RunReport {
        runner.progress.plan(scenarios.reduce(runner.options.builds.count) { $0 + runner.plannedRows($1) * runner.options.runsPerRow })
        let (collectedMachine, builds, warnings) = collected ?? collect(options: runner.options, progress: runner.progress, supervisor: runner.supervisor)
        let results = scenarios.map { runner.run($0, pythons: builds) }
        let machine = machine(collectedMachine, measuredIn: results)
        var report = RunReport(command: command, machine: machine, python: builds.first?.python, scenarios: results, warnings: warnings)
        report.builds = record(builds)
        report.pyvs = pyvsRecord
        if let signal = runner.supervisor.interruption.signal {
            report.incomplete = true
            report.warnings.append("interrupted by \(Format.signal(signal)): this report holds only the runs measured before it.")
        }
        return report
    }
}
