import Contract
import Foundation
import Measure
import Processes
import Testing

/// The probes a hostile user runs: files that must not be clobbered, output
/// that cannot be written, processes that try to escape, interruptions.
@Suite(.serialized) struct ReliabilityTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-reliability-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ReliabilityTests.folder) }  // shared by the suite's tests
        return url
    }()

    /// A shell command line with the pyvs binary, for redirections a test cannot make otherwise.
    func shell(_ script: String, timeout: Double = 120) -> CLI.Result {
        var child = ChildProcess(arguments: ["/bin/sh", "-c", script])
        child.environment["PYVS"] = CLI.binary
        child.timeout = timeout
        let outcome = child.run(in: Supervisor())
        let status: Int32 = if case .exited(let code) = outcome.ending { code } else { -1 }
        return CLI.Result(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                          stderr: String(decoding: outcome.stderr, as: UTF8.self), outcome: outcome, tag: "")
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    @Test(.enabled(if: getuid() == 0, "making a device node needs root"))
    func aFullDeviceIsWrittenThroughAndStaysADevice() throws {
        let device = Self.folder.appendingPathComponent("full").path
        unlink(device)
        // Our own /dev/full (char 1,7), so a regression cannot replace the real one.
        try #require(mknod(device, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0,  // makedev(1, 7)
                     "mknod: \(String(cString: strerror(errno)))")
        let run = CLI.run(["list", "--help"])  // any command that takes -o
        #expect(run.status == 0)
        let write = CLI.run(["report", CLI.root.appendingPathComponent("fixtures/reports/run.json").path, "--format", "json", "-o", device])
        #expect(write.status == 73, "\(write.stderr)")
        #expect(write.stderr == "pyvs: cannot write \(device): No space left on device\n")
        #expect(fileType(device) == S_IFCHR)
    }

    @Test func aFIFOIsWrittenThroughAndASymlinkFollowed() throws {
        let fifo = Self.folder.appendingPathComponent("fifo").path
        unlink(fifo)
        #expect(mkfifo(fifo, 0o644) == 0)
        let report = CLI.root.appendingPathComponent("fixtures/reports/run.json").path
        let run = shell("cat '\(fifo)' > '\(fifo).out' & \"$PYVS\" report '\(report)' --format json -o '\(fifo)'; s=$?; wait; echo $s; wc -c < '\(fifo).out'")
        let lines = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "0", "\(run.stdout) \(run.stderr)")
        #expect((Int(lines.last ?? "") ?? 0) > 1000)
        #expect(fileType(fifo) == S_IFIFO)

        let target = Self.folder.appendingPathComponent("target.json").path
        let link = Self.folder.appendingPathComponent("link.json").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o600)
        unlink(link)
        #expect(symlink("target.json", link) == 0)
        #expect(CLI.run(["report", report, "--format", "json", "-o", link]).status == 0)
        #expect(fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("pyvs.run/1"))
        var info = stat()
        stat(target, &info)
        #expect(info.st_mode & 0o777 == 0o600)  // the replaced file keeps its permissions
    }

    @Test(arguments: [">/dev/full", ">&-"])
    func aStdoutThatCannotBeWrittenExits73(redirection: String) {
        for command in ["list", "report '\(CLI.root.appendingPathComponent("fixtures/reports/run.json").path)' --format table"] {
            let run = shell("\"$PYVS\" \(command) \(redirection); echo \"status $?\" >&2")
            #expect(run.stderr.hasSuffix("status 73\n"), "\(command) \(redirection): \(run.stderr)")
            #expect(run.stderr.hasPrefix("pyvs: cannot write standard output: "), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 2)
        }
    }

    /// Sandboxed, the daemon stays in the blocks' namespace; unconfined, it
    /// is an orphan pyvs adopts (a child subreaper) and finds among its own
    /// children.
    @Test(arguments: [[], ["--no-sandbox"]])
    func escapingProcessesAreFoundCountedAndKilled(mode: [String]) throws {
        let run = CLI.run(["snippets", CLI.root.appendingPathComponent("fixtures/snippets/hostile.md").path,
                           "--format", "json", "--no-progress", "--max-processes", "50"] + mode, timeout: 120)
        let blocks = try #require(CLI.json(run.stdout)?["blocks"] as? [[String: Any]], "\(run.stderr)")
        #expect(blocks.count == 2)
        #expect(blocks[0]["status"] as? String == "ok")
        #expect(blocks[0]["reason"] == nil && (blocks[0]["notes"] as? [[String: Any]])?.first?["leftovers"] as? [String: Int] == ["processes": 1])
        #expect(blocks[1]["status"] as? String == "crashed")
        #expect(CLI.reason(blocks[1]).kind == "process_limit" && CLI.reason(blocks[1]).figures["limit"] as? Int == 50)
        #expect(!processListing().contains("sleep 600"))
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
    }

    @Test func nothingMeasuredOutlivesAKilledPyvs() throws {
        let pyvs = try BackgroundProcess(arguments: [CLI.binary, "run", "cpu-bound", "--only", "py.pool", "--n", "200000000",
                                                     "--repeat", "1", "--warmup", "0", "--no-progress"], supervisor: nil)
        // Wait until the pool runs (its worker and 2 processes), at most 60 s.
        var workers: [pid_t] = []
        for _ in 0..<600 {
            workers = descendants(of: pyvs.pid).filter { commandLine($0).contains("__worker") }
            if workers.count >= 3 { break }
            usleep(100_000)
        }
        #expect(workers.count >= 3, "the pool never started")
        kill(pyvs.pid, SIGKILL)
        usleep(1_000_000)
        let alive = workers.filter { kill($0, 0) == 0 && !isZombie($0) }
        #expect(alive.isEmpty, "alive 1 s after pyvs was killed: \(alive)")
        pyvs.stop(grace: 0)
    }

    @Test func anInterruptedRunWritesWhatItMeasuredAndCleansUp() throws {
        let document = Self.folder.appendingPathComponent("slow.md")
        try "```python\nimport time\ntime.sleep(30)\n```\n\n```python\nprint('never')\n```\n".write(to: document, atomically: true, encoding: .utf8)
        let output = Self.folder.appendingPathComponent("slow.json").path
        let pyvs = try BackgroundProcess(arguments: [CLI.binary, "snippets", document.path, "--format", "json", "-o", output, "--no-progress"],
                                         supervisor: nil)
        var folders: [String] = []
        for _ in 0..<100 {  // until the block runs: its temporary folder exists
            folders = temporaryFolders(of: pyvs.pid)
            if !folders.isEmpty { break }
            usleep(100_000)
        }
        #expect(!folders.isEmpty)
        kill(pyvs.pid, SIGINT)
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pyvs.pid, &status, WNOHANG) == 0 { usleep(100_000) }
        #expect((status >> 8) & 0xff == 130)
        for folder in folders { #expect(!FileManager.default.fileExists(atPath: folder), "\(folder) left behind") }
        let doc = try #require(CLI.json(String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)))
        #expect(doc["incomplete"] as? Bool == true)
        let blocks = try #require(doc["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["status"] as? String } == ["skipped", "skipped"])
        #expect(CLI.reason(blocks[1]).kind == "interrupted" && CLI.reason(blocks[1]).figures["signal"] as? Int == Int(SIGINT))
        pyvs.stop(grace: 0)
    }

    @Test func aBlockFarDownItsDocumentIsNotPadded() throws {
        let document = Self.folder.appendingPathComponent("long.md")
        let text = String(repeating: "text\n", count: 5_000)
            + "```python\nimport os\nprint(os.path.getsize(__file__))\nraise ValueError('here')\n```\n"
        try text.write(to: document, atomically: true, encoding: .utf8)
        let run = CLI.run(["snippets", document.path, "--format", "json", "--no-progress"])
        let block = try #require((CLI.json(run.stdout)?["blocks"] as? [[String: Any]])?.first, "\(run.stderr)")
        #expect(Int((block["stdout"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max < 200)
        #expect(CLI.said(block) == "ValueError: here (long.md line 5004)")
        #expect((block["stderr"] as? String ?? "").contains("File \"long.md\", line 5004"))
        #expect((block["stderr"] as? String ?? "").contains("raise ValueError('here')"))
    }

    // MARK: helpers

    func commandLine(_ pid: pid_t) -> String {
        FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map {
            String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
        } ?? ""
    }

    func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    func descendants(of root: pid_t) -> [pid_t] {
        ProcessTree.tree(of: [root]).filter { $0 != root }.sorted()
    }

    /// The pyvs-snippets-* folders the process tree under `root` works in.
    func temporaryFolders(of root: pid_t) -> [String] {
        descendants(of: root).compactMap { pid in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")).flatMap { cwd in
                cwd.range(of: "/pyvs-snippets-").map { range in
                    String(cwd[..<(cwd[range.upperBound...].firstIndex(of: "/") ?? cwd.endIndex)])
                }
            }
        }
    }

    func processListing() -> String {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }.map(commandLine).joined(separator: "\n")
    }
}
