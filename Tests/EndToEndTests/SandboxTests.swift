import Foundation
import Testing

/// `pyvs snippets` runs a document's blocks in a bubblewrap sandbox: a
/// hostile block cannot hurt pyvs or the machine, its row comes from its
/// supervisor, finished rows survive pyvs being killed, and blocks written
/// as asyncio tutorials write them run.
@Suite struct SandboxTests {
    static let fixtures = CLI.root.appendingPathComponent("fixtures/snippets").path

    func blocks(_ arguments: [String]) throws -> (CLI.Result, [[String: Any]], [String: Any]) {
        let run = CLI.run(["snippets"] + arguments + ["--format", "json", "--no-progress"], timeout: 120)
        let document = try #require(CLI.json(run.stdout), "no JSON: \(run.stderr)")
        return (run, try #require(document["blocks"] as? [[String: Any]]), document)
    }

    @Test func aHostileDocumentCannotHurtPyvsOrTheMachine() throws {
        let (run, blocks, document) = try blocks(["\(Self.fixtures)/sandbox.md"])
        #expect(run.status == 1, "pyvs itself must end normally, reporting failures: \(run.stderr)")
        #expect(blocks.count == 12)
        func row(_ index: Int) -> (status: String, reason: String, stdout: String) {
            let block = blocks[index - 1]
            return (block["status"] as? String ?? "", CLI.said(block), block["stdout"] as? String ?? "")
        }
        func kind(_ index: Int) -> String { CLI.reason(blocks[index - 1]).kind }
        func notes(_ index: Int) -> [[String: Any]] { blocks[index - 1]["notes"] as? [[String: Any]] ?? [] }
        // Its parent is the server, its namespace's init: a SIGKILL from inside does not reach it.
        #expect(row(1).status == "ok" && row(1).stdout == "still here, beside 1\n", "\(row(1))")
        // Unprivileged, even when pyvs runs as root; the filesystem is read-only.
        #expect(row(2).stdout == (getuid() == 0 ? "65534\n" : "\(getuid())\n"))
        #expect(row(2).status == "failed" && row(2).reason.contains("Read-only file system"), "\(row(2))")
        #expect(!FileManager.default.fileExists(atPath: "/etc/pyvs-sandbox-test"))
        // Writing forged records to every inherited descriptor changes nothing.
        #expect(row(3).status == "failed" && row(3).reason.hasPrefix("RuntimeError: the real failure"), "\(row(3))")
        #expect(row(4).status == "timeout", "SIGSTOP: \(row(4))")
        #expect(row(5).status == "timeout" && kind(5) == "waited_for_threads", "\(row(5))")
        #expect(CLI.reason(blocks[4]).figures["names"] as? [String] == ["spinner"])
        #expect(row(6).status == "ok" && notes(6).contains { ($0["leftovers"] as? [String: Any])?["processes"] as? Int == 1 }, "\(row(6))")
        // Its own folder and a private /tmp are writable, and gone for the next block.
        #expect(row(7).stdout == "in my folder in my /tmp\n", "\(row(7))")
        #expect(row(8).stdout == "False False\n", "\(row(8))")
        #expect(row(9).status == "skipped" && row(9).reason.hasPrefix("needs network: ") && notes(9).contains { $0["no_network"] != nil }, "\(row(9))")
        #expect(blocks[8]["needs"] as? String == "network")
        #expect((document["sandbox"] as? String ?? "").contains("no network"))
        // The next block's process, forked while a block runs, is visible to it and
        // may be renice'd, pinned, limited and stopped (not read): the next block runs
        // in a fresh one, treated as every block is.
        #expect(row(11).stdout == "saw 1, changed 4, opened 0\n", "\(row(11))")
        #expect(row(12).status == "ok" && row(12).stdout == row(10).stdout && !row(10).stdout.isEmpty, "\(row(10)) \(row(12))")
        #expect(CLI.leftBehind(by: run).isEmpty, "\(CLI.leftBehind(by: run))")
    }

    /// A block's pid names its own process in /proc, so psutil reads its
    /// own memory, sandboxed as unconfined; and its row's memory is its own
    /// 200 MiB, not a reading taken before it allocated.
    @Test(arguments: [[], ["--no-sandbox"]])
    func aBlockSeesItselfAsItIs(mode: [String]) throws {
        let (run, blocks, _) = try blocks(["\(Self.fixtures)/itself.md"] + mode)
        #expect(run.status == 0, "\(mode): \(run.stderr)")
        let lines = (blocks.first?["stdout"] as? String ?? "").split(separator: "\n")
        try #require(lines.count == 2, "\(mode): \(blocks)")
        #expect(lines[0] == "True True True", "\(mode): getpid, /proc/self, psutil's pid and parent: \(lines[0])")
        let mib = lines[1].split(separator: " ").compactMap { Int($0) }
        #expect(mib.count == 2 && mib.allSatisfy { (200..<300).contains($0) }, "\(mode): VmRSS and psutil's RSS in MiB: \(lines[1])")
        // A PSS is kept when read within 10 % of the tree's peak: 200 MiB / 1.1 at the least.
        let memory = (blocks.first?["tree_peak_pss_bytes"] ?? blocks.first?["peak_rss_bytes"]) as? Int ?? 0
        #expect((180 << 20..<300 << 20).contains(memory), "\(mode): \(blocks.first ?? [:])")
    }

    @Test func asyncBlocksRunAndASetupBlockPreparesTheOthers() throws {
        for session in [false, true] {
            let (run, blocks, _) = try blocks(["\(Self.fixtures)/async-setup.md"] + (session ? ["--session"] : []))
            #expect(run.status == 0, "session \(session): \(run.stderr)")
            #expect(blocks.map { $0["status"] as? String } == Array(repeating: "ok", count: 6), "session \(session)")
            #expect(blocks[0]["stdout"] as? String == "hello 42\n")
            #expect(blocks[2]["stdout"] as? String == "awaited 4\n")
            #expect(blocks[3]["stdout"] as? String == "0\n1\n2\n")
            #expect(blocks[4]["stdout"] as? String == "8\n")
            // Reported once, as the setup block.
            #expect(blocks.filter { $0["setup"] as? Bool == true }.map { $0["index"] as? Int } == [2])
        }
    }

    /// Sandboxed and unconfined, the fork server times the loop in a fork
    /// of itself before the first block; with --session (no server) two
    /// workers do, after the blocks. Either way the report has both timings.
    @Test func theSpeedLineIsMeasuredInEveryMode() throws {
        for mode in [[], ["--no-sandbox"], ["--session"]] {
            let (run, _, document) = try blocks(["\(Self.fixtures)/async-setup.md"] + mode)
            #expect(run.status == 0, "\(mode): \(run.stderr)")
            let python = try #require(document["python"] as? [String: Any], "\(mode)")
            #expect(python["loop_n"] as? Int == 200_000, "\(mode): \(python)")
            #expect((python["loop_embedded_s"] as? Double ?? 0) > 0, "\(mode): \(python)")
            #expect((python["loop_executable_s"] as? Double ?? 0) > 0, "\(mode): \(python)")
            #expect(!(python["version"] as? String ?? "").isEmpty, "\(mode): \(python)")
        }
    }

    @Test func aBlockOfThreadsHasItsConcurrencyMeasured() throws {
        let (_, blocks, _) = try blocks(["\(Self.fixtures)/async-setup.md", "--block", "6"])
        let concurrency = try #require(blocks.last?["concurrency"] as? [String: Any])
        #expect((concurrency["peak_threads"] as? Int ?? 0) >= 2, "\(concurrency)")
        #expect(concurrency["peak_processes"] as? Int == 1)
        #expect((concurrency["threads_cpu_s"] as? Double ?? 0) > 0)
    }

    @Test func rowsFinishedBeforePyvsIsKilledAreInTheOutputFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = folder.appendingPathComponent("slow.md")
        // A block in another language first: listed at once, never "interrupted".
        try (["```bash\necho not run\n```\n"] + (1...8).map { "```python\nimport time; time.sleep(0.4); print(\($0))\n```\n" })
            .joined(separator: "\n").write(to: document, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.json").path
        let process = try Process.run(URL(fileURLWithPath: CLI.binary),
                                      arguments: ["snippets", document.path, "--format", "json", "-o", output, "--no-progress"])
        // Until three rows are in the journal, then SIGKILL.
        let journal = output + ".journal"
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = (try? String(contentsOfFile: journal, encoding: .utf8))?.split(separator: "\n").count ?? 0
            if lines >= 5 { break }  // the header, the bash block and three Python blocks
            usleep(50_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The guardian writes the report from the journal.
        var report: [String: Any]?
        while Date() < deadline && report == nil {
            report = (try? Data(contentsOf: URL(fileURLWithPath: output))).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            usleep(50_000)
        }
        let written = try #require(report, "no report after the kill")
        let all = try #require(written["blocks"] as? [[String: Any]])
        #expect(written["incomplete"] as? Bool == true)
        #expect(all.count == 9 && all.first?["runnable"] as? Bool == false)
        #expect(all.first.map { CLI.reason($0).kind } == "not_python", "\(all.first?["reason"] ?? "")")
        let rows = Array(all.dropFirst())
        let finished = rows.prefix { $0["status"] as? String == "ok" }
        #expect(finished.count >= 3, "\(rows.map { $0["status"] ?? "" })")
        for (number, row) in finished.enumerated() { #expect(row["stdout"] as? String == "\(number + 1)\n") }
        let interrupted = CLI.reason(rows[finished.count])
        #expect(interrupted.kind == "journal_interrupted" && interrupted.figures["running"] as? Bool == true, "\(interrupted)")
        #expect((interrupted.figures["why"] as? String ?? "").hasPrefix("pyvs was killed"))
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    /// Memory and process limits hold inside the sandbox (bounded: 300 MB
    /// against a 100 MB limit, 12 forks against a limit of 6).
    @Test func limitsHoldInsideTheSandbox() throws {
        let document = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).md")
        try """
        ```python
        x = bytearray(300 << 20)
        import time; time.sleep(5)
        ```

        ```python
        import os, time
        for i in range(12):
            if os.fork() == 0:
                time.sleep(5)
                os._exit(0)
        time.sleep(5)
        ```
        """.write(to: document, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: document) }
        let (memory, hungry, _) = try blocks([document.path, "--block", "1", "--memory-limit", "100"])
        #expect(hungry.first?["status"] as? String == "crashed", "\(memory.stderr)")
        #expect(hungry.first.map { CLI.reason($0).figures["limit_bytes"] as? Int } == 100 << 20)
        let (processes, forking, _) = try blocks([document.path, "--block", "2", "--max-processes", "6"])
        #expect(forking.first?["status"] as? String == "crashed", "\(processes.stderr)")
        #expect(forking.first.map { CLI.reason($0).figures["limit"] as? Int } == 6)
        #expect(CLI.leftBehind(by: memory).isEmpty && CLI.leftBehind(by: processes).isEmpty)
    }

    @Test func withoutBubblewrapTheRunIsRefusedInOneLine() {
        let run = CLI.run(["snippets", "\(Self.fixtures)/async-setup.md", "--no-progress"], environment: ["PATH": "/nonexistent"])
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("bwrap is not installed") && run.stderr.contains("--no-sandbox"))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        let both = CLI.run(["snippets", "\(Self.fixtures)/async-setup.md", "--no-sandbox", "--network"])
        #expect(both.status == 64 && both.stderr.contains("--network"), "\(both.stderr)")
    }
}
