import Bench
import Console
import Contract
import Foundation
import Measure
import Processes
import Markdown
import Synchronization

public struct SnippetOptions: Sendable {
    /// Per block: its timeout (unless a directive sets its own) and memory.
    public var limits = Limits(timeout: 30)
    public var session = false
    public var outputLimitBytes = 64 << 10
    public var python = PythonSetup()
    /// The Python build the blocks run on (its pyvs is their worker).
    public var build = PythonBuild.host
    /// Only these blocks (by index) are reported; with --session the blocks
    /// before them still run, for the names they define.
    public var only: Set<Int>?
    /// Stop at the first block that fails, times out or crashes (-x).
    public var exitFirst = false
    /// Compare what a block printed with the output block shown after it.
    public var checkOutput = false
    /// Where the blocks run; nil runs them unconfined (--no-sandbox).
    public var sandbox: Sandbox?
    /// Told of each block's row as soon as it is known (pyvs journals it).
    public var onResult: (@Sendable (SnippetResult) -> Void)?
    /// Time the cpu-bound loop, as `SnippetRunner.interpreter` says.
    public var timeLoop: LoopRequest?
    public init() {}
}

/// Why a document cannot be run at all.
public struct DocumentError: Error, CustomStringConvertible {
    public enum Kind: Sendable { case missing, notText, empty }
    public let kind: Kind
    public let description: String
}

/// Runs a document's Python blocks, each in its own worker process (or all
/// in one, in order, with --session), and says what each did.
public final class SnippetRunner: Sendable {
    let options: SnippetOptions
    let progress: ProgressLine
    /// Every block's process is registered with it; its interruption stops the run.
    let supervisor: Supervisor
    private let described = Mutex<PythonInfo?>(nil)

    /// The interpreter the blocks were forked from, as its fork server
    /// described it, with how fast it ran the loop (`options.timeLoop`)
    /// beside the build's python command, timed before the first block; nil
    /// when no fork server started (--session, or it failed).
    public var interpreter: PythonInfo? { described.withLock { $0 } }

    public init(options: SnippetOptions, progress: ProgressLine, supervisor: Supervisor) {
        self.options = options
        self.progress = progress
        self.supervisor = supervisor
    }

    /// Reads a document: it must exist, be UTF-8 text and not be empty.
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError(kind: .missing, description: "cannot read \(path): no such file, or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocumentError(kind: .notText, description: "\(path) is not UTF-8 text; pyvs snippets reads UTF-8 Markdown")
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw DocumentError(kind: .empty, description: "\(path) is empty: there are no code blocks to run")
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    public func run(document path: String, text: String) -> [SnippetResult] {
        let display = URL(fileURLWithPath: path).lastPathComponent
        var blocks = Extractor.blocks(in: text)
        // Setup blocks run whichever blocks are chosen.
        if let only = options.only, !options.session { blocks = blocks.filter { only.contains($0.index) || $0.directives.setup } }
        if let last = options.only?.max(), options.session { blocks = blocks.filter { $0.index <= last || $0.directives.setup } }
        var python = blocks.filter { $0.isPython && !$0.directives.skip }
        let setups = python.filter(\.directives.setup)
        if options.session { python = setups + python.filter { !$0.directives.setup } }  // first, once
        let programs = blocks.filter(Self.runsAsProgram)
        progress.plan((options.session ? 1 : python.count) + programs.count)
        guard let folder = try? makeTemporaryFolder(sandboxed: options.sandbox != nil && !options.session) else {
            return blocks.map { SnippetResult(index: $0.index, line: $0.line, language: $0.language, status: .failed,
                                              reason: .noTemporaryFolder) }
        }
        // Removed here, or by the guardian if pyvs is killed first.
        supervisor.hold(folder: folder)
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            supervisor.release(folder: folder)
        }
        var results: [Int: SnippetResult] = [:]
        for block in blocks where (!block.isPython || block.directives.skip) && !Self.runsAsProgram(block) {
            results[block.index] = finished(notRun(block), block)
            options.onResult?(results[block.index]!)  // known now: journaled with the others
        }
        let runtimes = programs.isEmpty ? [:]
            : Runtimes.found(ids: programs.compactMap { Self.programLanguages[$0.language]?.runtime }, supervisor: supervisor)
        for block in programs where supervisor.interruption.signal == nil {
            progress.step("\(display) block \(block.index)", detail: "line \(block.line), \(block.language)")
            results[block.index] = finished(runProgram(block, folder: folder, runtimes: runtimes), block)
            options.onResult?(results[block.index]!)
        }
        if options.session {
            let byIndex = Dictionary(uniqueKeysWithValues: python.map { ($0.index, $0) })
            for result in runSession(python, display: display, folder: folder) {
                results[result.index] = byIndex[result.index].map { finished(result, $0) } ?? result
            }
        } else {
            for result in runEach(python, setups: setups, display: display, folder: folder) { results[result.index] = result }
        }
        return blocks.compactMap { results[$0.index] }.filter { options.only?.contains($0.index) ?? true }
    }

