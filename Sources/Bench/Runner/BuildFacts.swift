import Contract
import Foundation
import Processes

/// What a Python build is, read in one of its workers: its CPython, the
/// commit its pyvs was built from, and how fast it runs the cpu-bound loop
/// embedded and in its own python executable (the report's "speed" line).
public enum BuildFacts {
    /// Facts about a build's CPython, read in one of its workers.
    public static func pythonInfo(_ setup: PythonSetup, build: PythonBuild = .host, supervisor: Supervisor) -> PythonInfo? {
        read(build, setup: setup, supervisor: supervisor).python
    }

    /// How fast the build runs the cpu-bound loop in its embedded library
    /// and in its own python executable: the same code (pyvs_py.loop's
    /// loop_speed, best of `repeats` in each process), alternated `rounds`
    /// times; the best of each. Nil where either could not run.
    public static let loopN = 300_000

    static func loopSpeeds(_ build: PythonBuild, setup: PythonSetup, executable: String?, n: Int = loopN, repeats: Int = 7,
                           rounds: Int, supervisor: Supervisor) -> (embedded: Double, executable: Double, python: PythonInfo?)? {
        var embedded: [Double] = [], command: [Double] = []
        var python: PythonInfo?
        for _ in 0..<rounds {
            let worker = Worker.process(.loopSpeed(setup, n: n, repeats: repeats), build: build, limits: Limits(timeout: 60), captureLimitBytes: Worker.factsCaptureBytes)
            if case .success(let sample) = Outcome.interpret(worker.run(in: supervisor)) {
                embedded.append(sample.wall)
                python = python ?? sample.python
            }
            // The build's own executable: the one named, else the one the worker found.
            guard let executable = executable ?? python?.executable,
                  let seconds = executableLoopSpeed(executable, build: build, n: n, repeats: repeats, supervisor: supervisor) else { continue }
            command.append(seconds)
        }
        guard let bestEmbedded = embedded.min(), let bestCommand = command.min() else { return nil }
        return (bestEmbedded, bestCommand, python)
    }

    /// The best of `repeats` timings of the loop in one run of `executable`
    /// (which imports pyvs_py.loop alone); nil when it did not run.
    public static func executableLoopSpeed(_ executable: String, build: PythonBuild, n: Int, repeats: Int, supervisor: Supervisor) -> Double? {
        let code = "import sys; sys.path.insert(0, sys.argv[1]); from pyvs_py.loop import loop_speed; print(loop_speed(\(n), \(repeats)))"
        var child = ChildProcess(arguments: [executable, "-c", code, Paths.pythonDirectory])
        child.environment.merge(build.environment) { $1 }
        child.timeout = 60
        let outcome = child.run(in: supervisor)
        guard outcome.ending == .exited(0) else { return nil }
        return Double(String(decoding: outcome.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Records in `python` how fast the build runs the loop embedded and in its executable.
    public static func timeLoop(_ python: inout PythonInfo?, build: PythonBuild, setup: PythonSetup, rounds: Int, supervisor: Supervisor) {
        guard let executable = python?.executable,
              let speeds = loopSpeeds(build, setup: setup, executable: executable, rounds: rounds, supervisor: supervisor) else { return }
        python?.loopEmbeddedSeconds = speeds.embedded
        python?.loopExecutableSeconds = speeds.executable
        python?.loopN = loopN
    }

    /// A build's CPython as its loop-timing worker describes it, with how
    /// fast it runs the loop embedded and in its executable (one worker
    /// fewer than `pythonInfo` and then `timeLoop`); nil when it cannot start.
    public static func timedPythonInfo(_ setup: PythonSetup, build: PythonBuild, rounds: Int, n: Int = loopN, repeats: Int = 7,
                                       supervisor: Supervisor) -> PythonInfo? {
        guard let speeds = loopSpeeds(build, setup: setup, executable: nil, n: n, repeats: repeats, rounds: rounds, supervisor: supervisor),
              var python = speeds.python else {
            return pythonInfo(setup, build: build, supervisor: supervisor)
        }
        python.loopEmbeddedSeconds = speeds.embedded
        python.loopExecutableSeconds = speeds.executable
        python.loopN = n
        return python
    }

    /// A build as one of its workers describes it: its CPython, and the commit its pyvs was built from.
    static func read(_ build: PythonBuild, setup: PythonSetup, supervisor: Supervisor) -> MeasuredBuild {
        let child = Worker.process(.pythonInfo(setup), build: build, limits: Limits(timeout: 60), captureLimitBytes: Worker.factsCaptureBytes)
        guard case .success(let sample) = Outcome.interpret(child.run(in: supervisor)) else { return MeasuredBuild(build: build, python: nil) }
        var measured = MeasuredBuild(build: build, python: sample.python)
        measured.pyvsCommit = sample.pyvsCommit
        return measured
    }
}
