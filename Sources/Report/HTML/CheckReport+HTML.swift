import Console
import Contract
import Foundation
import Markdown

/// `pyvs check --format html`: the document itself, rendered as GitHub
/// renders Markdown, with a result strip after every code block, the Swift
/// side after every block a scenario stands for, every claim marked at its
/// line with its verdict, and a summary at the top whose entries link to
/// their places. One self-contained page: no scripts, fonts or requests.
extension CheckReport {
    static let checkStyle = """
    article{max-width:860px;margin:0 auto;font-size:15px;line-height:1.6}
    article pre{max-height:none;font-size:13px}
    article img,article table{max-width:100%}
    article table{display:block;overflow-x:auto}
    .summary{border:1px solid #dde;border-radius:8px;padding:.6em 1em;margin:1em auto;max-width:860px;background:#fafbfd}
    .summary ul{margin:.3em 0;padding-left:1.2em}
    .strip{border-left:4px solid #17703a;background:#f2f8f4;padding:.4em .8em;margin:-.4em 0 1em;font-size:13px;border-radius:0 6px 6px 0}
    .strip.bad{border-color:#b3261e;background:#fcf1f0}.strip.skip{border-color:#c9a800;background:#fffbe6}.strip.none{border-color:#aab;background:#f5f6f8}
    .strip .status{font-weight:700;text-transform:uppercase;font-size:12px;margin-right:.4em}
    .strip details{margin-top:.3em}.strip pre{max-height:14em;margin:.3em 0}
    .beside{border:1px solid #cfd6e4;border-radius:8px;padding:.4em .9em;margin:0 0 1.2em;background:#fff}
    .beside h4{margin:.3em 0}.beside td:first-child{white-space:normal;min-width:12em}
    mark.claim{padding:0 .15em;border-radius:3px}
    mark.holds{background:#d9f2df}mark.does_not_hold{background:#fbd9d5}mark.not_measurable{background:#fff0b8}
    div.claim{border-left:4px solid #6b7280;padding:.4em .8em;margin:0 0 1em;font-size:13px;border-radius:0 6px 6px 0;background:#f6f7f9}
    div.claim.holds{border-color:#17703a;background:#f2f8f4}div.claim.does_not_hold{border-color:#b3261e;background:#fcf1f0}
    div.claim.not_measurable{border-color:#c9a800;background:#fffbe6}div.claim.unjudged{border-color:#d1d5db;background:#fafafa;color:#4b5563}
    .verdict{font-weight:700}
    @media (max-width:600px){body{margin:.5em auto;padding:0 .6em}article{font-size:14px}.charts{grid-template-columns:1fr}}
    """

    static func cssClass(_ verdict: ClaimVerdict) -> String { verdict.rawValue }