    /// Each block in a process of its own, forked from one that started
    /// CPython once (spawned afresh if that fails); each row is handed to
    /// `onResult` as soon as it is known.
    func runEach(_ python: [CodeBlock], setups: [CodeBlock], display: String, folder: String) -> [SnippetResult] {
        var server = python.isEmpty ? nil : startForkServer(display: display, folder: folder)
        defer { server?.stop() }
        let setup: [SetupSource]
        do { setup = try writeSetups(setups, display: display, into: options.sandbox == nil ? folder : folder + "/src") } catch {
            return python.map { SnippetResult(index: $0.index, line: $0.line, language: $0.language, status: .failed,
                                              reason: .cannotWrite(what: "the setup blocks", message: error.localizedDescription)) }
        }
        var results: [SnippetResult] = []
        var stoppedAt: Int?
        for block in python {
            var result: SnippetResult
            if let stoppedAt {
                result = SnippetResult(index: block.index, line: block.line, language: block.language,
                                       status: .skipped, reason: .stoppedAt(block: stoppedAt))
            } else if let signal = supervisor.interruption.signal {
                result = SnippetResult(index: block.index, line: block.line, language: block.language,
                                       status: .skipped, reason: .interrupted(signal: signal, started: false, runs: nil))
            } else {
                progress.step("\(display) block \(block.index)", detail: "line \(block.line)")
                let prepare = block.directives.setup ? [] : setup
                if options.sandbox != nil, let running = server {
                    let lost: Bool
                    (result, lost) = runSandboxed(block, display: display, folder: folder, setup: prepare, server: running)
                    if lost {  // the next block gets a new server
                        running.stop()
                        server = startForkServer(display: display, folder: folder)
                    }
                } else {
                    result = runAlone(block, display: display, folder: folder, setup: prepare, server: server)
                }
                if let signal = supervisor.interruption.signal {  // it was killed with the others
                    result.status = .skipped
                    result.reason = .interrupted(signal: signal, started: true, runs: nil)
                }
                if options.exitFirst && result.status.isFailure { stoppedAt = block.index }
            }
            result = finished(result, block)
            options.onResult?(result)
            results.append(result)
        }
        return results
    }

    /// A block's timeout: its directive's, else the command's.
    func timeout(of block: CodeBlock) -> Double { block.directives.timeout ?? options.limits.timeout }

