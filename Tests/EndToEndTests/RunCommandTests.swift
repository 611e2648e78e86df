import Bench
import Contract
import Foundation
import Measure
import Processes
import Testing

/// End to end: the built pyvs binary, as a user runs it.
@Suite(.serialized) struct RunCommandTests {
    /// Every variant of the scenario, from the catalogue.
    static let required = Catalogue.scenario(named: "cpu-bound")?.variants.map(\.id) ?? []

    @Test func quickJSONFollowsTheContract() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "not JSON: \(run.stdout.prefix(300))")
        #expect(doc["schema"] as? String == "pyvs.run/1")
        let machine = try #require(doc["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) >= 1)
        #expect(["off", "partial", "full"].contains(machine["aslr"] as? String ?? ""))
        let pyvs = try #require(doc["pyvs"] as? [String: String])
        #expect(pyvs["version"]?.split(separator: ".").count == 3)
        #expect(machine["native_parallelism"] is Double)
        let python = try #require(doc["python"] as? [String: Any])
        #expect((python["version"] as? String)?.hasPrefix("3.") == true)
        #expect(python["start_method"] as? String == "fork")
        #expect(python["switch_interval_s"] is Double)
        let executable = try #require(python["executable"] as? String)
        #expect(FileManager.default.isExecutableFile(atPath: executable))
        #expect(!executable.contains("pyenv/shims"), "sys.executable must match the embedded library")

        let scenario = try #require((doc["scenarios"] as? [[String: Any]])?.first)
        #expect(scenario["name"] as? String == "cpu-bound")
        let params = try #require(scenario["params"] as? [String: Int])
        #expect(params["n"] == 200_000 && params["tasks"] == 2)
        let variants = try #require(scenario["variants"] as? [[String: Any]])
        #expect(variants.compactMap { $0["id"] as? String } == Self.required)
        let results = Set(variants.compactMap { $0["result"] as? String })
        #expect(results == ["5333293333400000"])  // 2 × sum(i*i for i < 200000)
        // PEP 734's interpreters run where this build can import them, and say why not elsewhere (3.11).
        let interpreters = (python["extras"] as? [String: Bool])?["interpreters"] == true
        for variant in variants {
            let id = variant["id"] as? String ?? "?"
            if id == "py.subinterpreters" && !interpreters {
                #expect(variant["status"] as? String == "skipped")
                #expect(CLI.reason(variant).figures["requirement"] as? String == "interpreters")
                continue
            }
            // Go, Rust and C++ rows run where their toolchain is installed, and say what to install elsewhere.
            if variant["status"] as? String == "skipped" && CLI.reason(variant).kind == "runtime_missing" && !["python", "swift"].contains(variant["language"] as? String ?? "") {
                continue
            }
            #expect(variant["status"] as? String == "ok", "\(id): \(variant["reason"] ?? "")")
            #expect(variant["result_ok"] as? Bool == true, "\(id)")
            let wall = try #require(variant["wall_s"] as? [String: Any], "\(id) has no wall_s")
            let median = try #require(wall["median"] as? Double)
            #expect(median > 0)
            #expect((wall["min"] as? Double ?? .nan) <= median && median <= (wall["max"] as? Double ?? .nan))
            #expect((wall["samples"] as? [Double])?.count == 1)
            let language = variant["language"] as? String ?? ""
            #expect(["python", "swift", "go", "rust", "cpp", "java"].contains(language))
            #expect(id.hasPrefix(language == "python" ? "py." : language + "."))
            #expect((variant["tree_peak_rss_bytes"] as? Int ?? 0) >= (variant["peak_rss_bytes"] as? Int ?? .max) / 2)
            let switches = try #require(variant["context_switches"] as? [String: Int])
            #expect(switches["voluntary"] != nil && switches["involuntary"] != nil)
            #expect(variant["speedup"] is Double && variant["parallelism"] is Double)
        }
        // A pool of worker processes is counted whole: more memory than one process.
        let pool = try #require(variants.first { $0["id"] as? String == "py.pool" })
        #expect((pool["tree_peak_rss_bytes"] as? Int ?? 0) > (pool["peak_rss_bytes"] as? Int ?? .max))
        #expect((pool["tree_peak_processes"] as? Int ?? 0) >= 2)
    }

    /// A worker ends without finalizing Python, yet what multiprocessing set
    /// up is taken down: a fork server's folder (pymp-*) is not left in TMPDIR.
    @Test func aForkServerLeavesNoFolderBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-tmpdir-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = CLI.run(["run", "process-start", "--quick", "--only", "py.forkserver", "--no-progress"], environment: ["TMPDIR": folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("pymp-") }
        #expect(left.isEmpty, "left in TMPDIR: \(left)")
    }

    @Test func crashAndTimeoutBecomeRowsAndLeaveNothingBehind() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress", "--timeout", "5",
                           "--only", "py.serial,py.threads,py.pool,swift.serial,swift.threads",
                           "--inject", "py.threads=segfault", "--inject", "py.pool=hang", "--inject", "swift.threads=exit"])
        #expect(run.status == 1)
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        let variants = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: variants.map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["py.threads"]?["status"] as? String == "crashed")
        let threadsReason = CLI.reason(byID["py.threads"] ?? [:])
        #expect(threadsReason.kind == "signalled" && threadsReason.figures["signal"] as? Int == Int(SIGSEGV), "\(threadsReason)")
        #expect(byID["py.pool"]?["status"] as? String == "timeout")
        #expect(byID["swift.threads"]?["status"] as? String == "crashed")
        let swiftReason = CLI.reason(byID["swift.threads"] ?? [:])
        #expect(swiftReason.kind == "no_result" && swiftReason.figures["status"] as? Int == 3, "\(swiftReason)")
        for id in ["py.serial", "swift.serial"] {
            #expect(byID[id]?["status"] as? String == "ok")
            #expect(byID[id]?["result_ok"] as? Bool == true)
        }
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
    }

    @Test func memoryHungryWorkerIsStoppedAtTheLimit() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress", "--memory-limit", "300",
                           "--only", "py.serial,swift.serial", "--inject", "py.serial=memory"])
        #expect(run.status == 1)
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        let variants = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        #expect(variants[0]["status"] as? String == "crashed")
        #expect(CLI.reason(variants[0]).kind == "memory_exceeded" && CLI.reason(variants[0]).figures["limit_bytes"] as? Int == 300 << 20)
        #expect(variants[1]["status"] as? String == "ok")
    }

    @Test func wrongResultIsAMismatchAndExitsOne() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress",
                           "--only", "py.serial,swift.serial", "--inject", "swift.serial=wrong"])
        #expect(run.status == 1)
        let doc = try #require(CLI.json(run.stdout))
        let variants = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        #expect(variants.first { $0["id"] as? String == "swift.serial" }?["result_ok"] as? Bool == false)
        #expect(variants.first { $0["id"] as? String == "py.serial" }?["result_ok"] as? Bool == true)
    }

    @Test func pythonFailureCarriesItsError() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress",
                           "--only", "py.serial", "--inject", "py.serial=raise"])
        #expect(run.status == 1)
        let doc = try #require(CLI.json(run.stdout))
        let variant = try #require(((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])?.first)
        #expect(variant["status"] as? String == "failed")
        #expect(CLI.reason(variant).kind == "raised" && CLI.reason(variant).figures["message"] as? String == "RuntimeError: injected failure")
    }

    @Test(arguments: ["spawn", "forkserver"])
    func otherStartMethodsWork(method: String) throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress",
                           "--only", "py.pool,py.processes", "--start-method", method])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout))
        let variants = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        #expect(variants.allSatisfy { $0["result_ok"] as? Bool == true })
    }

    @Test func tableAndMarkdownShowEveryVariant() throws {
        for format in ["table", "md"] {
            let run = CLI.run(["run", "cpu-bound", "--quick", "--repeat", "1", "--format", format, "--no-progress", "--wide",
                               "--only", "py.serial,swift.serial"])
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("py.serial") && run.stdout.contains("swift.serial"))
            #expect(run.stdout.contains("machine:") && run.stdout.contains("python: CPython 3."))
            // One run is never a conclusion.
            let line = run.stdout.split(separator: "\n").first { $0.contains("swift.serial") && $0.contains("py.serial") } ?? ""
            #expect(line.contains(" against ") && line.contains("in 1 round — not conclusive"), "\(line)")
            #expect(!run.stdout.contains(" ran ") && !run.stdout.contains("Best "))
        }
    }

    /// Not a terminal: 80 columns. Tables fit them, and prose breaks between words.
    @Test func textFitsEightyColumnsWithoutBreakingWords() throws {
        // One run, rendered twice: to a pipe (80 columns) and to a file (every line whole).
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-\(getpid())-wrap.json").path
        let wideFile = saved + ".txt"
        defer { unlink(saved); unlink(wideFile) }
        let run = CLI.run(["run", "cpu-bound", "--quick", "--no-progress", "--format", "json", "-o", saved])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let narrow = CLI.run(["report", saved, "--format", "table"]).stdout
        let lines = narrow.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        _ = CLI.run(["report", saved, "--format", "table", "-o", wideFile])
        let wide = try String(contentsOfFile: wideFile, encoding: .utf8)
        #expect(wide.split(separator: "\n").contains { $0.count > 80 })
        // Wrapping only moves line breaks: every prose line of the wide text
        // reads the same, word for word, in the 80-column one.
        let prose = wide.split(separator: "\n").filter { $0.hasPrefix("  ") || $0.hasPrefix("warning:") }
        #expect(prose.count > 3)
        let flowing = narrow.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for line in prose {
            #expect(flowing.contains(line.split(whereSeparator: \.isWhitespace).joined(separator: " ")), "\(line)")
        }
    }

    @Test func enoughRunsMakeAConclusion() throws {
        let run = CLI.run(["run", "cpu-bound", "--quick", "--repeat", "3", "--no-progress", "--wide", "--only", "py.serial,swift.serial", "--n", "2000000"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        // Three runs of each are enough to judge: the line either concludes
        // or says the runs overlap (which side wins is timing, not tested).
        let line = try #require(run.stdout.split(separator: "\n").first {
            $0.contains("swift.serial") && $0.contains("py.serial") && ($0.contains(" ran ") || $0.contains(" against "))
        })
        #expect(line.contains(" ran ") && line.contains("in 3 rounds") || line.contains("not conclusive; run on a quieter machine"), "\(line)")
        #expect(!line.contains("from 3 runs"))
    }

    @Test func outputFileIsWrittenAndProgressGoesToStderr() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-\(getpid())-run.json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--only", "swift.serial", "-o", path])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("swift.serial"))
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(CLI.json(String(decoding: written, as: UTF8.self))?["schema"] as? String == "pyvs.run/1")
    }

    @Test func listShowsTheCatalogue() {
        let run = CLI.run(["list"])
        #expect(run.status == 0)
        for scenario in Catalogue.all {
            #expect(run.stdout.contains("\(scenario.name) (pyvs "))
            for variant in scenario.variants { #expect(run.stdout.contains(variant.id)) }
            for parameter in scenario.parameters { #expect(run.stdout.contains("--\(parameter.name.replacingOccurrences(of: "_", with: "-")) ")) }
        }
    }

    /// One row per runtime, each with its version or the command that installs what it lacks.
    @Test func listRuntimesSaysWhatIsHereAndHowToGetTheRest() {
        let run = CLI.run(["list", "--runtimes"], timeout: 120)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst(2).dropLast()
        #expect(rows.count == Runtimes.all.count, "\(run.stdout)")
        for (row, runtime) in zip(rows, Runtimes.all) {
            #expect(row.hasPrefix(runtime.name))
            #expect(!row.contains("missing") || row.contains("apt-get install -y "), "\(row)")
        }
        #expect(run.stdout.split(separator: "\n").last?.contains("runtimes ready") == true)
        let both = CLI.run(["list", "--runtimes", "--pythons"])
        #expect(both.status == 64 && both.stderr == "pyvs: --pythons and --runtimes list different things; give one\n", "\(both.stderr)")
    }

    @Test func parametersComeFromTheCatalogue() throws {
        // --n is the scenario's parameter; --param NAME=VALUE says the same.
        for arguments in [["--n", "1000"], ["--param", "n=1000"], ["--n=1000"]] {
            let run = CLI.run(["run", "cpu-bound", "--quick", "--format", "json", "--no-progress", "--only", "swift.serial"] + arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            let scenario = try #require((CLI.json(run.stdout)?["scenarios"] as? [[String: Any]])?.first)
            #expect((scenario["params"] as? [String: Int])?["n"] == 1000)
        }
    }

    @Test func exportsSaveWhileTheTablePrints() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-export-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (json, md, html) = (folder.appendingPathComponent("r.json").path, folder.appendingPathComponent("r.md").path,
                                folder.appendingPathComponent("r.html").path)
        let run = CLI.run(["run", "cpu-bound", "--quick", "--only", "swift.serial", "--no-progress",
                           "--export-json", json, "--export-md", md, "--export-html", html])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("swift.serial") && run.stdout.contains("machine:"))
        #expect(CLI.json(try String(contentsOfFile: json, encoding: .utf8))?["schema"] as? String == "pyvs.run/1")
        #expect(try String(contentsOfFile: md, encoding: .utf8).hasPrefix("# pyvs run"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r-cpu-bound-wall.svg").path))
        #expect(try String(contentsOfFile: html, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        let refused = CLI.run(["run", "cpu-bound", "--quick", "--export-html", "/nonexistent-dir/r.html"])
        #expect(refused.status == 73 && refused.stderr.contains("cannot write /nonexistent-dir/r.html"))
    }

    @Test func versionIsShown() {
        let run = CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("pyvs 0."), "\(run.stdout)")
    }

    @Test func actsAsPythonForMultiprocessingChildren() {
        // What multiprocessing runs when pyvs itself is sys.executable.
        let run = CLI.run(["-c", "import sys; print(6 * 7)"])
        #expect(run.status == 0)
        #expect(run.stdout == "42\n")
    }
}

