import Foundation
import Measure
import PyEmbed

/// Starting the embedded CPython the way every pyvs worker does.
public enum PythonHost {
    public struct NoExecutable: Error, CustomStringConvertible {
        public var description: String {
            "cannot find the python executable that matches the embedded CPython \(Interpreter.libraryVersion); pass --python PATH"
        }
    }

    /// The executable given to PyConfig: the user's choice, else the one that
    /// belongs to the embedded library.
    public static func executable(_ requested: String?) throws -> String {
        if let requested, !requested.isEmpty { return requested }
        guard let found = Interpreter.matchingExecutable() else { throw NoExecutable() }
        return found
    }

    /// Starts CPython with pyvs's Python folder on sys.path. The calling
    /// thread holds the GIL on return.
    public static func start(executable requested: String?, extraPaths: [String] = [], argv: [String] = ["pyvs"],
                             unbuffered: Bool = false) throws {
        try Interpreter.start(executable: executable(requested),
                              searchPaths: [Paths.pythonDirectory] + extraPaths, argv: argv, unbuffered: unbuffered)
    }

    /// Facts about the running interpreter (GIL held).
    public static func describe() throws -> PythonInfo {
        let json = try Python.importModule("pyvs_py._harness").attribute("describe").call().string()
        struct Described: Decodable {
            let version, implementation, build, executable: String
            let start_method: String
            let switch_interval_s: Double
            let gil_enabled: Bool
            let shared: Bool
            let extras: [String: Bool]
        }
        let facts = try JSONDecoder().decode(Described.self, from: Data(json.utf8))
        return PythonInfo(version: facts.version, implementation: facts.implementation,
                          build: facts.build + (facts.shared ? " (shared library)" : ""),
                          library: Interpreter.libraryPath ?? "unknown", executable: facts.executable,
                          startMethod: facts.start_method, switchIntervalSeconds: facts.switch_interval_s,
                          gilEnabled: facts.gil_enabled, extras: facts.extras)
    }
}