    /// The document's temporary folder; in the sandbox it holds `src`
    /// (setup blocks and very large blocks, which the sandbox reads) and
    /// `work` (the blocks' folders, made inside the sandbox: pyvs writes
    /// nothing a block can touch).
    private func makeTemporaryFolder(sandboxed: Bool) throws -> String {
        var template = Array((NSTemporaryDirectory() + "pyvs-snippets-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw DocumentError(kind: .missing, description: "mkdtemp failed") }
        let folder = String(cString: made)
        if sandboxed {
            for part in ["src", "work"] { try FileManager.default.createDirectory(atPath: folder + "/" + part, withIntermediateDirectories: false) }
        }
        return folder
    }

    /// A session's output, every block's, is split by block after it ends:
    /// this much of it is kept (each block's part is then cut at --max-output).
    static let sessionCaptureBytes = 16 << 20

    /// A worker process for one block (or, with --session, all of them),
    /// in the sandbox (when there is one) with its folder writable.
    func child(_ job: SnippetJob, timeout: Double) -> ChildProcess {
        var process = Worker.process(.snippet(job), build: options.build, limits: Limits(timeout: timeout, memoryLimitBytes: options.limits.memoryLimitBytes,
                                                                                          maxProcesses: options.limits.maxProcesses),
                                     captureLimitBytes: options.session ? Self.sessionCaptureBytes : options.outputLimitBytes)
        // A block's memory is its tree's PSS, as every row's: pages its forked children share count once.
        process.readsTreePSS = true
        if let sandbox = options.sandbox {
            process.arguments = sandbox.command(process.arguments, writable: [job.folder], needs: [options.python.executable ?? ""])
        }
        return process
    }

    /// Runs a worker; in the sandbox, bwrap's exit status 128+N (its child
    /// killed by signal N) is read as that signal.
    func run(_ process: ChildProcess) -> ChildOutcome {
        var outcome = process.run(in: supervisor)
        if options.sandbox != nil, case .exited(let code) = outcome.ending, (129...192).contains(code) {
            outcome.ending = .signalled(code - 128)
        }
        return outcome
    }

    /// The fork server for a document's blocks: a worker with CPython
    /// started. When it cannot start, the progress says so and every block
    /// starts a worker of its own.
    func startForkServer(display: String, folder: String) -> ForkServer? {
        let mode: SnippetJob.Mode = options.sandbox == nil ? .server : .sandboxedServer
        let greeting = interpreter == nil ? options.timeLoop : nil  // once a run
        let job = WorkerJob.snippet(SnippetJob(display: display, folder: folder, python: options.python, mode: mode, greeting: greeting))
        let template = Worker.process(job, build: options.build, limits: options.limits, captureLimitBytes: 0)
        var arguments = template.arguments
        if let sandbox = options.sandbox {
            if let refused = sandbox.serverRefused {
                progress.note("the sandboxed fork server cannot give its blocks a /proc of their own here (\(refused)); "
                    + "each block starts a worker of its own")
                return nil
            }
            arguments = sandbox.command(arguments, writable: [folder + "/work"], readable: [folder + "/src"],
                                        needs: [options.python.executable ?? ""], forServer: true)
        }
        do {
            let server = try ForkServer(arguments: arguments, environment: template.environment, supervisor: supervisor, greeted: greeting != nil)
            if let request = greeting, let data = server.greeting { describe(from: data, request) }
            return server
        } catch {
            progress.note("the fork server did not start (\(error)); each block starts a worker of its own")
            return nil
        }
    }

    /// The fork server's greeting (a `WorkerReply`: the loop's time in a fork
    /// of it, the interpreter's facts), and the loop timed in the build's
    /// python command now, before the first block.
    func describe(from greeting: Data, _ request: LoopRequest) {
        guard let reply = WorkerReply.decode(greeting), var python = reply.python else { return }
        python.loopEmbeddedSeconds = reply.wallSeconds
        python.loopN = request.n
        if let executable = python.executable.isEmpty ? nil : python.executable {
            python.loopExecutableSeconds = BuildFacts.executableLoopSpeed(executable, build: options.build, n: request.n, repeats: request.repeats,
                                                                      supervisor: supervisor)
        }
        described.withLock { $0 = python }
    }

    /// Writes each setup block to a file of its own under `folder`.
    func writeSetups(_ setups: [CodeBlock], display: String, into folder: String) throws -> [SetupSource] {
        try setups.map { block in
            let place = folder + "/setup-\(block.index)"
            try FileManager.default.createDirectory(atPath: place, withIntermediateDirectories: true)
            try (block.source + "\n").write(toFile: place + "/" + display, atomically: false, encoding: .utf8)
            return SetupSource(path: place + "/" + display, offset: block.line)
        }
    }

    func runAlone(_ block: CodeBlock, display: String, folder: String, setup: [SetupSource] = [], server: ForkServer? = nil) -> SnippetResult {
        let cwd = folder + "/block-\(block.index)"
        let file = cwd + "/" + display
        // The block's folder (its file, and whatever it wrote) goes when the block ends.
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        do {
            try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
            try (block.source + "\n").write(toFile: file, atomically: false, encoding: .utf8)
            if block.isSession { try (block.code + "\n").write(toFile: file + ".transcript", atomically: false, encoding: .utf8) }
        } catch {
            return SnippetResult(index: block.index, line: block.line, language: block.language, status: .failed,
                                 reason: .cannotWrite(what: file, message: error.localizedDescription))
        }
        let job = SnippetJob(display: display, folder: cwd, python: options.python, mode: .block(BlockJob(
            path: file, offset: block.line, expectError: block.directives.expectError, transcript: block.isSession ? file + ".transcript" : nil,
            requires: block.directives.requires, setup: setup)))
        let process = child(job, timeout: timeout(of: block))
        var outcome: ChildOutcome
        if let server, case .block(let blockJob) = job.mode,
           let forked = try? JSONEncoder().encode(ForkedBlock(block: blockJob, folder: cwd, display: display)) {
            outcome = process.run(forkedBy: server, job: forked, in: supervisor)
            if case .failedToStart(let why) = outcome.ending {
                progress.note("block \(block.index): \(why); it runs in a worker of its own")
                outcome = run(process)
            }
        } else {
            outcome = run(process)
        }
        let reply = WorkerReply.decode(outcome.report)
        // The harness's own timing of the block, where it sent its verdict and the process ended by itself.
        let harnessTimed = reply?.snippet != nil && Outcome.abnormal(outcome) == nil
        let processCPU = outcome.userSeconds + outcome.systemSeconds
        return row(from: BlockEnd(
            ending: outcome.ending,
            stdout: clean(outcome.stdout, truncated: outcome.stdoutTruncated, file: file, display: display),
            stderr: clean(outcome.stderr, truncated: outcome.stderrTruncated, file: file, display: display),
            wallSeconds: harnessTimed ? reply?.wallSeconds ?? outcome.processWallSeconds : outcome.processWallSeconds,
            cpuSeconds: harnessTimed ? reply?.cpuSeconds ?? processCPU : processCPU,
            peakRSSBytes: outcome.treePeakRSSBytes, treePeakPSSBytes: outcome.treePeakPSSAtPeakBytes, verdict: reply?.snippet,
            harnessError: reply?.error.map { String($0.split(separator: "\n").last ?? "") }, leftovers: outcome.leftoverProcesses), of: block)
    }
}
