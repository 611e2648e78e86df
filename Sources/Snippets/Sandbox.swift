import Bench
import Foundation
import Processes

/// Where a document's blocks run by default: inside bubblewrap (Debian's
/// `bubblewrap`, what Flatpak uses), in namespaces of their own — no view
/// of pyvs or of any process outside the sandbox, the filesystem read-only
/// but for the blocks' folder and a private /tmp and /dev/shm, an
/// unprivileged user (uid 65534) even when pyvs runs as root, and no
/// network unless it is asked for.
public struct Sandbox: Sendable {
    /// The bwrap executable.
    public let bwrap: String
    public let version: String
    public let network: Bool
    /// Why the sandboxed fork server cannot run here, when it cannot: it
    /// mounts a /proc for its blocks' PID namespace, which the kernel
    /// refuses where the host's /proc has parts hidden under other mounts
    /// (a container's masked paths). Each block then starts a worker of
    /// its own in the sandbox.
    public var serverRefused: String?

    public init(bwrap: String, version: String, network: Bool, serverRefused: String? = nil) {
        self.bwrap = bwrap
        self.version = version
        self.network = network
        self.serverRefused = serverRefused
    }

    /// Why blocks cannot be sandboxed here.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Finds bwrap and checks that it can make the namespaces pyvs needs
    /// (a user namespace inside the sandbox too: the fork server gives its
    /// blocks a PID namespace of their own there, with its own /proc).
    public static func probe(network: Bool, supervisor: Supervisor) throws(Unavailable) -> Sandbox {
        guard let bwrap = SearchPath.locate("bwrap") else {
            throw Unavailable(description: "blocks run in a bubblewrap sandbox and bwrap is not installed: "
                + "apt-get install -y bubblewrap (make installs it), or run with --no-sandbox to run them unconfined")
        }
        var versionCheck = ChildProcess(arguments: [bwrap, "--version"])
        versionCheck.timeout = 10
        let version = String(decoding: versionCheck.run(in: supervisor).stdout, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var sandbox = Sandbox(bwrap: bwrap, version: version.isEmpty ? "bubblewrap" : version, network: network)
        let unshare = ["/usr/bin/unshare", "/bin/unshare"].first { FileManager.default.isExecutableFile(atPath: $0) }
        func refusal(_ arguments: [String], server: Bool) -> String? {
            var check = ChildProcess(arguments: sandbox.command(arguments, writable: [], forServer: server))
            check.timeout = 20
            let outcome = check.run(in: supervisor)
            guard outcome.ending != .exited(0) else { return nil }
            let said = String(decoding: outcome.stderr, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "\(outcome.ending)"
            return said.trimmingCharacters(in: .whitespaces)
        }
        guard let unshare else {
            if let said = refusal(["true"], server: false) { throw Unavailable(description: "cannot sandbox the blocks here (\(said))") }
            return sandbox  // the server, when it cannot start, says why
        }
        if let said = refusal([unshare, "--user", "--pid", "--fork", "true"], server: false) {
            throw Unavailable(description: "cannot sandbox the blocks here (\(said)): "
                + "this system does not allow user namespaces; run with --no-sandbox to run them unconfined")
        }
        sandbox.serverRefused = refusal([unshare, "--user", "--map-root-user", "--pid", "--mount", "--fork", "--mount-proc", "true"], server: true)
        return sandbox
    }

    /// `arguments` run inside the sandbox, with `writable` folders bound
    /// read-write and `readable` ones read-only. The host's /tmp is replaced
    /// by an empty one, so what pyvs needs from it (its binary, its Python
    /// files, and the paths in `needs`, when they live there) is bound back read-only.
    /// A block run alone sees bubblewrap's /proc, that of its PID namespace.
    /// The fork server (`forServer`) gets the host's instead, which only
    /// it sees: it mounts its blocks' namespace's own over it, and the
    /// kernel allows that only where the sandbox holds a /proc with nothing
    /// hidden under other mounts (bubblewrap covers parts of its own).
    public func command(_ arguments: [String], writable: [String], readable: [String] = [], needs: [String] = [],
                        forServer: Bool = false) -> [String] {
        var prefix = [bwrap, "--die-with-parent", "--new-session", "--unshare-all"]
        if network { prefix.append("--share-net") }
        prefix += ["--uid", "65534", "--gid", "65534", "--ro-bind", "/", "/", "--dev", "/dev"]
        prefix += forServer ? ["--bind", "/proc", "/proc"] : ["--proc", "/proc"]
        prefix += ["--tmpfs", "/tmp"]
        // What pyvs itself needs from the host's /tmp: the top folder there holding it.
        var bound = Set<String>()
        for path in [arguments.first ?? "", Paths.pythonDirectory] + needs where path.hasPrefix("/tmp/") {
            let top = "/tmp/" + (path.dropFirst(5).split(separator: "/").first.map(String.init) ?? "")
            if bound.insert(top).inserted { prefix += ["--ro-bind", top, top] }
        }
        for folder in readable { prefix += ["--ro-bind", folder, folder] }
        for folder in writable { prefix += ["--bind", folder, folder] }
        return prefix + ["--"] + arguments
    }

    /// What the report says about where the blocks ran.
    public var summary: String {
        "\(version): blocks as uid 65534 in namespaces of their own, read-only but for their folder, /tmp and /dev/shm, "
            + (network ? "with the network (--network)" : "no network")
    }
}
