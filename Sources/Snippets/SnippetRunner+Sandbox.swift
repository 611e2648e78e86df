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
    /// The sandboxed server's report on one block (`pyvs_py.snippet.sandbox`).
    struct SandboxReport: Decodable {
        struct Ending: Decodable {
            let kind: String
            let code: Int32?
            let signal: Int32?
            let afterSeconds: Double?
            let limitBytes: Int?
            let limit: Int?
            let message: String?

            enum CodingKeys: String, CodingKey {
                case kind, code, signal, afterSeconds = "after_s", limitBytes = "limit_bytes", limit, message
            }
        }

        /// What the block's own harness said: its verdict, and its threads' CPU.
        struct Verdict: Decodable {
            let verdict: SnippetVerdict
            let threadsCPUSeconds: Double?

            enum CodingKeys: String, CodingKey { case verdict, threadsCPUSeconds = "threads_cpu_s" }
        }

        struct Exiting: Decodable { let threads: [String] }

        let ending: Ending
        let wallSeconds: Double?
        let userSeconds: Double?
        let systemSeconds: Double?
        let treePeakRSSBytes: Int?
        let peakProcesses: Int?
        let peakThreads: Int?
        let leftovers: Int?
        let verdict: Verdict?
        let exiting: Exiting?

        enum CodingKeys: String, CodingKey {
            case ending, wallSeconds = "wall_s", userSeconds = "user_s", systemSeconds = "sys_s", treePeakRSSBytes = "tree_peak_rss_bytes"
            case peakProcesses = "peak_processes", peakThreads = "peak_threads", leftovers, verdict, exiting
        }

        /// How the block's process ended, as pyvs words a child's ending.
        var processEnding: ChildOutcome.Ending {
            switch ending.kind {
            case "exited": return .exited(ending.code ?? -1)
            case "signalled": return .signalled(ending.signal ?? 0)
            case "timeout": return .timedOut(afterSeconds: ending.afterSeconds ?? 0)
            case "memory": return .memoryExceeded(limitBytes: ending.limitBytes ?? 0)
            case "processes": return .processLimit(ending.limit ?? 0)
            default: return .failedToStart(ending.message ?? "the sandboxed fork server could not run the block")
            }
        }
    }

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
        guard let line = run.report.split(separator: 0x0a).first,
              let report = try? JSONDecoder().decode(SandboxReport.self, from: Data(line)) else {
            result.status = .crashed
            result.reason = run.lost ?? "the sandboxed fork server's report could not be read"
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
        var outcome = ChildOutcome(ending: report.processEnding)
        outcome.stderr = Data(result.stderr.utf8)
        result.wallSeconds = report.wallSeconds
        if let user = report.userSeconds, let system = report.systemSeconds { result.cpuSeconds = user + system }
        result.peakRSSBytes = report.treePeakRSSBytes
        if let processes = report.peakProcesses, let threads = report.peakThreads {
            let cores = result.wallSeconds.flatMap { wall in result.cpuSeconds.map { wall > 0 ? $0 / wall : 0 } }
            result.concurrency = BlockConcurrency(peakProcesses: processes, peakThreads: threads, cores: cores,
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
        if let leftovers = report.leftovers, leftovers > 0 {
            append("left \(leftovers) process\(leftovers == 1 ? "" : "es") running; killed", to: &result)
        }
    }
}
