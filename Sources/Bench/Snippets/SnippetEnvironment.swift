import Console
import Foundation
import Measure
import Synchronization

/// `pyvs snippets --install`: pyvs's own virtual environment for the
/// embedded CPython's version, in the user's cache directory, holding the
/// distributions a document's blocks import. Created with the embedded
/// interpreter's `venv`; filled with its `pip`, whose progress shows on
/// stderr; a second run installs nothing.
public struct SnippetEnvironment: Sendable {
    /// The environment's folder: $XDG_CACHE_HOME/pyvs/venv-3.11 (~/.cache by default).
    public let folder: String
    /// The interpreter that matches the embedded library (the venv's base).
    public let base: String

    public var python: String { folder + "/bin/python" }

    public init(base: String, version: String) {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
        folder = cache + "/pyvs/venv-" + minor
        self.base = base
    }

    /// Why the environment could not be made ready.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// What `prepare` did: installed distributions, and what it could not do.
    public struct Preparation: Sendable {
        public var installed: [String] = []
        public var notes: [String] = []
    }

    /// Creates the environment if needed, then installs what `sources` import
    /// (and `requires`, and `extra` distributions) that it lacks.
    public func prepare(sources: [String], requires: [String], extra: [String], progress: ProgressLine) throws -> Preparation {
        var preparation = Preparation()
        if !FileManager.default.isExecutableFile(atPath: python) {
            progress.note("creating pyvs's environment for this Python: \(folder)")
            let made = run([base, "-m", "venv", folder], timeout: 300)
            guard made.ending == .exited(0) else {
                let said = String(decoding: made.stderr, as: UTF8.self)
                if said.contains("ensurepip") {
                    throw Problem(description: "cannot create \(folder): \(base) has no venv/ensurepip; "
                        + "run: sudo apt-get install -y python3-venv (make installs it)")
                }
                throw Problem(description: "cannot create \(folder) with \(base) -m venv: \(Self.lastLine(said))")
            }
        }
        let wanted = try missing(sources: sources, requires: requires)
        for name in wanted.unknown {
            preparation.notes.append("not installed: module '\(name)' is not a PyPI distribution pyvs knows (--with DISTRIBUTION installs one)")
        }
        let distributions = Array(Set(wanted.install + extra)).sorted()
        guard !distributions.isEmpty else { return preparation }
        progress.note("installing into \(folder): \(distributions.joined(separator: " "))")
        let (status, output) = tee([python, "-m", "pip", "install", "--disable-pip-version-check"] + distributions)
        if status == 0 {
            preparation.installed = distributions
        } else {
            let offline = ["NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
                           "No matching distribution", "Could not find a version"].contains { output.contains($0) }
            preparation.notes.append("could not install \(distributions.joined(separator: ", "))"
                + (offline ? " (no network access to the package index, or no such distribution)" : "")
                + ": \(Self.lastLine(output)); the blocks run without them")
        }
        return preparation
    }

    /// The distributions the blocks need and this environment lacks.
    func missing(sources: [String], requires: [String]) throws -> (install: [String], unknown: [String]) {
        let job = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-requirements-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: job) }
        try JSONSerialization.data(withJSONObject: ["sources": sources, "requires": requires]).write(to: job)
        var child = ChildProcess(arguments: [python, "-c", "import sys; sys.path.insert(0, sys.argv.pop(1)); "
            + "from pyvs_py._requirements import main; main()", Paths.pythonDirectory, job.path])
        child.timeout = 120
        let outcome = child.run()
        guard outcome.ending == .exited(0),
              let answer = try? JSONSerialization.jsonObject(with: outcome.stdout) as? [String: [String]] else {
            throw Problem(description: "cannot read what the blocks import: \(Self.lastLine(String(decoding: outcome.stderr, as: UTF8.self)))")
        }
        return (answer["install"] ?? [], answer["unknown"] ?? [])
    }

    func run(_ arguments: [String], timeout: Double) -> ChildOutcome {
        var child = ChildProcess(arguments: arguments)
        child.timeout = timeout
        return child.run()
    }

    /// Runs a command with its output shown on stderr as it comes (pip's
    /// progress), and kept; gives up after 15 minutes.
    func tee(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let kept = Mutex<Data>(Data())
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            guard !chunk.isEmpty else { return }
            FileHandle.standardError.write(chunk)
            kept.withLock { $0.append(chunk) }
        }
        do { try process.run() } catch { return (-1, "cannot start \(arguments[0]): \(error.localizedDescription)") }
        let deadline = Date().addingTimeInterval(900)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        if !rest.isEmpty { FileHandle.standardError.write(rest) }
        let output = kept.withLock { String(decoding: $0 + rest, as: UTF8.self) }
        return (process.terminationStatus, output)
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? "no message"
    }
}
