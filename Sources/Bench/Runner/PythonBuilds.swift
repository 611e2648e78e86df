import Foundation
import Contract
import Processes
import PyEmbed

/// One CPython build pyvs can measure: a pyvs binary that embeds it (this
/// one, or one built beside it with `make build PYTHON=...`), and what its
/// workers run with.
public struct PythonBuild: Sendable, Equatable {
    /// As `--python` names it: the library's LDVERSION ("3.11", "3.13t"),
    /// the make variable BUILD_NAME, or "NAME+gil" for a free-threaded build
    /// with the GIL forced back on.
    public var name: String
    /// The pyvs binary that embeds this build; its workers are this binary.
    public var pyvs: String
    /// Set in each worker's environment (PYTHON_GIL=1 for a "+gil" build).
    public var environment: [String: String] = [:]
    /// The executable multiprocessing children start (`--python PATH`); nil:
    /// the one that belongs to the embedded library.
    public var executable: String?

    public init(name: String, pyvs: String, environment: [String: String] = [:], executable: String? = nil) {
        self.name = name; self.pyvs = pyvs; self.environment = environment; self.executable = executable
    }

    /// The build this binary embeds.
    public static var host: PythonBuild { PythonBuild(name: PythonBuilds.hostName, pyvs: Paths.selfExecutable) }

    /// Whether the library has no GIL (a LDVERSION with "t"), as the name says.
    public var isFreeThreaded: Bool { PythonBuilds.isFreeThreaded(name) }

    /// The same interpreter with the GIL forced back on (PYTHON_GIL=1).
    public var withGIL: PythonBuild {
        PythonBuild(name: name + PythonBuilds.gilSuffix, pyvs: pyvs, environment: environment.merging(["PYTHON_GIL": "1"]) { $1 },
                    executable: executable)
    }
}

/// The builds there are: this pyvs's own, and each pyvs built beside it in a
/// `.build-py<NAME>` scratch folder of the same checkout (what `make pythons`
/// and `make build PYTHON=...` make), each free-threaded one also with the
/// GIL forced on.
public enum PythonBuilds {
    public static let gilSuffix = "+gil"

    /// This binary's build: its scratch folder's name (.build-py3.13t-opt),
    /// else the library's LDVERSION.
    public static var hostName: String {
        scratchName(of: Paths.selfExecutable) ?? Interpreter.compiledName
    }

    static func isFreeThreaded(_ name: String) -> Bool {
        let base = name.hasSuffix(gilSuffix) ? String(name.dropLast(gilSuffix.count)) : name
        // "3.13t", "3.13t-opt": the LDVERSION's "t" right after the minor version.
        guard let dot = base.firstIndex(of: ".") else { return false }
        let rest = base[base.index(after: dot)...].drop { $0.isNumber }
        return rest.first == "t"
    }

    /// The GIL build a free-threaded one pairs with: "3.13t" → "3.13",
    /// "3.13t-opt" → "3.13-opt"; nil for any other name.
    static func gilCounterpart(of name: String) -> String? {
        guard isFreeThreaded(name), !name.hasSuffix(gilSuffix), let dot = name.firstIndex(of: "."),
              let t = name[name.index(after: dot)...].firstIndex(where: { !$0.isNumber }) else { return nil }
        var counterpart = name
        counterpart.remove(at: t)
        return counterpart
    }

    /// The `.build-pyNAME` folder a binary lives under, if it does.
    static func scratchName(of binary: String) -> String? {
        URL(fileURLWithPath: binary).pathComponents.reversed()
            .first { $0.hasPrefix(".build-py") }.map { String($0.dropFirst(".build-py".count)) }
    }

    /// Every build found, this one first, then by name; each free-threaded
    /// build followed by its "+gil" twin.
    public static func available(supervisor: Supervisor) -> [PythonBuild] {
        let host = PythonBuild.host
        var builds = [host]
        for (name, binary) in siblings(supervisor: supervisor) where name != host.name {
            builds.append(PythonBuild(name: name, pyvs: binary))
        }
        return builds.flatMap { $0.isFreeThreaded ? [$0, $0.withGIL] : [$0] }
    }

    /// Binaries built in `.build-py*` folders beside this binary's scratch
    /// folder (and the default `.build`, named by asking its binary): the
    /// same configuration (debug/release) preferred.
    static func siblings(supervisor: Supervisor) -> [(name: String, binary: String)] {
        let me = URL(fileURLWithPath: Paths.selfExecutable).resolvingSymlinksInPath()
        let components = me.pathComponents
        guard let scratchIndex = components.lastIndex(where: { $0.hasPrefix(".build") }) else { return [] }
        let checkout = URL(fileURLWithPath: NSString.path(withComponents: Array(components[..<scratchIndex])))
        let configuration = me.deletingLastPathComponent().lastPathComponent  // debug or release
        let others = ["debug", "release"].filter { $0 != configuration }
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: checkout.path)) ?? []
        let mine = components[scratchIndex]
        return folders.filter { $0 != mine && ($0.hasPrefix(".build-py") || $0 == ".build") }.sorted().compactMap { folder in
            for config in [configuration] + others {
                let binary = checkout.appendingPathComponent("\(folder)/\(config)/pyvs").path
                guard FileManager.default.isExecutableFile(atPath: binary) else { continue }
                if folder == ".build" { return askName(binary, supervisor: supervisor).map { ($0, binary) } }
                return (String(folder.dropFirst(".build-py".count)), binary)
            }
            return nil
        }
    }

    /// What `pyvs __build-name` prints: the build a binary embeds.
    static func askName(_ binary: String, supervisor: Supervisor) -> String? {
        var child = ChildProcess(arguments: [binary, buildNameMode])
        child.timeout = 20
        let outcome = child.run(in: supervisor)
        let name = String(decoding: outcome.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return outcome.ending == .exited(0) && !name.isEmpty ? name : nil
    }

    /// The hidden mode that prints the embedded build's name and exits.
    public static let buildNameMode = "__build-name"

    /// The builds the names ask for, in the order asked, each once; "all"
    /// is every build. A name that no build has throws.
    public static func named(_ requested: [String], among builds: [PythonBuild]) throws(UnknownBuild) -> [PythonBuild] {
        var chosen: [PythonBuild] = []
        for name in requested {
            let matches = name == "all" ? builds : builds.filter { $0.name == name }
            guard !matches.isEmpty else { throw UnknownBuild(name: name, builds: builds) }
            for build in matches where !chosen.contains(build) { chosen.append(build) }
        }
        return chosen
    }

    /// A `--python` that names no build here: the builds there are, and how to make the rest.
    public struct UnknownBuild: Error, CustomStringConvertible {
        public let name: String
        public let builds: [PythonBuild]
        public var description: String {
            "no Python build '\(name)' here; built: \(builds.map(\.name).joined(separator: ", ")), all; "
                + "make the 3.13 and 3.13t builds with: make pythons (any other shared CPython: make build PYTHON=<its python>)"
        }
    }
}

/// A build with what one of its workers said about its CPython.
public struct MeasuredBuild: Sendable {
    public var build: PythonBuild
    public var python: PythonInfo?
    /// The commit the build's pyvs binary was built from.
    public var pyvsCommit: String?

    public init(build: PythonBuild, python: PythonInfo?) { self.build = build; self.python = python }
}
