import Console
import Contract
import Foundation
import Measure
import Processes
import Snippets

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
        if let only = options.only, !options.session { blocks = blocks.filter { only.contains($0.index) } }
        if let last = options.only?.max(), options.session { blocks = blocks.filter { $0.index <= last } }
        let python = blocks.filter { $0.isPython && !$0.directives.skip }
        progress.plan(options.session ? 1 : python.count)
        guard let folder = try? makeTemporaryFolder() else {
            return blocks.map { SnippetResult(index: $0.index, line: $0.line, language: $0.language, status: .failed,
                                              reason: "cannot create a temporary folder") }
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var results: [Int: SnippetResult] = [:]
        for block in blocks where !block.isPython || block.directives.skip {
            results[block.index] = notRun(block)
        }
        if options.session {
            for result in runSession(python, display: display, folder: folder) { results[result.index] = result }
        } else {
            // Each block still gets a process of its own, forked from one
            // that started CPython once (spawned afresh if that fails).
            let server = python.isEmpty ? nil : startForkServer(display: display, folder: folder)
            defer { server?.stop() }
            var stoppedAt: Int?
            for block in python {
                if let stoppedAt {
                    results[block.index] = SnippetResult(index: block.index, line: block.line, language: block.language,
                                                         status: .skipped, reason: "not run: -x stopped at block \(stoppedAt)")
                    continue
                }
                if let signal = supervisor.interruption.signal {
                    results[block.index] = SnippetResult(index: block.index, line: block.line, language: block.language,
                                                         status: .skipped, reason: "not run: interrupted by \(Outcome.signalName(signal))")
                    continue
                }
                progress.step("\(display) block \(block.index)", detail: "line \(block.line)")
                var result = runAlone(block, display: display, folder: folder, server: server)
                if let signal = supervisor.interruption.signal {  // it was killed with the others
                    result.status = .skipped
                    result.reason = "interrupted by \(Outcome.signalName(signal))"
                }
                results[block.index] = result
                if options.exitFirst && [.failed, .timeout, .crashed].contains(result.status) { stoppedAt = block.index }
            }
        }
        for block in blocks {
            results[block.index]?.source = block.code
            if options.checkOutput, let shown = block.shownOutput, var result = results[block.index] {
                Self.check(&result, against: shown)
                results[block.index] = result
            }
        }
        return blocks.compactMap { results[$0.index] }.filter { options.only?.contains($0.index) ?? true }
    }

    func notRun(_ block: CodeBlock) -> SnippetResult {
        if block.isPython {
            return SnippetResult(index: block.index, line: block.line, language: block.language, status: .skipped,
                                 reason: "skip directive")
        }
        let language = !block.fenced ? "an indented code block" : block.language.isEmpty ? "no language given" : "language \(block.language)"
        return SnippetResult(index: block.index, line: block.line, language: block.language, status: .skipped,
                             reason: "\(language): not run", runnable: false)
    }

    /// --check-output: a block that passed fails when what it printed does
    /// not match the output the document shows (numbers may differ).
    static func check(_ result: inout SnippetResult, against shown: CodeBlock.ShownOutput) {
        guard result.status == .ok else { return }
        guard let mismatch = OutputCheck.compare(shown: shown.text, printed: result.stdout) else {
            if (result.reason ?? "").isEmpty { result.reason = "output matches the block at line \(shown.line)" }
            return
        }
        result.status = .failed
        result.reason = "output differs from the block at line \(shown.line): \(mismatch.summary)"
        result.stderr += (result.stderr.isEmpty ? "" : "\n") + "pyvs --check-output: the document's output (line \(shown.line), -) "
            + "against what the block printed (+), numbers aside:\n" + mismatch.diff + "\n"
    }

    /// A block's timeout: its directive's, else the command's.
    func timeout(of block: CodeBlock) -> Double { block.directives.timeout ?? options.limits.timeout }

    private func makeTemporaryFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "pyvs-snippets-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw DocumentError(kind: .missing, description: "mkdtemp failed") }
        return String(cString: made)
    }

    /// A worker process for one block (or, with --session, all of them).
    func child(_ job: SnippetJob, timeout: Double) -> ChildProcess {
        Worker.process(.snippet(job), build: options.build, limits: Limits(timeout: timeout, memoryLimitBytes: options.limits.memoryLimitBytes,
                                                     maxProcesses: options.limits.maxProcesses),
                       captureLimitBytes: options.session ? 16 << 20 : options.outputLimitBytes)
    }

    /// The fork server for a document's blocks: a worker with CPython
    /// started. When it cannot start, the progress says so and every block
    /// starts a worker of its own.
    func startForkServer(display: String, folder: String) -> ForkServer? {
        let job = WorkerJob.snippet(SnippetJob(display: display, folder: folder, python: options.python, mode: .server))
        let template = Worker.process(job, build: options.build, limits: options.limits, captureLimitBytes: 0)
        do {
            return try ForkServer(arguments: template.arguments, environment: template.environment, supervisor: supervisor)
        } catch {
            progress.note("the fork server did not start (\(error)); each block starts a worker of its own")
            return nil
        }
    }

    func runAlone(_ block: CodeBlock, display: String, folder: String, server: ForkServer? = nil) -> SnippetResult {
        let cwd = folder + "/block-\(block.index)"
        let file = cwd + "/" + display
        var result = SnippetResult(index: block.index, line: block.line, language: block.language, status: .failed)
        // The block's folder (its file, and whatever it wrote) goes when the block ends.
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        do {
            try FileManager.default.createDirectory(atPath: cwd, withIntermediateDirectories: true)
            try (block.source + "\n").write(toFile: file, atomically: false, encoding: .utf8)
            if block.isSession { try (block.code + "\n").write(toFile: file + ".transcript", atomically: false, encoding: .utf8) }
        } catch {
            result.reason = "cannot write the block to \(file): \(error.localizedDescription)"
            return result
        }
        let job = SnippetJob(display: display, folder: cwd, python: options.python, mode: .block(BlockJob(
            path: file, offset: block.line, expectError: block.directives.expectError, transcript: block.isSession ? file + ".transcript" : nil,
            requires: block.directives.requires)))
        let process = child(job, timeout: timeout(of: block))
        var outcome: ChildOutcome
        if let server, case .block(let blockJob) = job.mode,
           let forked = try? JSONEncoder().encode(ForkedBlock(block: blockJob, folder: cwd, display: display)) {
            outcome = process.run(forkedBy: server, job: forked, in: supervisor)
            if case .failedToStart(let why) = outcome.ending {
                progress.note("block \(block.index): \(why); it runs in a worker of its own")
                outcome = process.run(in: supervisor)
            }
        } else {
            outcome = process.run(in: supervisor)
        }
        result.stdout = clean(outcome.stdout, truncated: outcome.stdoutTruncated, file: file, display: display)
        result.stderr = clean(outcome.stderr, truncated: outcome.stderrTruncated, file: file, display: display)
        result.peakRSSBytes = outcome.treePeakRSSBytes
        result.wallSeconds = outcome.processWallSeconds
        result.cpuSeconds = outcome.userSeconds + outcome.systemSeconds
        let reply = WorkerReply.decode(outcome.report)
        if let failure = Outcome.abnormal(outcome) {
            result.status = failure.status
            result.reason = failure.reason
        } else if let reply, let verdict = reply.snippet {
            result.status = verdict.status
            result.reason = verdict.reason
            result.wallSeconds = reply.wallSeconds ?? result.wallSeconds
            result.cpuSeconds = reply.cpuSeconds ?? result.cpuSeconds
        } else if let error = reply?.error {
            result.reason = "pyvs could not run the block: \(error.split(separator: "\n").last ?? "")"
        } else if case .exited(let code) = outcome.ending {
            result.status = code == 0 ? .ok : .failed
            result.reason = "ended the process with status \(code) before the block finished (os._exit or a fatal error)"
        }
        if outcome.leftoverProcesses > 0 {
            append("left \(outcome.leftoverProcesses) process\(outcome.leftoverProcesses == 1 ? "" : "es") running; killed", to: &result)
        }
        appendUnknownDirectives(block, to: &result)
        return result
    }

    func appendUnknownDirectives(_ block: CodeBlock, to result: inout SnippetResult) {
        guard !block.directives.unknown.isEmpty else { return }
        append("unknown directive \(block.directives.unknown.map { "'\($0)'" }.joined(separator: ", ")) ignored; "
            + "accepted: skip, timeout=SECONDS, expect-error, requires=MODULE[,MODULE]", to: &result)
    }

    /// A note after the block's reason ("reason; note"), or the note alone.
    func append(_ note: String, to result: inout SnippetResult) {
        result.reason = [result.reason, note].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "; ")
    }

    /// Output as text: the temporary path replaced by the document's name,
    /// cut at the limit with a note.
    func clean(_ data: Data, truncated: Bool, file: String, display: String) -> String {
        var text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: file, with: display)
        if text.utf8.count > options.outputLimitBytes {
            text = String(decoding: Array(text.utf8.prefix(options.outputLimitBytes)), as: UTF8.self)
        }
        if truncated || data.count > options.outputLimitBytes {
            text += "\n[pyvs: output cut at \(Format.bytes(options.outputLimitBytes))]"
        }
        return text
    }
}
