import Contract
import Foundation

/// `pyvs snippets` as a page: the summary, the table, then each block with its source and output.
extension SnippetsReport {
    public func htmlText() -> String {
        var body = ["<h1>\(HTML.escape(title ?? document))</h1>", "<p class=\"meta\">pyvs snippets · \(HTML.escape(header))</p>"]
        if let python { body.append("<p class=\"meta\">python: CPython \(HTML.escape(python.version)) · \(HTML.escape(python.executable))</p>") }
        if let speed = python?.speedLine { body.append("<p class=\"meta\">\(HTML.escape(speed))</p>") }
        if let sandbox { body.append("<p class=\"meta\">sandbox: \(HTML.escape(sandbox))</p>") }
        body.append("<p><b>\(HTML.escape(summary.line))</b></p>")
        body.append(HTML.table(table(reasonLimit: 400)) { row, column, _ in
            column == 3 ? (blocks[row].runnable ? HTML.statusClass(blocks[row].status) : "skip") : nil
        })
        for block in blocks where block.runnable {
            body.append("<h3>Block \(block.index) · line \(block.line) · \(HTML.escape(block.status.rawValue))</h3>")
            if let reason = ProblemWords.reason(of: block) { body.append("<p>\(HTML.escape(reason))</p>") }
            if let ran = concurrency(of: block) { body.append("<p class=\"meta\">ran at once: \(HTML.escape(ran))</p>") }
            if let source = block.source { body.append("<details><summary>source</summary><pre>\(HTML.escape(source))</pre></details>") }
            if !block.stdout.isEmpty { body.append("<p class=\"meta\">stdout</p><pre>\(HTML.escape(block.stdout))</pre>") }
            if !block.stderr.isEmpty { body.append("<p class=\"meta\">stderr</p><pre>\(HTML.escape(block.stderr))</pre>") }
        }
        return HTML.page(title: "pyvs snippets: \(title ?? document)", body: body)
    }
}
