import Bench
import Console
import Contract
import Foundation
import Markdown
import Processes

/// How one block's run ended, whichever way it ran (a worker of its own,
/// the fork server, the sandboxed server): the process's ending as its
/// supervisor saw it, the figures it measured, and what the block's own
/// harness said. `SnippetRunner.row(from:)` turns it into the block's row,
/// the same way for every path.
struct BlockEnd {
    var ending: ChildOutcome.Ending
    /// The block's output, cleaned (the document's name for its file, cut at the limit).
    var stdout: String
    var stderr: String
    var wallSeconds: Double?
    var cpuSeconds: Double?
    /// The tree's summed RSS at its peak, and its PSS (each shared page once).
    var peakRSSBytes: Int?
    var treePeakPSSBytes: Int?
    var concurrency: BlockConcurrency?
    /// The harness's verdict: how the block's code ended.
    var verdict: SnippetVerdict?
    /// The harness could not run the block (its traceback's last line).
    var harnessError: String?
    /// Processes the block left running (killed).
    var leftovers = 0
    /// Non-daemon threads Python waited for at exit, when the harness said so.
    var exitingThreads: [String]?
    /// A program in another language (no harness): its exit status is its verdict.
    var program = false
}

extension SnippetRunner {
    /// The block's row from how its run ended: a timeout, a limit or a
    /// signal first (the supervisor's word), then the harness's verdict,
    /// then the process's own exit.
    func row(from end: BlockEnd, of block: CodeBlock) -> SnippetResult {
        var result = SnippetResult(index: block.index, line: block.line, language: block.language, status: .failed)
        result.stdout = end.stdout
        result.stderr = end.stderr
        result.wallSeconds = end.wallSeconds
        result.cpuSeconds = end.cpuSeconds
        result.peakRSSBytes = end.peakRSSBytes
        result.treePeakPSSBytes = end.treePeakPSSBytes
        result.concurrency = end.concurrency
        var outcome = ChildOutcome(ending: end.ending)
        outcome.stderr = Data(end.stderr.utf8)
        if let failure = Outcome.abnormal(outcome) {
            result.status = failure.status
            result.reason = failure.reason
            if case .timedOut(let seconds) = end.ending, let threads = end.exitingThreads, end.verdict != nil {
                result.reason = .waitedForThreads(names: threads, seconds: seconds)
            }
        } else if let verdict = end.verdict {
            result.status = verdict.status
            result.reason = verdict.reason.flatMap { $0.isEmpty ? nil : .said($0) }
            result.needs = verdict.needs
        } else if let error = end.harnessError {
            result.reason = .harnessFailed(error)
        } else if case .exited(let code) = end.ending {
            result.status = code == 0 ? .ok : .failed
            result.reason = end.program ? (code == 0 ? nil : .exitStatus(code)) : .exitedDuringBlock(status: code, session: false)
        }
        if end.leftovers > 0 { result.note(.leftovers(end.leftovers)) }
        appendUnknownDirectives(block, to: &result)
        return result
    }
}