@Suite struct UsageErrorTests {
    @Test(arguments: [
        (["run", "nosuch"], 64, "unknown scenario 'nosuch'; accepted: \(Catalogue.names.joined(separator: ", ")), all"),
        (["run", "cpu-bound", "--param", "frobs=3"], 64, "unknown parameter 'frobs'; accepted: "),
        (["run", "cpu-bound", "--param", "n"], 64, "--param takes NAME=VALUE, got 'n'"),
        (["run", "cpu-bound", "--tasks", "0"], 64, "--tasks must be a whole number from 1 to 256, got 0"),
        (["run", "cpu-bound", "--only", ""], 64, "--only needs at least one variant id; accepted: "),
        (["run", "cpu-bound", "--memory-limit", "8796093022208"], 64, "--memory-limit must be from 64 (MB"),
        (["run", "cpu-bound", "--memory-limit", "16"], 64, "--memory-limit must be from 64 (MB"),
        (["run", "cpu-bound", "--max-processes", "1"], 64, "--max-processes must be a whole number from 4 to 100000, got 1"),
        (["report", "/tmp"], 66, "cannot read /tmp: it is a folder, not a report file"),
        (["run"], 64, "name a scenario"),
        (["run", "cpu-bound", "--repeat", "0"], 64, "--repeat must be auto or a whole number from 1 to 1000, got 0"),
        (["run", "cpu-bound", "--n=-5"], 64, "--n must be a whole number from 1"),
        (["run", "cpu-bound", "--n", "many"], 64, "many"),
        (["run", "cpu-bound", "--timeout", "0"], 64, "--timeout"),
        (["run", "cpu-bound", "--format", "pdf"], 64, "pdf"),
        (["run", "cpu-bound", "--only", "py.fibers"], 64, "unknown variant 'py.fibers'"),
        (["run", "cpu-bound", "--start-method", "vfork"], 64, "'vfork' is invalid for '--start-method <start-method>'. Please provide one of 'fork', 'spawn' or 'forkserver'"),
        (["run", "cpu-bound", "-o", "/nonexistent-dir/out.json"], 73, "cannot write /nonexistent-dir/out.json"),
        (["frobnicate"], 64, "frobnicate"),
        (["run", "cpu-bound", "--python", "/nonexistent/python3"], 64, "--python must name an executable file"),
        (["run", "cpu-bound", "--python", "/tmp"], 64, "--python must name an executable file"),
    ] as [([String], Int32, String)])
    func badInputGetsOneLineAndAnExitCode(arguments: [String], code: Int32, message: String) {
        let run = CLI.run(arguments, timeout: 60)
        #expect(run.status == code, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(arguments): \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func pythonOfAnotherVersionIsRefused() throws {
        // A stand-in interpreter that reports version 2.7, written by a shell:
        // a file this (multi-threaded) process had open for writing could be
        // inherited by a child another test spawns, and exec would fail (ETXTBSY).
        let fake = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-fake-python-\(getpid())")
        let made = ChildProcess(arguments: ["/bin/sh", "-c", "printf '#!/bin/sh\\necho 2.7\\n' > '\(fake.path)' && chmod 755 '\(fake.path)'"]).run(in: Supervisor())
        #expect(made.ending == .exited(0))
        defer { try? FileManager.default.removeItem(at: fake) }
        let run = CLI.run(["run", "cpu-bound", "--python", fake.path], timeout: 60)
        #expect(run.status == 64)
        #expect(run.stderr.contains("like the embedded library, got 2.7"), "\(run.stderr)")
    }
}
