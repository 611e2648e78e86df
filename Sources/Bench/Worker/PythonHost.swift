import Contract
import Foundation
import Measure
import PyEmbed

/// Starting the embedded CPython the way every pyvs worker does, and the
/// calls into pyvs's Python harness.
enum PythonHost {
    struct NoExecutable: Error, CustomStringConvertible {
        var description: String {
            "cannot find the python executable that matches the embedded CPython \(Interpreter.libraryVersion); pass --python PATH"
        }
    }

    /// The executable given to PyConfig: the user's choice, else the one that
    /// belongs to the embedded library.
    static func executable(_ requested: String?) throws -> String {
        if let requested, !requested.isEmpty { return requested }
        guard let found = Interpreter.matchingExecutable() else { throw NoExecutable() }
        return found
    }

    /// Starts CPython with pyvs's Python folder on sys.path. The calling
    /// thread holds the GIL on return.
    static func start(_ setup: PythonSetup, argv: [String] = ["pyvs"], unbuffered: Bool = false) throws {
        try Interpreter.start(executable: executable(setup.executable), searchPaths: [Paths.pythonDirectory],
                              argv: argv, unbuffered: unbuffered)
    }

    /// A callable that runs a variant's measured work: `module.function(**params,
    /// start_method=...)`, its inputs prepared beforehand, a fault injected if asked.
    static func prepare(module: String, function: String, params: Params, setup: PythonSetup, fault: Fault?) throws -> PyRef {
        var keywords = try params.mapValues { try PyRef($0) }
        keywords["start_method"] = try PyRef(setup.startMethod.rawValue)
        // Children that spawn or a fork server starts run this pyvs, so the
        // embedded library, as forked ones do: every Python row of a scenario
        // runs on one kind of interpreter (--python PATH chooses another).
        if setup.executable == nil {
            try Python.importModule("multiprocessing").attribute("set_executable").call([PyRef(Paths.selfExecutable)])
        }
        let prepare = try Python.importModule("pyvs_py._harness").attribute("prepare")
        return try prepare.call([PyRef(module), PyRef(function), PyRef(dict: keywords), PyRef(fault?.rawValue ?? "")])
    }

    /// What a variant returned: an int (its result), or a dict with `result`,
    /// `thread_cpu_s` and `metrics`.
    static func output(_ value: PyRef) throws -> VariantOutput {
        let json = try Python.importModule("pyvs_py._harness").attribute("output").call([value]).string()
        return try JSONDecoder().decode(VariantOutput.self, from: Data(json.utf8))
    }

    /// Facts about the running interpreter (GIL held).
    static func describe() throws -> PythonInfo {
        let json = try Python.importModule("pyvs_py._harness").attribute("describe").call().string()
        struct Described: Decodable {
            let version, implementation, build, executable: String
            let start_method: String
            let switch_interval_s: Double
            let gil_enabled: Bool
            let shared: Bool
            let extras: [String: Bool]
            let cflags: String?
            let configure_args: String?
            let free_threaded: Bool?
        }
        let facts = try JSONDecoder().decode(Described.self, from: Data(json.utf8))
        var info = PythonInfo(version: facts.version, implementation: facts.implementation,
                              build: facts.build + (facts.shared ? " (shared library)" : ""),
                              library: Interpreter.libraryPath ?? "unknown", executable: facts.executable,
                              startMethod: facts.start_method, switchIntervalSeconds: facts.switch_interval_s,
                              gilEnabled: facts.gil_enabled, extras: facts.extras)
        info.buildFlags = facts.cflags
        info.configureArguments = facts.configure_args
        info.freeThreaded = facts.free_threaded
        return info
    }

    /// The best of `repeats` timings of the cpu-bound loop (GIL held).
    static func loopSpeed(n: Int, repeats: Int) throws -> Double {
        try Python.importModule("pyvs_py.loop").attribute("loop_speed").call([PyRef(n), PyRef(repeats)]).double()
    }

    /// Runs the interpreter's exit handlers (GIL held): multiprocessing's stops
    /// a fork server and removes its folder. Errors there change nothing measured.
    static func runExitHandlers() {
        _ = try? Python.importModule("atexit").attribute("_run_exitfuncs").call()
    }

    /// Whether the GIL is enabled now (GIL held).
    static func gilEnabled() throws -> Bool {
        try Python.importModule("pyvs_py._harness").attribute("gil_enabled").call().isTrue()
    }
}
