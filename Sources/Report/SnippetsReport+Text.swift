import Console
import Contract
import Foundation
import Measure

/// Textual renderings of a snippets run.
extension SnippetsReport {
    /// The first (or last) non-empty line of some output, shortened.
    static func firstLine(_ text: String, limit: Int = 60, last: Bool = false) -> String {
        let lines = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let line = (last ? lines.last : lines.first).map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    /// What the output column shows: for a block that did not pass, the
    /// last line of stderr (the exception, not "Traceback (most recent call
    /// last):"); otherwise the first line it printed.
    static func shownOutput(_ block: SnippetResult) -> String {
        let error = firstLine(block.stderr, last: true)
        if block.status != .ok, !error.isEmpty { return error }
        let printed = firstLine(block.stdout)
        return printed.isEmpty ? error : printed
    }

    public func table(reasonLimit: Int = 90) -> Table {
        var table = Table([("#", .right), ("line", .right), ("lang", .left), ("status", .left), ("reason", .left),
                           ("wall", .right), ("CPU", .right), ("peak mem", .right), ("ran at once", .left), ("output", .left)])
        for block in blocks {
            let reason = [ProblemWords.reason(of: block), block.measuredBy.map { "measured beside Swift: \($0)" }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            let output = Self.shownOutput(block)
            table.add([String(block.index), String(block.line), block.language.isEmpty ? "–" : block.language,
                       block.runnable ? block.status.rawValue : "not run",
                       reason.count > reasonLimit ? String(reason.prefix(reasonLimit - 1)) + "…" : reason,
                       Format.duration(block.wallSeconds), Format.duration(block.cpuSeconds),
                       Format.bytes(block.peakMemoryBytes), concurrency(of: block) ?? "", output])
        }
        return table
    }

    /// "5 threads, 1.00 cores: held back by the GIL" for a block that ran
    /// more than one thread or process.
    public func concurrency(of block: SnippetResult) -> String? {
        block.concurrency?.summary(wallSeconds: block.wallSeconds, gil: python?.gilEnabled)
    }

    var header: String {
        let programs = blocks.filter { $0.program == true }.count
        return "\(document): \(blocks.filter { $0.runnable && $0.program != true }.count) Python blocks, "
            + (programs > 0 ? "\(programs) in other languages run, \(summary.notRun) not run" : "\(summary.notRun) in other languages")
            + (session ? " · session mode (one interpreter, in order)" : " · each block in its own process")
    }

    public func terminalText() -> String { terminalText(width: nil) }

    /// In `width` columns the table loses CPU, memory and language, then
    /// cuts the output and reason columns.
    public func terminalText(width: Int?) -> String {
        var out = [header]
        if let python { out.append("python: CPython \(python.version) · \(python.executable)") }
        if let speed = python?.speedLine { out.append(speed) }
        if let sandbox { out.append("sandbox: \(sandbox)") }
        out = out.flatMap { Format.wrap($0, width: width) }
        let full = table()
        out.append((width.map { full.fitted(to: $0, dropping: ["CPU", "peak mem", "lang", "ran at once"], shrinking: ["output", "reason"]) } ?? full).terminal())
        out.append(summary.line)
        return out.joined(separator: "\n") + "\n"
    }

    public func markdownText() -> String {
        var out = ["# pyvs snippets: \(document)", "", header, ""]
        if let sandbox { out += ["sandbox: \(sandbox)", ""] }
        out.append(table(reasonLimit: 400).markdown())
        out += ["", "**\(summary.line)**"]
        let failing = blocks.filter { $0.runnable && $0.status != .ok && $0.status != .skipped && !$0.stderr.isEmpty }
        if !failing.isEmpty {
            out += ["", "## Errors"]
            for block in failing {
                let fence = block.stderr.contains("```") ? "~~~~" : "```"
                out += ["", "Block \(block.index) (line \(block.line)): \(block.status.rawValue)", "", fence + "text",
                        String(block.stderr.suffix(4000)), fence]
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
