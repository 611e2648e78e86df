import Foundation

/// Where pyvs finds itself and its data: the `pyvs_py` Python package, the
/// claims it ships and the JSON schemas.
public enum Paths {
    /// The running pyvs binary (re-executed for every measured run).
    public static var selfExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// A place pyvs may find its Python programs, and where its other data would be beside them.
    public struct Place: Sendable, Equatable {
        /// The folder that holds (or would hold) `pyvs_py`.
        public var python: String
        /// Where it comes from, for the message when none holds it.
        public var origin: String

        /// The folder holding `python/`, `claims/` and `schemas/`.
        public var root: String { URL(fileURLWithPath: python).deletingLastPathComponent().path }
        var holdsPackage: Bool { FileManager.default.fileExists(atPath: python + "/pyvs_py/__init__.py") }
    }

    /// Where pyvs looks, in order: beside the binary as `make install` lays
    /// it out (BIN/../share/pyvs/python), the checkout it was built from,
    /// then $PYVS_PYTHON_DIR.
    public static func places(environment: [String: String] = ProcessInfo.processInfo.environment) -> [Place] {
        let binary = URL(fileURLWithPath: selfExecutable).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = binary.deletingLastPathComponent().appendingPathComponent("share/pyvs/python").standardizedFileURL.path
        // This file is Sources/Bench/Worker/Paths.swift in the checkout.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("python").path
        var places = [Place(python: installed, origin: "beside the binary"), Place(python: checkout, origin: "the checkout it was built from")]
        if let variable = environment["PYVS_PYTHON_DIR"], !variable.isEmpty {
            places.append(Place(python: variable, origin: "PYVS_PYTHON_DIR"))
        }
        return places
    }

    /// The first place that holds `pyvs_py`.
    public static let found: Place? = places().first(where: \.holdsPackage)

    /// The folder holding the `pyvs_py` package (the first place pyvs looks
    /// when none holds it: `requireData` has said so before anything runs).
    public static var pythonDirectory: String { (found ?? places()[0]).python }

    /// The folder holding `python/`, `claims/` and `schemas/`.
    public static var dataDirectory: String { (found ?? places()[0]).root }

    /// pyvs's cache: $XDG_CACHE_HOME/pyvs, ~/.cache/pyvs by default (its
    /// snippet environments, the programs it builds).
    public static func cacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return cache + "/pyvs"
    }

    /// Throws, saying in one line where pyvs looked, when no place holds its Python programs.
    public static func requireData() throws {
        guard found == nil else { return }
        var looked = places().map { "\($0.python) (\($0.origin))" }
        if ProcessInfo.processInfo.environment["PYVS_PYTHON_DIR"]?.isEmpty ?? true { looked.append("$PYVS_PYTHON_DIR (not set)") }
        throw DataNotFound(description: "cannot find pyvs's Python programs (pyvs_py); looked in " + looked.joined(separator: ", ")
            + "; install pyvs with `make install` or set PYVS_PYTHON_DIR to the folder holding pyvs_py")
    }

    public struct DataNotFound: Error, CustomStringConvertible {
        public let description: String
    }
}
