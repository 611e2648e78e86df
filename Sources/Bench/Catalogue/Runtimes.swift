import Foundation
import Processes

/// The runtimes the documents compare Python with, beyond the Swift pyvs
/// is written in: what each needs on this machine (its commands, and for
/// Rust the tokio crate in Debian's cargo registry), the Debian packages
/// that install it (`make toolchains`), and how its version is read.
public struct RuntimeSpec: Sendable {
    /// Something a runtime needs here, and the Debian package that gives it.
    public enum Need: Sendable, Equatable {
        /// A command on PATH.
        case command(String, package: String)
        /// A crate in Debian's cargo registry (cargo builds offline from it).
        case crate(String, package: String)

        public var package: String {
            switch self { case .command(_, let package), .crate(_, let package): return package }
        }
    }

    public let id: String
    public let name: String
    public let needs: [Need]
    /// How the first command prints its version.
    public let versionArguments: [String]

    public init(id: String, name: String, needs: [Need], versionArguments: [String] = ["--version"]) {
        self.id = id; self.name = name; self.needs = needs; self.versionArguments = versionArguments
    }
}

/// What one runtime is on this machine.
public struct RuntimeFound: Sendable, Equatable {
    public let id: String
    public let name: String
    /// The version line its command printed; nil when something it needs is missing.
    public let version: String?
    /// What it lacks (commands, a crate), the Debian packages that give
    /// them, and the command that installs those.
    public let missing: [String]
    public let packages: [String]
    public var installCommand: String? { packages.isEmpty ? nil : "apt-get install -y " + packages.joined(separator: " ") }
}

public enum Runtimes {
    /// Debian's folder of crates for cargo's offline builds.
    public static let cargoRegistry = "/usr/share/cargo/registry"

    public static let all: [RuntimeSpec] = [
        RuntimeSpec(id: "go", name: "Go", needs: [.command("go", package: "golang-go")], versionArguments: ["version"]),
        RuntimeSpec(id: "java", name: "Java", needs: [.command("javac", package: "default-jdk-headless"),
                                                      .command("java", package: "default-jdk-headless")]),
        RuntimeSpec(id: "cpp", name: "C and C++", needs: [.command("g++", package: "g++"), .command("gcc", package: "gcc")]),
        RuntimeSpec(id: "rust", name: "Rust (tokio)", needs: [.command("rustc", package: "rustc"), .command("cargo", package: "cargo"),
                                                              .crate("tokio", package: "librust-tokio-dev")]),
        RuntimeSpec(id: "node", name: "Node", needs: [.command("node", package: "nodejs")]),
    ]

    /// The runtimes these ids name, each looked up once (its version is a process to start), by id.
    public static func found(ids: some Sequence<String>, supervisor: Supervisor) -> [String: RuntimeFound] {
        let wanted = Set(ids)
        return Dictionary(uniqueKeysWithValues: found(all.filter { wanted.contains($0.id) }, supervisor: supervisor).map { ($0.id, $0) })
    }

    /// Each runtime as it is here: its version, or what it lacks and the command that installs it.
    public static func found(_ specs: [RuntimeSpec] = all, path: String? = nil, registry: String = cargoRegistry,
                             supervisor: Supervisor) -> [RuntimeFound] {
        let folders = SearchPath.folders(path)
        return specs.map { spec in
            var first: String?
            var lacking: [RuntimeSpec.Need] = []
            for need in spec.needs {
                switch need {
                case .command(let command, _):
                    if let found = SearchPath.locate(command, in: folders) { first = first ?? found } else { lacking.append(need) }
                case .crate(let crate, _):
                    if !hasCrate(crate, in: registry) { lacking.append(need) }
                }
            }
            let missing = lacking.map { need -> String in
                switch need { case .command(let command, _): return command; case .crate(let crate, _): return "the \(crate) crate in \(registry)" }
            }
            var packages: [String] = []
            for need in lacking where !packages.contains(need.package) { packages.append(need.package) }
            var version = lacking.isEmpty ? first.flatMap { Self.version(of: $0, arguments: spec.versionArguments, supervisor: supervisor) } : nil
            for case .crate(let crate, _) in spec.needs {
                version = version.map { $0 + "; \(crate) " + (crateVersion(crate, in: registry) ?? "?") }
            }
            return RuntimeFound(id: spec.id, name: spec.name, version: version, missing: missing, packages: packages)
        }
    }

    /// The first line a version command printed (on stdout, or on stderr as `java -version` does).
    static func version(of executable: String, arguments: [String], supervisor: Supervisor) -> String? {
        var child = ChildProcess(arguments: [executable] + arguments)
        child.timeout = 20
        let outcome = child.run(in: supervisor)
        guard outcome.ending == .exited(0) else { return nil }
        let text = String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    static func hasCrate(_ name: String, in registry: String) -> Bool { crateVersion(name, in: registry) != nil }

    /// The newest version of a crate in the registry (its folders are NAME-VERSION).
    static func crateVersion(_ name: String, in registry: String) -> String? {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: registry)) ?? [])
            .filter { $0.hasPrefix(name + "-") && $0.dropFirst(name.count + 1).first?.isNumber == true }
            .map { String($0.dropFirst(name.count + 1)) }
        return versions.max { $0.compare($1, options: .numeric) == .orderedAscending }
    }
}
