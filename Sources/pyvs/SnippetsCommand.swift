import ArgumentParser
import Bench
import Console
import Foundation
import Measure
import Report
import Snippets

struct SnippetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snippets",
        abstract: "Run every Python block of a Markdown document and report what each did.",
        discussion: """
        Each block runs in its own worker process with the embedded CPython, as a real __main__ \
        module, with a timeout. Directives in an HTML comment on the line before a block: \
        <!-- pyvs: skip -->, <!-- pyvs: timeout=5 -->, <!-- pyvs: expect-error -->, \
        <!-- pyvs: requires=numpy -->. Exit status 0 when nothing failed unexpectedly, 1 otherwise, \
        65 when the document is empty or not UTF-8, 66 when it cannot be read.

        Examples:
          pyvs snippets guide.md
          pyvs snippets guide.md --session --timeout 10
          pyvs snippets guide.md --python ~/venv/bin/python --format html -o guide.html
        """)

    @Argument(help: "The Markdown document.")
    var document: String

    @Flag(help: "Run the blocks in order in one interpreter, sharing their names.")
    var session = false

    @Option(name: .customLong("max-output"), help: "KB of stdout and of stderr kept per block.")
    var maxOutputKB = 64

    @Option(help: "A claims file whose blocks link this document's code blocks to scenarios (default: the one pyvs ships).")
    var claims: String?

    @OptionGroup var limits: LimitOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(1...65_536).contains(maxOutputKB) {
            throw ValidationError("--max-output must be a whole number of KB from 1 to 65536, got \(maxOutputKB)")
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

    func run() throws {
        let text: String
        do {
            text = try SnippetRunner.read(document)
        } catch let error as DocumentError {
            throw CommandFailure(message: error.description, code: error.kind == .missing ? 66 : 65)
        }
        let links = try claimsFile()
        try output.checkWritable()
        var options = SnippetOptions()
        options.limits = limits.limits(defaultTimeout: 30)
        options.session = session
        options.outputLimitBytes = maxOutputKB << 10
        options.python = PythonSetup(executable: limits.python)
        let progress = ProgressLine(enabled: !output.noProgress)
        var blocks = SnippetRunner(options: options, progress: progress).run(document: document, text: text)
        for index in blocks.indices {
            if let scenario = ClaimChecker.scenario(forBlockAt: blocks[index].line, of: document, in: links) {
                blocks[index].measuredBy = ClaimChecker.runCommand(scenario)
            }
        }
        progress.finish()
        let runnable = blocks.contains(where: \.runnable)
        if !runnable {
            let others = Set(blocks.map { $0.language.isEmpty ? "untagged" : $0.language }).sorted()
            let note = "\(document) has no Python blocks" + (others.isEmpty ? "" : " (found \(blocks.count) in: \(others.joined(separator: ", ")))")
            Output.stderr("pyvs: \(note)\n")
        }
        // The machine as it is (no calibration: nothing here is a speedup) and
        // the Python that ran the blocks.
        var report = SnippetsReport(document: URL(fileURLWithPath: document).lastPathComponent, session: session,
                                    machine: MachineInfo.current(nativeParallelism: nil),
                                    python: runnable && ActiveChildren.shared.interruption == nil ? Runner.pythonInfo(options.python) : nil,
                                    blocks: blocks)
        if ActiveChildren.shared.interruption != nil { report.incomplete = true }
        report.title = Extractor.title(in: text)
        try output.write(report)
        if !report.allOK { throw ExitCode.failure }
    }
}
