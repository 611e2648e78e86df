import Foundation
import Testing

/// The massive rows of the runtimes the documents compare (Go, Rust's tokio, Node, Java): each
/// runs its own program beside the Python and Swift rows, with the same
/// exact result, or is skipped saying what to install.
@Suite struct RuntimeRowsTests {
    @Test func goRustAndNodeRowsRunOrSayWhatIsMissing() throws {
        let run = CLI.run(["run", "massive", "--quick", "--tasks", "1000,2000", "--sleep-ms", "100", "--only", "go.goroutines,rust.tokio,node.promises,java.threads,cpp.threads",
                           "--format", "json", "--no-progress"], timeout: 600)
        let doc = try #require(CLI.json(run.stdout), "\(run.stderr)")
        let rows = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        #expect(rows.count == 10)
        let runtimes = CLI.run(["list", "--runtimes"]).stdout
        for row in rows {
            let id = row["id"] as? String ?? ""
            let tasks = row["label"] as? String ?? ""
            if row["status"] as? String == "ok" {
                #expect(row["result_ok"] as? Bool == true, "\(tasks): \(row["result"] ?? "")")
                #expect((row["result"] as? String ?? "").hasSuffix("tasks woke"))
                #expect(((row["extra"] as? [String: Double])?["resident_per_task_bytes"] ?? 0) > 0, "\(tasks)")
                #expect(row["language"] as? String == String(id.prefix { $0 != "." }))
            } else {
                // Not installed here: skipped, naming what it lacks, as `pyvs list --runtimes` does.
                #expect(row["status"] as? String == "skipped" && CLI.reason(row).kind == "runtime_missing", "\(tasks): \(row["reason"] ?? "")")
                #expect(runtimes.contains("missing") || runtimes.contains("not found"), "\(runtimes)")
            }
        }
        #expect(CLI.leftBehind(by: run).isEmpty)
    }

    /// cpu-bound's kernel in Go, Rust, C++ and Java: the exact 128-bit sum every row must return.
    @Test func goRustAndCppKernelsReturnTheExactSum() throws {
        let ids = ["go.serial", "go.goroutines", "rust.serial", "rust.threads", "cpp.serial", "cpp.threads", "java.serial", "java.threads"]
        let run = CLI.run(["run", "cpu-bound", "--quick", "--n", "3000000", "--only", ids.joined(separator: ","), "--format", "json", "--no-progress"],
                          timeout: 600)
        let doc = try #require(CLI.json(run.stdout), "\(run.stderr)")
        let rows = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        #expect(rows.compactMap { $0["id"] as? String } == ids)
        // --quick: 2 tasks; the total, 17 999 991 000 001 000 000, is past 64 bits.
        let m: UInt128 = 3_000_000, tasks: UInt128 = 2
        let expected = String(tasks * ((m - 1) * m * (2 * m - 1) / 6))
        #expect(expected == "17999991000001000000")
        for row in rows {
            if row["status"] as? String == "ok" {
                #expect(row["result"] as? String == expected && row["result_ok"] as? Bool == true, "\(row["id"] ?? ""): \(row["result"] ?? "")")
            } else {
                #expect(row["status"] as? String == "skipped" && CLI.reason(row).kind == "runtime_missing", "\(row["id"] ?? ""): \(row["reason"] ?? "")")
            }
        }
    }

    /// Blocks in Go, C, C++, Rust, Java and JavaScript run in the sandbox as
    /// programs; a fragment says so; a build error and an exit status fail.
    @Test func blocksInOtherLanguagesRunAsPrograms() throws {
        let run = CLI.run(["snippets", CLI.root.appendingPathComponent("fixtures/snippets/languages.md").path, "--format", "json", "--no-progress"],
                          timeout: 600)
        let blocks = try #require(CLI.json(run.stdout)?["blocks"] as? [[String: Any]], "\(run.stderr)")
        let runtimes = ["go": "Go", "c": "C and C++", "cpp": "C and C++", "rust": "Rust (tokio)", "java": "Java", "javascript": "Node"]
        let expected: [(status: String, kind: String, stdout: String)] = [
            ("ok", "", "hello from Go\n"), ("skipped", "fragment", ""), ("ok", "", "hello from C\n"),
            ("failed", "exit_status", "hello from C++\n"), ("ok", "", "hello from Rust\n"), ("ok", "", "hello from Java\n"),
            ("ok", "", "hello from Node\n"), ("failed", "build_failed", ""),
        ]
        #expect(blocks.count == expected.count)
        for (block, want) in zip(blocks, expected) {
            let language = block["language"] as? String ?? ""
            #expect(block["program"] as? Bool == true, "\(language)")
            if CLI.reason(block).kind == "runtime_missing" {
                #expect(block["status"] as? String == "skipped" && runtimes[language] != nil, "\(language)")
                continue
            }
            #expect(block["status"] as? String == want.status && CLI.reason(block).kind == want.kind, "\(language): \(block["reason"] ?? "")")
            #expect(block["stdout"] as? String ?? "" == want.stdout, "\(language)")
            if want.status == "ok" { #expect((block["peak_rss_bytes"] as? Int ?? 0) > 0 || (block["tree_peak_pss_bytes"] as? Int ?? 0) > 0) }
        }
        // Without Go the build cannot fail: the block is skipped as a missing runtime, checked above.
        if let broken = blocks.last, CLI.reason(broken).kind != "runtime_missing" {
            #expect((CLI.reason(broken).figures["message"] as? String ?? "").hasPrefix("main.go:"), "the block's file, not pyvs's cache")
        }
        #expect(CLI.leftBehind(by: run).isEmpty)
    }
}
