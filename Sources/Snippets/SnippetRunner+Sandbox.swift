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
                result.reason = .cannotWrite(what: source, message: error.localizedDescription)
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
            result.reason = run.lost.map(RowProblem.sandboxLost) ?? .sandboxReportUnreadable(SandboxReport.describe(error))
            return (result, true)
        }
        let figures = report.figures
        return (row(from: BlockEnd(
            ending: report.ending, stdout: result.stdout, stderr: result.stderr, wallSeconds: figures?.wallSeconds,
            cpuSeconds: figures.map { $0.userSeconds + $0.systemSeconds }, peakRSSBytes: figures?.treePeakRSSBytes,
            treePeakPSSBytes: figures.flatMap {
                ChildProcess.Rules.peakPSS($0.treePeakPSSBytes, readAtRSS: $0.pssReadAtRSSBytes, peakRSS: $0.treePeakRSSBytes)
            },
            concurrency: figures.map { figures in
                BlockConcurrency(peakProcesses: figures.peakProcesses, peakThreads: figures.peakThreads,
                                 cores: figures.wallSeconds > 0 ? (figures.userSeconds + figures.systemSeconds) / figures.wallSeconds : 0,
                                 threadsCPUSeconds: report.verdict?.threadsCPUSeconds)
            },
            verdict: report.verdict?.verdict, leftovers: figures?.leftovers ?? 0, exitingThreads: report.exiting?.threads), of: block), false)
    }
}
