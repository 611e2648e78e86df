import Console
import Contract
import Foundation
import Markdown

/// A block's row made whole, whichever way it ran: its source, setup and
/// network notes, --check-output, unknown directives, its output cleaned.
extension SnippetRunner {
    /// A block's row made whole: its source, what a setup block is, the
    /// network hint in a sandbox without one, and --check-output.
    func finished(_ row: SnippetResult, _ block: CodeBlock) -> SnippetResult {
        var result = row
        result.source = block.code
        if block.directives.setup && block.isPython && !block.directives.skip {
            result.setup = true
            result.note(.setup(session: options.session))
        }
        if options.sandbox?.network == false, result.needs == .network {
            result.note(.noNetwork)
        }
        if options.checkOutput, let shown = block.shownOutput { Self.check(&result, against: shown) }
        return result
    }

    func notRun(_ block: CodeBlock) -> SnippetResult {
        if block.isPython {
            return SnippetResult(index: block.index, line: block.line, language: block.language, status: .skipped, reason: .skipDirective)
        }
        return SnippetResult(index: block.index, line: block.line, language: block.language, status: .skipped,
                             reason: .notPython(language: block.fenced ? block.language : nil), runnable: false)
    }

    /// --check-output: a block that passed fails when what it printed does
    /// not match the output the document shows (numbers may differ).
    static func check(_ result: inout SnippetResult, against shown: CodeBlock.ShownOutput) {
        guard result.status == .ok else { return }
        guard let mismatch = OutputCheck.compare(shown: shown.text, printed: result.stdout) else {
            result.note(.outputMatches(line: shown.line))
            return
        }
        result.status = .failed
        result.reason = .outputDiffers(line: shown.line, summary: mismatch.summary)
        result.stderr += (result.stderr.isEmpty ? "" : "\n") + "pyvs --check-output: the document's output (line \(shown.line), -) "
            + "against what the block printed (+), numbers aside:\n" + mismatch.diff + "\n"
    }

    func appendUnknownDirectives(_ block: CodeBlock, to result: inout SnippetResult) {
        guard !block.directives.unknown.isEmpty else { return }
        result.note(.unknownDirectives(block.directives.unknown))
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
