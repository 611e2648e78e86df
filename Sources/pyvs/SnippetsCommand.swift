import ArgumentParser
import Bench
import Claims
import Console
import Contract
import Foundation
import Measure
import Report
import Snippets
import Markdown

struct SnippetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snippets",
        abstract: "Run every Python block of a Markdown document and report what each did.",
        discussion: """
        Each block runs in a process of its own (forked from a worker that started the embedded \
        CPython once), as a real __main__ module, with a timeout, in a bubblewrap sandbox: uid 65534, \
        no network (--network gives it), the filesystem read-only but for its folder and a private \
        /tmp, no view of pyvs or any other process. Top-level await runs in an event loop; >>> \
        sessions are checked as doctest checks them. Directives in an HTML comment on the line before \
        a block: <!-- pyvs: skip -->, <!-- pyvs: timeout=5 -->, <!-- pyvs: expect-error -->, \
        <!-- pyvs: requires=numpy -->, <!-- pyvs: setup --> (runs before every block). With -o FILE, \
        finished rows reach FILE even if pyvs is killed. Exit status 0 when nothing failed \
        unexpectedly, 1 otherwise (with --strict, skipped blocks too), 64 for a --block or --line the \
        document does not have, 65 when the document is empty or not UTF-8, 66 when it cannot be read, \
        69 when the blocks cannot be sandboxed here (--no-sandbox runs them unconfined). --format junit \
        writes JUnit XML for CI.

        Examples:
          pyvs snippets guide.md
          pyvs snippets guide.md --session --timeout 10
          pyvs snippets guide.md --python ~/venv/bin/python --format html -o guide.html
          pyvs snippets guide.md --install
          pyvs snippets guide.md --with aiohttp,numpy
          pyvs snippets guide.md --block 7 --line 3099
          pyvs snippets guide.md -x --strict --format junit -o snippets.xml
        """)

    @Argument(help: "The Markdown document.")
    var document: String

    @Flag(help: "Run the blocks in order in one interpreter, sharing their names.")
    var session = false

    @Option(name: .customLong("max-output"), help: "KB of stdout and of stderr kept per block.")
    var maxOutputKB = 64

    @Option(name: .customLong("block"), parsing: .singleValue,
            help: ArgumentHelp("Run only block N (its number in the report; repeatable).", valueName: "N"))
    var onlyBlocks: [Int] = []

    @Option(name: .customLong("line"), parsing: .singleValue,
            help: ArgumentHelp("Run only the block at document line L (any line of it; repeatable).", valueName: "L"))
    var onlyLines: [Int] = []

    @Flag(name: [.customShort("x"), .customLong("exitfirst")], help: "Stop at the first block that fails, times out or crashes.")
    var exitFirst = false

    @Flag(help: "Skipped blocks fail the run too (exit 1), as failures, timeouts and crashes do.")
    var strict = false

    @Flag(help: "Install what the blocks import and lack into pyvs's own environment for this Python (in ~/.cache/pyvs), then run them with it.")
    var install = false

    @Option(name: .customLong("with"), help: ArgumentHelp("Also install these distributions (comma-separated; implies --install).", valueName: "pkg,..."))
    var with: String?

    @Flag(name: .customLong("check-output"),
          help: "Compare what a block printed with the output block the document shows after it (numbers may differ).")
    var checkOutput = false

    @Option(help: "A claims file whose blocks link this document's code blocks to scenarios (default: the one pyvs ships).")
    var claims: String?

    @Flag(name: .customLong("no-sandbox"),
          help: "Run the blocks unconfined, with pyvs's own privileges (by default they run in a bubblewrap sandbox).")
    var noSandbox = false

    @Flag(help: "Give the sandboxed blocks the network (by default they have none).")
    var network = false

    @OptionGroup var limits: LimitOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(1...65_536).contains(maxOutputKB) {
            throw ValidationError("--max-output must be a whole number of KB from 1 to 65536, got \(maxOutputKB)")
        }
        if network && noSandbox {
            throw ValidationError("--network opens the sandbox's network and --no-sandbox has no sandbox: give one of them")
        }
        if (install || with != nil) && limits.python != nil {
            throw ValidationError("--install uses pyvs's own environment and --python names another: give one of them")
        }
    }

    /// The claims file linking blocks to scenarios: --claims, else the
    /// shipped one when it is there.
    func claimsFile() throws -> ClaimsFile? {
        guard let path = claims else {
            return FileManager.default.fileExists(atPath: ClaimChecker.builtInFile) ? try? ClaimChecker.load(ClaimChecker.builtInFile) : nil
        }
        return try ClaimsCommand.load(path)
    }

    /// The blocks --block and --line name (nil: every block), or a usage
    /// error naming what the document has.
    func selection(in text: String) throws -> Set<Int>? {
        guard !onlyBlocks.isEmpty || !onlyLines.isEmpty else { return nil }
        let blocks = Extractor.blocks(in: text)
        var chosen: Set<Int> = []
        for number in onlyBlocks {
            guard blocks.contains(where: { $0.index == number }) else {
                throw CommandFailure(message: "--block \(number): \(document) has \(blocks.isEmpty ? "no code blocks" : "blocks 1–\(blocks.count)")", status: .usage)
            }
            chosen.insert(number)
        }
        for line in onlyLines {
            guard let block = blocks.first(where: { $0.contains(line: line) }) else {
                throw CommandFailure(message: "--line \(line): no code block of \(document) holds that line; blocks start at lines "
                    + blocks.prefix(12).map { String($0.line) }.joined(separator: ", ") + (blocks.count > 12 ? ", …" : ""), status: .usage)
            }
            chosen.insert(block.index)
        }
        return chosen
    }

    /// --install/--with: pyvs's environment for the embedded Python, filled
    /// with what the blocks import; the blocks then run with it.
    func provision(text: String, python: PythonSetup, progress: ProgressLine) throws -> PythonSetup {
        guard let info = BuildFacts.pythonInfo(python, supervisor: Session.supervisor) else {
            throw CommandFailure(message: "--install: cannot start the embedded CPython to find its interpreter", status: .failure)
        }
        let blocks = Extractor.blocks(in: text).filter(\.isPython)
        let environment = SnippetEnvironment(base: info.executable, version: info.version, supervisor: Session.supervisor)
        let extra = (with ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            let prepared = try environment.prepare(sources: blocks.map(\.source), requires: blocks.flatMap(\.directives.requires),
                                                   extra: extra, progress: progress)
            for note in prepared.notes { Output.stderr("pyvs: \(note)\n") }
            if !prepared.installed.isEmpty { progress.note("installed: \(prepared.installed.joined(separator: ", "))") }
        } catch let problem as SnippetEnvironment.Problem {
            throw CommandFailure(message: problem.description, status: .failure)
        }
        return PythonSetup(executable: environment.python, startMethod: python.startMethod)
    }

    /// With -o: a journal beside the output, each block's row in it as it
    /// finishes (the guardian writes the report from it if pyvs is killed).
    func startJournal(text: String, options: inout SnippetOptions) throws -> SnippetJournal? {
        guard let path = output.output, path != "-" else { return nil }
        if let note = SnippetJournal.leftover(for: path) { Output.stderr("pyvs: \(note)\n") }
        let only = options.only
        let planned = Extractor.blocks(in: text).filter { only?.contains($0.index) ?? true }
            .map { SnippetJournal.Planned(index: $0.index, line: $0.line, language: $0.language) }
        let journal = try SnippetJournal(header: SnippetJournal.Header(
            document: URL(fileURLWithPath: document).lastPathComponent, title: Extractor.title(in: text), output: path, format: output.format,
            started: ISO8601DateFormatter().string(from: Date()), pid: getpid(), session: session,
            sandbox: options.sandbox?.summary, planned: planned))
        Session.supervisor.hold(journal: journal.path)
        options.onResult = { journal.append($0) }
        return journal
    }

    /// The document, or the error and exit code saying why not (66 missing, 65 unusable).
    func read() throws -> String { try readDocument(document) }

    func run() throws {
        let text = try read()
        let links = try claimsFile()
        try output.checkWritable(for: SnippetsReport.self)
        let (report, journal) = try runBlocks(text: text, links: links, journal: true, progress: ProgressLine(enabled: !output.noProgress))
        try output.write(report)
        if let journal {
            journal.remove()
            Session.supervisor.release(journal: journal.path)
        }
        if !report.allOK || (strict && report.summary.skipped > 0) { throw ExitCode.failure }
    }

    /// Runs the document's blocks as the options say (in the sandbox, unless
    /// --no-sandbox): their report, not yet written, and the journal of
    /// their rows when `journal` and -o ask for one. Blocks the claims file
    /// `links` to a scenario name the command that measures it.
    /// With `firstBuild`, several --python builds are accepted and the blocks run on the first.
    func runBlocks(text: String, links: ClaimsFile?, journal wanted: Bool, firstBuild: Bool = false,
                   progress: ProgressLine) throws -> (SnippetsReport, SnippetJournal?) {
        let selected = try selection(in: text)
        var options = SnippetOptions()
        options.limits = limits.limits(defaultTimeout: 30)
        options.session = session
        options.outputLimitBytes = maxOutputKB << 10
        let builds = try limits.builds()
        options.python = PythonSetup(executable: firstBuild && builds.count > 1 ? nil : limits.python)
        guard builds.count == 1 || firstBuild, let build = builds.first else {
            throw CommandFailure(message: "blocks run on one Python build; --python named \(builds.map(\.name).joined(separator: ", "))", status: .usage)
        }
        if (install || with != nil) && build.pyvs != PythonBuild.host.pyvs {
            throw CommandFailure(message: "--install and --with use this pyvs's own build (\(PythonBuild.host.name)); run the \(build.name) build's pyvs (\(build.pyvs)) for its packages", status: .usage)
        }
        options.build = build
        if install || with != nil {
            options.python = try provision(text: text, python: options.python, progress: progress)
        }
        if !noSandbox {
            do {
                options.sandbox = try Sandbox.probe(network: network, supervisor: Session.supervisor)
            } catch {
                throw CommandFailure(message: error.description, status: .unavailable)
            }
        }
        options.only = selected
        options.exitFirst = exitFirst
        options.checkOutput = checkOutput
        // The Python that runs the blocks, and how fast it runs Python
        // embedded beside its python command (a shorter loop than `run`'s:
        // it is context here): timed by the blocks' fork server in a fork of
        // itself before the first block, since where the library was loaded
        // in that process decides how fast its blocks run; without one
        // (--session), after the blocks, in two workers (one start in
        // several runs the loop a third slower throughout).
        let hasPython = Extractor.blocks(in: text).contains(where: \.isPython)
        let loop = LoopRequest(n: 200_000, repeats: 5)
        options.timeLoop = hasPython ? loop : nil
        let journal = wanted ? try startJournal(text: text, options: &options) : nil
        let runner = SnippetRunner(options: options, progress: progress, supervisor: Session.supervisor)
        var blocks = runner.run(document: document, text: text)
        let python = !hasPython ? nil : runner.interpreter ?? (Session.supervisor.interruption.signal != nil ? nil
            : BuildFacts.timedPythonInfo(options.python, build: options.build, rounds: 2, n: loop.n, repeats: loop.repeats,
                                     supervisor: Session.supervisor))
        for index in blocks.indices {
            if let scenario = ClaimChecker.scenario(forBlockAt: blocks[index].line, of: document, in: links) {
                blocks[index].measuredBy = CommandLines.measuring(scenario)
            }
        }
        progress.finish()
        if !blocks.contains(where: \.runnable) {
            let others = Set(blocks.map { $0.language.isEmpty ? "untagged" : $0.language }).sorted()
            let note = "\(document) has no Python blocks" + (others.isEmpty ? "" : " (found \(blocks.count) in: \(others.joined(separator: ", ")))")
            Output.stderr("pyvs: \(note)\n")
        }
        // The machine as it is (no native reference: nothing here is a speedup).
        var report = SnippetsReport(document: URL(fileURLWithPath: document).lastPathComponent, session: session,
                                    machine: MachineInfo.current(nativeParallelism: nil), python: python, blocks: blocks)
        if Session.supervisor.interruption.signal != nil { report.incomplete = true }
        report.sandbox = options.sandbox?.summary ?? "none: the blocks ran unconfined (--no-sandbox)"
        report.title = Extractor.title(in: text)
        return (report, journal)
    }
}

/// A Markdown document's text, or the error and exit code saying why not (66 missing, 65 unusable).
func readDocument(_ path: String) throws -> String {
    do { return try SnippetRunner.read(path) } catch let error as DocumentError {
        throw CommandFailure(message: error.description, status: error.kind == .missing ? .missingInput : .unusableInput)
    }
}
