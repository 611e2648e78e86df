import ArgumentParser
import Bench
import Foundation
import Measure
import Report

struct SnippetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snippets",
        abstract: "Run every Python block of a Markdown document and report what each did.",
        discussion: """
        Each block runs in its own worker process with the embedded CPython, as a real __main__
        module, with a timeout. Directives in an HTML comment on the line before a block:
        <!-- pyvs: skip -->, <!-- pyvs: timeout=5 -->, <!-- pyvs: expect-error -->,
        <!-- pyvs: requires=numpy -->. Exit status 0 when nothing failed unexpectedly, 1 otherwise,
        65 when the document is empty or not UTF-8, 66 when it cannot be read.
        """)

    @Argument(help: "The Markdown document.")
    var document: String

    @Option(help: "Seconds a block may run before its process group is killed (default 30).")
    var timeout: Double = 30

    @Flag(help: "Run the blocks in order in one interpreter, sharing their names.")
    var session = false

    @Option(name: .customLong("max-output"), help: "KB of stdout and of stderr kept per block (default 64).")
    var maxOutputKB = 64

    @Option(name: .customLong("memory-limit"), help: "MB a block's process tree may use before it is killed (default: half the machine's memory).")
    var memoryLimitMB: Int?

    @Option(help: "The python executable multiprocessing children start; must match the embedded library's version.")
    var python: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(timeout > 0 && timeout <= 86_400) {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400, got \(timeout)")
        }
        if !(1...65_536).contains(maxOutputKB) {
            throw ValidationError("--max-output must be a whole number of KB from 1 to 65536, got \(maxOutputKB)")
        }
        if let memoryLimitMB, memoryLimitMB < 16 {
            throw ValidationError("--memory-limit must be at least 16 (MB), got \(memoryLimitMB)")
        }
        try PythonChoice.validate(python)
    }

    func run() throws {
        let text: String
        do {
            text = try SnippetRunner.read(document)
        } catch let error as DocumentError {
            throw CommandFailure(message: error.description, code: error.kind == .missing ? 66 : 65)
        }
        try output.checkWritable()
        var options = SnippetOptions()
        options.timeout = timeout
        options.session = session
        options.outputLimitBytes = maxOutputKB << 10
        if let memoryLimitMB { options.memoryLimitBytes = memoryLimitMB << 20 }
        options.pythonExecutable = python
        let progress = ProgressLine(enabled: !output.noProgress)
        let runner = Runner(options: RunOptions.with(python: python), progress: progress)
        let blocks = SnippetRunner(options: options, progress: progress).run(document: document, text: text)
        progress.finish()
        if !blocks.contains(where: \.runnable) {
            let others = Set(blocks.map { $0.language.isEmpty ? "untagged" : $0.language }).sorted()
            let note = "\(document) has no Python blocks" + (others.isEmpty ? "" : " (found \(blocks.count) in: \(others.joined(separator: ", ")))")
            FileHandle.standardError.write("pyvs: \(note)\n".data(using: .utf8)!)
        }
        let machine = MachineInfo.current(nativeParallelism: Calibration.nativeParallelism())
        let report = SnippetsReport(document: URL(fileURLWithPath: document).lastPathComponent, session: session,
                                    machine: machine, python: blocks.contains(where: \.runnable) ? runner.pythonInfo() : nil,
                                    blocks: blocks)
        try output.write(report)
        if !report.allOK { throw ExitCode.failure }
    }
}