    /// A quote as its text appears once Markdown is read: without the list
    /// marker, heading or comment sign it was quoted with ("4. ", "- ", "# ").
    static func markable(_ quote: String) -> String {
        var text = quote.trimmingCharacters(in: .whitespaces)
        if let marker = text.range(of: #"^(\d+[.)]|[-*+#]+)\s+"#, options: .regularExpression) { text.removeSubrange(marker) }
        return text
    }

    /// The strip after a code block: status, reason, figures, output folded.
    func strip(_ block: SnippetResult) -> String {
        let figures = figures(of: block)
        var html = "<div class=\"strip \(block.runnable ? HTML.statusClass(block.status) : "none")\" id=\"block-\(block.index)\">"
        html += "<span class=\"status\">\(HTML.escape(block.runnable ? block.status.rawValue : "not run"))</span>"
        html += "block \(block.index) · line \(block.line)" + (figures.isEmpty ? "" : " · " + HTML.escape(figures.joined(separator: " · ")))
        if let reason = ProblemWords.reason(of: block) { html += "<br>\(HTML.escape(reason))" }
        let output = [("stdout", block.stdout), ("stderr", block.stderr)].filter { !$0.1.isEmpty }
        if !output.isEmpty {
            let count = output.reduce(0) { $0 + $1.1.split(separator: "\n").count }
            html += "<details><summary>output (\(count) line\(count == 1 ? "" : "s"))</summary>"
                + output.map { "<pre class=\"\($0.0)\">\(HTML.escape($0.1))</pre>" }.joined() + "</details>"
        }
        return html + "</div>"
    }

    /// The Swift side of a block a scenario stands for: its table, its
    /// charts, and the command that repeats it.
    func beside(_ block: SnippetResult, _ scenario: ScenarioResult, in runs: RunReport) -> String {
        var html = "<div class=\"beside\" id=\"run-\(block.index)\"><h4>The same work beside Swift: \(HTML.escape(scenario.name)) — \(HTML.escape(scenario.title))</h4>"
        if let command = block.measuredBy { html += "<p class=\"meta\">repeat it: <code>\(HTML.escape(command))</code></p>" }
        if let pairs = runs.sideBySide(for: scenario) {
            html += HTML.table(pairs)
        } else {
            html += HTML.table(runs.table(for: scenario))
        }
        let notes = runs.summaryLines(for: scenario)
        if !notes.isEmpty { html += HTML.list(notes, class: "verdicts") }
        let charts = runs.charts(for: scenario)
        if !charts.isEmpty { html += "<div class=\"charts\">" + charts.map { "<div class=\"chart\">\($0.chart.svg())</div>" }.joined() + "</div>" }
        return html + "</div>"
    }

    /// The callout after a claim's paragraph (or the code block holding it).
    func callout(_ claim: ClaimResult) -> String {
        let cores = claims?.machine.cores ?? 1
        let css = Self.cssClass(claim.verdict)
        var html = "<div class=\"claim \(css)\" id=\"claim-\(HTML.escape(claim.id))\"><b>claim</b> (line \(claim.line.map(String.init) ?? "–")) "
            + "“\(HTML.escape(claim.quote.trimmingCharacters(in: .whitespaces)))” — stated \(HTML.escape(claim.stated.text)): "
            + "<span class=\"verdict\">\(HTML.escape(Self.verdictLine(claim)))</span><br>\(HTML.escape(claim.because(cores: cores)))"
        if let builds = claim.builds, builds.count > 1 {
            html += HTML.list(builds.map { "\($0.build): \($0.verdict.words) — \($0.because(in: claim, cores: cores))" })
        }
        if let reading = claim.reading { html += "<br>read as: \(HTML.escape(ReadingWords.readAs(reading, measure: claim.measure)))" }
        if let note = claim.note { html += "<br><i>\(HTML.escape(note))</i>" }
        if !claim.command.isEmpty { html += "<br>repeat it: <code>\(HTML.escape(claim.command))</code>" }
        return html + "</div>"
    }

    /// The summary at the top: blocks, claims, machine and builds, each
    /// entry a link to its place in the page.
    var summaryBox: String {
        var html = "<nav class=\"summary\"><b>\(HTML.escape(snippets.summary.line))</b>"
        let notOK = snippets.blocks.filter { $0.runnable && $0.status != .ok }
        if !notOK.isEmpty {
            html += "<ul>" + notOK.map { "<li><a href=\"#block-\($0.index)\">block \($0.index) (line \($0.line))</a>: \(HTML.escape($0.status.rawValue))"
                + (ProblemWords.reason(of: $0).map { " — " + HTML.escape(String($0.prefix(120))) } ?? "") + "</li>" }.joined() + "</ul>"
        }
        if let claims, let counts = claimCounts {
            html += (notOK.isEmpty ? "<br>" : "") + "<b>\(HTML.escape(counts))</b><ul>" + claims.claims.map { claim in
                "<li><a href=\"#claim-\(HTML.escape(claim.id))\">line \(claim.line.map(String.init) ?? "–")</a>: "
                    + "<span class=\"verdict\">\(HTML.escape(Self.verdictLine(claim)))</span> — \(HTML.escape(claim.quote.trimmingCharacters(in: .whitespaces)))</li>"
            }.joined() + "</ul>"
        } else {
            html += "<p>\(HTML.escape(claimsNote ?? "no claims were checked"))</p>"
        }
        let linked = snippets.blocks.filter { run(forBlockAt: $0.line) != nil }
        if !linked.isEmpty {
            html += "<b>measured beside Swift\(quick ? " (--quick sizes)" : "")</b><ul>" + linked.map { block in
                "<li><a href=\"#run-\(block.index)\">block \(block.index) (line \(block.line))</a>: \(HTML.escape(run(forBlockAt: block.line)?.name ?? ""))</li>"
            }.joined() + "</ul>"
        }
        html += headerLines(naming: false).dropFirst(3).map { "<p class=\"meta\">\(HTML.escape($0))</p>" }.joined()
        return html + "</nav>"
    }

    public func htmlText() -> String {
        var annotations: [MarkdownPage.Annotation] = []
        for block in snippets.blocks {
            var html = strip(block)
            if let scenario = run(forBlockAt: block.line), let runs { html += beside(block, scenario, in: runs) }
            annotations.append(MarkdownPage.Annotation(line: block.line, html: html))
        }
        for found in unjudged ?? [] {
            annotations.append(MarkdownPage.Annotation(line: found.line, html: "<div class=\"claim unjudged\"><b>not judged</b> (line \(found.line)) "
                + "“\(HTML.escape(ReadingWords.shown(found)))”: \(HTML.escape(ReadingWords.notJudged(found)))</div>"))
        }
        for claim in claims?.claims ?? [] {
            let css = Self.cssClass(claim.verdict)
            // A claim pyvs read itself is marked at its stated words; one from a claims file at its quote.
            let quote = claim.reading == nil ? Self.markable(claim.quote) : claim.stated.text
            let mark = MarkdownPage.Annotation.Mark(
                text: quote, open: "<mark class=\"claim \(css)\" title=\"\(HTML.escape(Self.verdictLine(claim)))\">",
                close: "</mark>")
            annotations.append(MarkdownPage.Annotation(line: claim.line ?? Int.max, html: callout(claim), mark: mark))
        }
        let body = [
            "<style>\(Self.checkStyle)</style>",
            "<p class=\"meta\"><b>pyvs check</b> · \(HTML.escape(document)) · \(HTML.escape(createdAt))"
                + (incomplete == true ? " · <b class=\"bad\">incomplete: interrupted</b>" : "") + "</p>",
            summaryBox,
            "<article>" + MarkdownPage.html(text, annotations: annotations) + "</article>",
        ]
        return HTML.page(title: "pyvs check: \(title ?? document)", body: body)
    }
}
