import Contract
import Foundation
import Measure
import Processes
import Testing

@Suite(.serialized) struct SnippetsCommandTests {
    static let fixtures = CLI.root.appendingPathComponent("fixtures/snippets").path

    func blocks(_ arguments: [String]) throws -> (status: Int32, doc: [String: Any], blocks: [[String: Any]]) {
        let run = CLI.run(["snippets"] + arguments + ["--format", "json", "--no-progress"], timeout: 300)
        let doc = try #require(CLI.json(run.stdout), "stdout: \(run.stdout.prefix(300)) stderr: \(run.stderr)")
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
        return (run.status, doc, try #require(doc["blocks"] as? [[String: Any]]))
    }

    @Test func blocksAreReadAsCommonMarkReadsThem() throws {
        let (status, _, blocks) = try blocks(["\(Self.fixtures)/commonmark.md"])
        #expect(status == 0)
        #expect(blocks.map { $0["line"] as? Int ?? 0 } == [5, 11, 25])
        #expect(blocks.map { $0["status"] as? String ?? "" } == ["ok", "skipped", "ok"])
        #expect(blocks[0]["stdout"] as? String == "quoted\n")
        #expect(CLI.reason(blocks[1]).kind == "not_python" && CLI.reason(blocks[1]).figures["language"] == nil)
        #expect(blocks[1]["runnable"] as? Bool == false)
        #expect(blocks[2]["stdout"] as? String == "listed\n")
    }

    /// Errors a block never saw fail it: a thread's, a child process's, a
    /// pool task's and an asyncio task's; a pool's own workers and a child the
    /// block terminated do not. Shell commands and unimported modules say so.
    @Test func errorsAwayFromTheMainThreadFailTheBlock() throws {
        let (status, _, blocks) = try blocks(["\(Self.fixtures)/offmain.md"])
        #expect(status == 1)
        let reasons = blocks.map { "\($0["status"] as? String ?? ""): \(CLI.said($0))" }
        let expected = [
            "failed: uncaught in thread Thread-1 (worker): NameError: name 'undefined_name' is not defined (offmain.md line 7) (and 1 more)",
            "failed: multiprocessing child ForkProcess-1 exited with status 1: ValueError: child failed (offmain.md line 20)",
            "failed: a pool task or future failed and nobody retrieved its exception: ZeroDivisionError: division by zero",
            "failed: an asyncio task's exception was never retrieved: KeyError: 'lost' (offmain.md line 44)",
            "failed: a pool task or future failed and nobody retrieved its exception: RuntimeError: swallowed (offmain.md line 57)",
            "ok: ",
            "skipped: a shell command, not Python: gunicorn -w 4 app:app (offmain.md line 79)",
            "skipped: a fragment: uses aiohttp without importing it (offmain.md line 83)",
        ]
        #expect(reasons == expected)
        let table = CLI.run(["snippets", "\(Self.fixtures)/offmain.md", "--no-progress", "--wide"])
        #expect(table.stdout.contains("NameError: name 'undefined_name' is not defined"))
        #expect(!table.stdout.contains("Traceback (most recent call last):"))
        #expect(table.stdout.contains("1 passed, 5 failed, 2 skipped"))
    }

    /// What a CI job needs: JUnit XML a real consumer reads (junitparser),
    /// one block by number or line, stopping at the first failure, --strict.
    @Test func junitXMLIsReadByAJUnitConsumer() throws {
        let run = CLI.run(["snippets", "\(Self.fixtures)/offmain.md", "--format", "junit", "--no-progress"])
        #expect(run.status == 1)
        let script = """
        import sys
        from junitparser import JUnitXml, Failure, Skipped, Error
        xml = JUnitXml.fromstring(sys.stdin.read())
        for suite in xml:
            print(suite.name, suite.tests, suite.failures, suite.errors, suite.skipped)
            for case in suite:
                kinds = [type(r).__name__ for r in case.result]
                print(case.name, ",".join(kinds) or "passed", (case.result[0].message or "")[:40] if case.result else "")
        """
        var parser = ChildProcess(arguments: ["/usr/bin/env", "python3", "-c", script])
        parser.input = Data(run.stdout.utf8)
        parser.timeout = 60
        let parsed = parser.run(in: Supervisor())
        let lines = String(decoding: parsed.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(parsed.ending == .exited(0), "\(String(decoding: parsed.stderr, as: UTF8.self))")
        #expect(lines.first == "offmain.md 8 5 0 2")
        #expect(lines.dropFirst().first == "block 1 (line 3) Failure uncaught in thread Thread-1 (worker): Na")
        #expect(lines.contains("block 6 (line 63) passed "))
        #expect(lines.last?.hasPrefix("block 8 (line 82) Skipped a fragment") == true)
    }

    @Test func oneBlockByNumberOrLineAndStoppingEarly() throws {
        let (_, _, chosen) = try blocks(["\(Self.fixtures)/offmain.md", "--block", "6", "--line", "80"])
        #expect(chosen.map { $0["index"] as? Int ?? 0 } == [6, 7])
        #expect((chosen[0]["source"] as? String)?.hasPrefix("import multiprocessing, time") == true)
        let (status, _, stopped) = try blocks(["\(Self.fixtures)/offmain.md", "-x"])
        #expect(status == 1)
        #expect(stopped.dropFirst().allSatisfy { CLI.reason($0).kind == "stopped_at" && CLI.reason($0).figures["block"] as? Int == 1 })
        let missing = CLI.run(["snippets", "\(Self.fixtures)/offmain.md", "--block", "9"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--block 9: "))
        // A skipped block passes by default and fails with --strict.
        let (lenient, _, _) = try blocks(["\(Self.fixtures)/offmain.md", "--block", "7"])
        #expect(lenient == 0)
        let (strict, _, _) = try blocks(["\(Self.fixtures)/offmain.md", "--block", "7", "--strict"])
        #expect(strict == 1)
    }

    /// A >>> session's shown output is checked as doctest checks it.
    @Test(arguments: [false, true])
    func sessionsAreCheckedAsDoctestChecksThem(session: Bool) throws {
        let (status, _, blocks) = try blocks(["\(Self.fixtures)/doctest.md"] + (session ? ["--session"] : []))
        #expect(status == 1)
        #expect(blocks.map { $0["status"] as? String ?? "" } == ["ok", "failed", "ok", "failed"])
        #expect(CLI.said(blocks[1]) == "line 15: the document shows '43', it printed '42'")
        let diff = blocks[1]["stderr"] as? String ?? ""
        #expect(diff.contains("Expected:\n    43\nGot:\n    42"))
        #expect(CLI.said(blocks[3]) == "line 31: ValueError: invalid literal for int() with base 10: 'x'")
        #expect(blocks[0]["stdout"] as? String == "42\n42\n")
    }

    @Test func checkOutputComparesWithTheShownOutput() throws {
        let (plain, _, unchecked) = try blocks(["\(Self.fixtures)/outputs.md"])
        #expect(plain == 0)
        #expect(unchecked.filter(\.isRunnable).allSatisfy { $0["status"] as? String == "ok" })
        let (status, _, checked) = try blocks(["\(Self.fixtures)/outputs.md", "--check-output"])
        #expect(status == 1)
        let runnable = checked.filter(\.isRunnable)
        let matched = runnable.map { ($0["notes"] as? [[String: Any]])?.compactMap { ($0["output_matches"] as? [String: Int])?["line"] } ?? [] }
        #expect(matched == [[12], [], [34]])
        let differs = CLI.reason(runnable[1])
        #expect(differs.kind == "output_differs" && differs.figures["line"] as? Int == 23)
        #expect(differs.figures["summary"] as? String == "the document shows 'pears: 3' where it printed 'apples: 3'")
        #expect((runnable[1]["stderr"] as? String ?? "").contains("- pears: 3\n+ apples: 3"))
    }

    /// --install makes pyvs's environment in the cache folder (here a
    /// temporary one), installs nothing the blocks do not need, and runs the
    /// blocks with it; a second run reuses it.
    @Test func installRunsTheBlocksInPyvsOwnEnvironment() throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        for round in 1...2 {
            var child = ChildProcess(arguments: [CLI.binary, "snippets", "\(Self.fixtures)/prefix.md", "--install", "--format", "json"])
            child.environment["XDG_CACHE_HOME"] = cache
            child.timeout = 300
            let outcome = child.run(in: Supervisor())
            let stderr = String(decoding: outcome.stderr, as: UTF8.self)
            #expect(outcome.ending == .exited(0), "round \(round): \(stderr)")
            let doc = try #require(CLI.json(String(decoding: outcome.stdout, as: UTF8.self)))
            let block = try #require((doc["blocks"] as? [[String: Any]])?.first)
            #expect((block["stdout"] as? String)?.hasPrefix(cache + "/pyvs/venv-3.") == true, "round \(round): \(block["stdout"] ?? "")")
            #expect(stderr.contains("creating pyvs's environment") == (round == 1), "round \(round): \(stderr)")
            #expect(!stderr.contains("installing"), "nothing to install: \(stderr)")
        }
        let both = CLI.run(["snippets", "\(Self.fixtures)/prefix.md", "--install", "--python", "/usr/bin/python3"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--install uses pyvs's own environment and --python names another"))
    }

    /// Blocks run in children of the fork server (whose command line the
    /// forked block still carries), not in the fallback of a worker each: a
    /// broken server would pass every other test through that fallback. In
    /// the sandbox (the default) it is the sandboxed server.
    @Test(arguments: [(nil, "sandboxedServer"), ("--no-sandbox", "server")] as [(String?, String)])
    func blocksAreForkedByTheServer(flag: String?, mode: String) throws {
        let document = FileManager.default.temporaryDirectory.appendingPathComponent("forked-\(UUID().uuidString).md")
        try "```python\nprint(open('/proc/self/cmdline').read().replace(chr(0), ' '))\n```\n\n```python\nprint('second')\n```\n"
            .write(to: document, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: document) }
        let run = CLI.run(["snippets", document.path, "--format", "json"] + (flag.map { [$0] } ?? []))
        let blocks = try #require(CLI.json(run.stdout)?["blocks"] as? [[String: Any]], "\(run.stderr)")
        #expect((blocks[0]["stdout"] as? String ?? "").contains("\"mode\":{\"\(mode)\""), "\(blocks[0]["stdout"] ?? "")")
        #expect(blocks.map { $0["status"] as? String } == ["ok", "ok"])
        #expect(!run.stderr.contains("fork server"), "\(run.stderr)")
    }

    @Test func everyStatusAndDirective() throws {
        let (status, doc, blocks) = try blocks(["\(Self.fixtures)/statuses.md"])
        #expect(status == 1)
        #expect(doc["schema"] as? String == "pyvs.snippets/1")
        #expect(doc["document"] as? String == "statuses.md")
        let expected: [(line: Int, status: String, reason: String)] = [
            (6, "ok", ""),
            (13, "ok", "defined 2 names (area, Circle)"),
            (25, "failed", "ZeroDivisionError: division by zero (statuses.md line 28)"),
            (31, "skipped", "needs asyncpg: not installed here (run with --install, or pip install asyncpg)"),
            (35, "skipped", "needs network"),
            (40, "skipped", "looks like shell commands, not Python (statuses.md line 41)"),
            (44, "skipped", "a fragment: uses asyncio without importing it (statuses.md line 45)"),
            (48, "failed", "SyntaxError: invalid syntax (statuses.md line 49)"),
            (53, "ok", ""),
            (64, "ok", ""),
            (68, "ok", ""),
            (77, "skipped", "kind:not_python"),
            (82, "skipped", "kind:skip_directive"),
            (87, "timeout", "kind:timed_out"),
            (93, "ok", "raised ValueError as expected (statuses.md line 94)"),
            (98, "skipped", "requires no_such_module_xyz"),
            (102, "failed", "kind:exited_during_block"),
            (108, "crashed", "kind:signalled"),
            (113, "ok", ""),
            (125, "failed", "expected an error; the block ran without one"),
            (130, "ok", "note:unknown_directives"),
        ]
        #expect(blocks.count == expected.count)
        for (block, want) in zip(blocks, expected) {
            let where_ = "block at line \(want.line)"
            #expect(block["line"] as? Int == want.line, "\(where_)")
            #expect(block["status"] as? String == want.status, "\(where_): \(block["reason"] ?? "")")
            // The harness's own words where it said why; pyvs's findings by their kind.
            if want.reason.hasPrefix("kind:") {
                #expect(CLI.reason(block).kind == want.reason.dropFirst(5), "\(where_): \(block["reason"] ?? "")")
            } else if want.reason.hasPrefix("note:") {
                let notes = block["notes"] as? [[String: Any]] ?? []
                #expect(notes.contains { $0[String(want.reason.dropFirst(5))] != nil }, "\(where_): \(notes)")
            } else if want.reason.isEmpty {
                #expect(block["reason"] == nil, "\(where_): \(block["reason"] ?? "")")
            } else {
                #expect(CLI.said(block).contains(want.reason), "\(where_): \(block["reason"] ?? "")")
            }
            #expect(block["language"] is String && block["index"] is Int)
        }
        #expect(blocks[0]["stdout"] as? String == "你好, pyvs\n285\n")
        #expect(blocks[8]["stdout"] as? String == "42\n42\n")  // a >>> session echoes its values
        #expect(blocks[10]["stdout"] as? String == "4\n")
        #expect(blocks[18]["stdout"] as? String == "[0, 1, 4, 9, 16]\n")  // spawn Pool from a block
        #expect(blocks[16]["stdout"] as? String == "before exit\n")
        // Tracebacks name the document, not a temporary file.
        let traceback = blocks[2]["stderr"] as? String ?? ""
        #expect(traceback.contains("File \"statuses.md\", line 28"))
        #expect(!traceback.contains("pyvs-snippets-"))
        #expect(!traceback.contains("pyvs_py/snippet") && !traceback.contains("runpy"))  // only the block's frames
        #expect((blocks[7]["stderr"] as? String ?? "").contains("File \"statuses.md\", line 49"))  // the SyntaxError, as Python shows it
        #expect((blocks[13]["wall_s"] as? Double ?? 0) >= 1)
        #expect((blocks[0]["peak_rss_bytes"] as? Int ?? 0) > 1 << 20)
        let summary = try #require(doc["summary"] as? [String: Int])
        #expect(summary == ["ran": 8, "failed": 4, "skipped": 6, "timeouts": 1, "crashed": 1, "not_run": 1])
    }

    @Test func summaryLineAndExitStatusInTheTable() {
        let run = CLI.run(["snippets", "\(Self.fixtures)/session.md", "--no-progress"])
        #expect(run.status == 1)
        // Without --session, block 2 cannot see block 1's name.
        #expect(run.stdout.contains("2 passed, 1 failed, 0 skipped, 1 crashed"))
    }

    @Test func sessionSharesNamesAndStopsAtACrash() throws {
        let (status, _, blocks) = try blocks(["\(Self.fixtures)/session.md", "--session"])
        #expect(status == 1)
        #expect(blocks.map { $0["status"] as? String } == ["ok", "ok", "crashed", "skipped"])
        #expect(blocks[1]["stdout"] as? String == "42\n")
        #expect(CLI.reason(blocks[3]).kind == "session_ended" && CLI.reason(blocks[3]).figures["at_block"] as? Int == 3, "\(blocks[3])")
    }

    @Test func sessionTimeoutIsPerBlock() throws {
        let (_, _, blocks) = try blocks(["\(Self.fixtures)/session-timeout.md", "--session", "--timeout", "20"])
        #expect(blocks.map { $0["status"] as? String } == ["ok", "timeout", "skipped"])
        #expect(CLI.reason(blocks[1]).kind == "timed_out" && CLI.reason(blocks[1]).figures["seconds"] as? Double == 1)
    }

    @Test(arguments: [
        ("empty.md", 65, "is empty"),
        ("latin1.md", 65, "is not UTF-8 text"),
        ("missing.md", 66, "cannot read"),
    ] as [(String, Int32, String)])
    func unusableDocuments(name: String, code: Int32, message: String) {
        let run = CLI.run(["snippets", "\(Self.fixtures)/\(name)"], timeout: 60)
        #expect(run.status == code)
        #expect(run.stderr.contains(message))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func documentWithoutPythonSaysSo() {
        let run = CLI.run(["snippets", "\(Self.fixtures)/no-python.md", "--no-progress"], timeout: 60)
        #expect(run.status == 0)
        #expect(run.stderr.contains("has no Python blocks"))
        #expect(run.stdout.contains("language bash: not run"))
    }

    @Test func outputIsCapped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-cap-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let doc = dir.appendingPathComponent("loud.md")
        try "```python\nfor i in range(200000):\n    print('x' * 50)\n```\n".write(to: doc, atomically: true, encoding: .utf8)
        let (status, _, blocks) = try blocks([doc.path, "--max-output", "1"])
        #expect(status == 0)
        let stdout = blocks.first?["stdout"] as? String ?? ""
        #expect(stdout.utf8.count < 2048)
        #expect(stdout.contains("[pyvs: output cut at 1.0 KB]"))
    }
}

private extension Dictionary where Key == String, Value == Any {
    var isRunnable: Bool { self["runnable"] as? Bool == true }
}
