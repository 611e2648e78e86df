import Console
import Contract
import Foundation
import Measure

extension RunReport {
    /// One self-contained page: metadata, per scenario the side-by-side
    /// table, the full table, charts and verdicts, then the warnings.
    public func htmlText() -> String {
        var body = ["<h1>\(HTML.escape(heading))</h1>"]
        body += metadataLines.map { "<p class=\"meta\">\(HTML.escape($0))</p>" }
        body.append("<p class=\"meta\">command: <code>\(HTML.escape(command.joined(separator: " ")))</code> · \(HTML.escape(createdAt))</p>")
        for scenario in scenarios {
            body.append("<h2>\(HTML.escape(scenario.name)): \(HTML.escape(scenario.title))</h2>")
            body.append("<p class=\"meta\">parameters: <code>\(HTML.escape(paramsLine(for: scenario)))</code></p>")
            let found = findings(for: scenario)
            if !found.isEmpty { body.append(HTML.list(found, class: "findings")) }
            let summary = summaryLines(for: scenario) + flagNotes(for: scenario) + gilNotes(for: scenario)
            if !summary.isEmpty { body.append(HTML.list(summary, class: "verdicts")) }
            if let noise = noiseParagraph(for: scenario) { body.append("<p class=\"meta\">\(HTML.escape(noise))</p>") }
            if let between = buildsTable(for: scenario) {
                body.append("<h3>Python builds side by side</h3>")
                body.append("<p class=\"meta\">\(HTML.escape(buildsCaption(scenario)))</p>")
                body.append(HTML.table(between))
            }
            if let pairs = sideBySide(for: scenario) {
                body.append("<h3>Python beside Swift</h3>")
                body.append(HTML.table(pairs))
                let differing = differentModels(for: scenario)
                if !differing.isEmpty { body.append(HTML.list(differing, class: "verdicts")) }
            }
            body.append("<h3>All variants</h3>")
            // The status alone in its cell (a skipped row's reason made it
            // a tall narrow column); the reasons follow the table.
            let rows = table(for: scenario, compact: true)
            let statusColumn = rows.headers.count - 1
            body.append(HTML.table(rows) { row, column, _ in
                guard column == statusColumn else { return nil }
                let variant = scenario.variants[row]
                return variant.status != .ok ? HTML.statusClass(variant.status) : variant.resultOK == false ? "bad" : "ok"
            })
            let reasons = reasonLines(for: scenario)
            if !reasons.isEmpty { body.append(HTML.list(reasons, class: "verdicts")) }
            let charts = charts(for: scenario)
            if !charts.isEmpty {
                let others = Set(scenario.variants.map(\.language)).subtracting([.python, .swift])
                body.append("<p class=\"meta legend\">bars:<span style=\"background:\(BarChart.python)\"></span>Python"
                    + "<span style=\"background:\(BarChart.swift)\"></span>Swift"
                    + (others.isEmpty ? "" : "<span style=\"background:\(BarChart.other)\"></span>"
                        + HTML.escape(Language.allCases.filter(others.contains).map(\.name).joined(separator: ", "))) + "</p>")
                body.append("<div class=\"charts\">" + charts.map { "<div class=\"chart\">\($0.chart.svg())</div>" }.joined() + "</div>")
            }
        }
        let warnings = allWarnings
        if !warnings.isEmpty {
            body.append("<h2>Warnings</h2>")
            body += warnings.map { "<div class=\"warn\">\(HTML.escape($0))</div>" }
        }
        return HTML.page(title: "\(heading): " + scenarios.map(\.name).joined(separator: ", "), body: body)
    }

    /// Markdown with the charts as SVG files beside the report: returns the
    /// text and the files to write (name -> SVG). `stem` names the files.
    public func markdownWithCharts(stem: String) -> (text: String, files: [(name: String, svg: String)]) {
        var links: [String: [String]] = [:]
        var files: [(name: String, svg: String)] = []
        for scenario in scenarios {
            for (name, chart) in charts(for: scenario) {
                let file = "\(stem)-\(scenario.name)-\(name).svg"
                files.append((file, chart.svg(standalone: true)))
                links[scenario.name, default: []].append("![\(chart.title)](\(file))")
            }
            if let pairs = sideBySide(for: scenario) {
                let differing = differentModels(for: scenario).map { "\n- " + $0 }.joined()
                links[scenario.name, default: []].insert("### Python beside Swift\n\n" + pairs.markdown() + (differing.isEmpty ? "" : "\n" + differing), at: 0)
            }
        }
        return (markdownText(chartLinks: links), files)
    }
}
