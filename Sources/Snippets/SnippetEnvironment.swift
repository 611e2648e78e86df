import Bench
import Console
import Foundation
import Processes
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
    /// Registers venv, pip and the import scan as it registers every child.
    let supervisor: Supervisor

    public init(base: String, version: String, supervisor: Supervisor) {
        self.supervisor = supervisor
        let minor = version.split(separator: ".").prefix(2).joined(separator: ".")
        folder = Paths.cacheDirectory() + "/venv-" + minor
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
                throw Problem(description: "cannot create \(folder) with \(base) -m venv: \(Format.lastLine(said) ?? "no message")")
            }
        }
        let wanted = try missing(sources: sources, requires: requires)
        for name in wanted.unknown {
            preparation.notes.append("not installed: module '\(name)' is not a PyPI distribution pyvs knows (--with DISTRIBUTION installs one)")
        }
        let distributions = Array(Set(wanted.install + extra)).sorted()
        guard !distributions.isEmpty else { return preparation }
        progress.note("installing into \(folder): \(distributions.joined(separator: " "))")
        let (ending, output) = tee([python, "-m", "pip", "install", "--disable-pip-version-check"] + distributions)
        if ending == .exited(0) {
            preparation.installed = distributions
        } else {
            let offline = ["NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
                           "No matching distribution", "Could not find a version"].contains { output.contains($0) }
            preparation.notes.append("could not install \(distributions.joined(separator: ", "))"
                + (offline ? " (no network access to the package index, or no such distribution)" : "")
                + ": \(Format.lastLine(output) ?? "no message"); the blocks run without them")
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
        let outcome = child.run(in: supervisor)
        guard outcome.ending == .exited(0),
              let answer = try? JSONSerialization.jsonObject(with: outcome.stdout) as? [String: [String]] else {
            throw Problem(description: "cannot read what the blocks import: \(Format.lastLine(String(decoding: outcome.stderr, as: UTF8.self)) ?? "no message")")
        }
        return (answer["install"] ?? [], answer["unknown"] ?? [])
    }

    func run(_ arguments: [String], timeout: Double) -> ChildOutcome {
        var child = ChildProcess(arguments: arguments)
        child.timeout = timeout
        return child.run(in: supervisor)
    }

    /// Runs a command supervised like every child, its output shown on
    /// stderr as it comes (pip's progress) and kept, stdout and stderr in
    /// the order they came; gives up after 15 minutes.
    func tee(_ arguments: [String]) -> (ending: ChildOutcome.Ending, output: String) {
        let kept = Mutex(Data())
        var child = ChildProcess(arguments: arguments)
        child.timeout = 900
        child.onOutput = { _, chunk in
            FileIO.writeAll(2, Data(chunk))
            kept.withLock { $0.append(contentsOf: chunk) }
        }
        let outcome = child.run(in: supervisor)
        let said = kept.withLock { String(decoding: $0, as: UTF8.self) }
        if case .failedToStart(let why) = outcome.ending { return (outcome.ending, why) }
        return (outcome.ending, said)
    }
}
