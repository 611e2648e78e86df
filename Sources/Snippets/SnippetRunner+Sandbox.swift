import Bench
import Console
import Contract
import Foundation
import Processes
import Markdown

/// A block in the sandbox: the sandboxed fork server makes the block's
/// folder and writes its file there (pyvs writes nothing where a block can
/// write), runs the block in a process forked ahead into a PID namespace of
/// its own, and supervises it; pyvs turns the server's report into the
/// block's row.
extension SnippetRunner {
    /// Runs one block in the sandbox; `lost` is true when the server must be
    /// replaced (it died or stopped answering).
    func runSandboxed(_ block: CodeBlock, display: String, folder: String, setup: [SetupSource], server: ForkServer) -> (SnippetResult, lost: Bool) {
        var result = SnippetResult(index: block.index, line: block.line, language: block.language, status: .failed)
        // The server makes the block's folder and writes its files there.
        let work = folder + "/work/block-\(block.index)"
        let file = work + "/" + display
        var files = [display: block.source + "\n"]
        if block.isSession { files[display + ".transcript"] = block.code + "\n" }
        // A message holds some 200 KB: a larger block goes through a file the sandbox reads.
        var copies: [String: String] = [:]
        if files.values.reduce(0, { $0 + $1.utf8.count }) > 100_000 {
            let source = folder + "/src/block-\(block.index)"
            do {
                try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
                for (name, text) in files {
                    try text.write(toFile: source + "/" + name, atomically: false, encoding: .utf8)
                    copies[name] = source + "/" + name
                }
            } catch {
                result.reason = "cannot write the block to \(source): \(error.localizedDescription)"
                return (result, false)
            }
            files = [:]
        }
        let timeout = timeout(of: block)
        let job = ForkedBlock(
            block: BlockJob(path: file, offset: block.line, expectError: block.directives.expectError,
                            transcript: block.isSession ? file + ".transcript" : nil, requires: block.directives.requires, setup: setup),
            folder: work, display: display,
            limits: ForkedLimits(timeout: timeout, memoryLimitBytes: options.limits.memoryLimitBytes, maxProcesses: options.limits.maxProcesses),
            files: files, copies: copies)
        guard let message = try? JSONEncoder().encode(job) else { return (result, false) }
        let run = server.runSupervised(message, captureLimit: options.outputLimitBytes, backstop: timeout + 30)
        // Tracebacks name the block's file in its folder: shown as the document.
        result.stdout = clean(run.stdout, truncated: run.stdoutTruncated, file: file, display: display)
        result.stderr = clean(run.stderr, truncated: run.stderrTruncated, file: file, display: display)
        let report: SandboxReport
        do {
            guard let line = run.report.split(separator: 0x0a).first else { throw SandboxReport.Unreadable.empty }
            report = try JSONDecoder().decode(SandboxReport.self, from: Data(line))
        } catch {
            result.status = .crashed
            result.reason = run.lost ?? "the sandboxed fork server's report could not be read: \(SandboxReport.describe(error))"
            return (result, true)
        }
        apply(report, to: &result)
        appendUnknownDirectives(block, to: &result)
        return (result, false)
    }

    /// The block's row from the server's report: status and figures from
    /// the supervisor; the reason from the block's verdict when it ended by
    /// itself.
    func apply(_ report: SandboxReport, to result: inout SnippetResult) {
        var outcome = ChildOutcome(ending: report.ending)
        outcome.stderr = Data(result.stderr.utf8)
        if let figures = report.figures {
            result.wallSeconds = figures.wallSeconds
            result.cpuSeconds = figures.userSeconds + figures.systemSeconds
            result.peakRSSBytes = figures.treePeakRSSBytes
            result.concurrency = BlockConcurrency(peakProcesses: figures.peakProcesses, peakThreads: figures.peakThreads,
                                                  cores: figures.wallSeconds > 0 ? (figures.userSeconds + figures.systemSeconds) / figures.wallSeconds : 0,
                                                  threadsCPUSeconds: report.verdict?.threadsCPUSeconds)
        }
        if let failure = Outcome.abnormal(outcome) {
            result.status = failure.status
            result.reason = failure.reason
            if case .timedOut(let seconds) = outcome.ending, let exiting = report.exiting, report.verdict != nil {
                let names = exiting.threads.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
                result.reason = "the block's code finished, then Python waited at exit for non-daemon thread"
                    + (exiting.threads.count == 1 ? " " : "s ") + names + " until the timeout (\(Format.seconds(seconds)) s); killed"
            }
        } else if let verdict = report.verdict?.verdict {
            result.status = verdict.status
            result.reason = verdict.reason
        } else if case .exited(let code) = outcome.ending {
            result.status = code == 0 ? .ok : .failed
            result.reason = "ended the process with status \(code) before the block finished (os._exit or a fatal error)"
        }
        if let leftovers = report.figures?.leftovers, leftovers > 0 {
            append("left \(leftovers) process\(leftovers == 1 ? "" : "es") running; killed", to: &result)
        }
    }
}
