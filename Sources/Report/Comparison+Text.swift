import Console
import Contract
import Foundation
import Measure

/// What changed between two saved runs, variant by variant: median wall
/// time and memory, with a Mann–Whitney test over the raw samples so that
/// noise is called "not significant" instead of a winner.
extension Comparison: Renderable {
    public static var formats: [ReportFormat] { [.table, .md, .json, .html] }
    public static var kind: String { "a comparison" }

    public init(a: RunReport, b: RunReport, nameA: String, nameB: String, alpha: Double = 0.05) {
        var rows: [Row] = []
        var unmatched: [String] = []
        let keyed = { (report: RunReport) -> [String: (String, VariantResult)] in
            var map: [String: (String, VariantResult)] = [:]
            for scenario in report.scenarios {
                for variant in scenario.variants { map["\(scenario.name) \(variant.label)"] = (scenario.name, variant) }
            }
            return map
        }
        let left = keyed(a), right = keyed(b)
        let memory = TreeMemory.kind(of: (a.scenarios + b.scenarios).flatMap(\.variants))
        let order = a.scenarios.flatMap { scenario in scenario.variants.map { "\(scenario.name) \($0.label)" } }
        for key in order {
            guard let (scenario, va) = left[key] else { continue }
            guard let (_, vb) = right[key] else { unmatched.append("\(key) (only in \(nameA))"); continue }
            guard let sa = va.wallSeconds, let sb = vb.wallSeconds, sa.median > 0 else { continue }
            let test = MannWhitney.test(sa.samples, sb.samples)
            let significant = (test?.p ?? 1) < alpha
            let change = (sb.median - sa.median) / sa.median
            let verdict: String
            if !significant {
                // With so few samples that no ordering reaches alpha, say so.
                verdict = MannWhitney.smallestP(sa.samples.count, sb.samples.count) >= alpha
                    ? "not significant (too few samples: \(sa.samples.count) and \(sb.samples.count); use --repeat 5 or more)"
                    : "not significant"
            } else {
                verdict = change > 0 ? "slower by \(Format.percent(change))" : "faster by \(Format.percent(-change))"
            }
            rows.append(Row(scenario: scenario, variant: va.label, wallA: sa.median, wallB: sb.median,
                            change: change, memoryA: va.treeMemory(memory), memoryB: vb.treeMemory(memory),
                            p: test?.p, significant: significant, verdict: verdict))
        }
        for key in right.keys.sorted() where left[key] == nil { unmatched.append("\(key) (only in \(nameB))") }
        var notes: [String] = []
        if a.machine.cpuModel != b.machine.cpuModel || a.machine.cores != b.machine.cores {
            notes.append("different machines: \(a.machine.cpuModel) (\(a.machine.cores) cores) and \(b.machine.cpuModel) (\(b.machine.cores) cores)")
        }
        if let pa = a.python?.version, let pb = b.python?.version, pa != pb {
            notes.append("different Pythons: \(pa) and \(pb)")
        }
        for scenario in a.scenarios {
            guard let other = b.scenarios.first(where: { $0.name == scenario.name }), other.params != scenario.params else { continue }
            let show = { (params: [String: Int]) in params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
            notes.append("\(scenario.name): different parameters (A \(show(scenario.params)); B \(show(other.params))), so the times measure different work")
        }
        self.init(a: nameA, b: nameB, alpha: alpha, rows: rows, unmatched: unmatched, notes: notes)
        self.memory = memory.rawValue
    }

    /// The rows the tables show.
    var shownRows: [Row] { hideInsignificant ? rows.filter(\.significant) : rows }

    /// "Geometric mean of B/A over 11 variants: 1.03 (B slower by 3.0 %)."
    public var summaryLine: String? {
        guard let mean = geometricMean else { return nil }
        let change = mean >= 1 ? "B slower by \(Format.percent(mean - 1))" : "B faster by \(Format.percent(1 - mean))"
        return "Geometric mean of B/A median wall over \(rows.count) variant\(rows.count == 1 ? "" : "s"): "
            + "\(Format.number(mean, digits: 3)) (\(change))."
            + (hideInsignificant ? " \(rows.count - shownRows.count) not significant, not shown." : "")
    }

    public func table() -> Table {
        var table = Table([("scenario", .left), ("variant", .left), ("A wall", .right), ("B wall", .right),
                           ("change", .right), ("A tree \(memory)", .right), ("B tree \(memory)", .right), ("p", .right), ("verdict", .left)])
        for row in shownRows {
            table.add([row.scenario, row.variant, Format.duration(row.wallA), Format.duration(row.wallB),
                       String(format: "%+.1f %%", row.change * 100), Format.bytes(row.memoryA), Format.bytes(row.memoryB),
                       row.p.map { String(format: "%.3f", $0) } ?? "–", row.verdict])
        }
        return table
    }

    var headerLines: [String] {
        ["A: \(a)", "B: \(b)", "Mann–Whitney U over the raw samples, two-sided, significant below p = \(Format.number(alpha, digits: 2))"]
            + notes.map { "note: " + $0 }
    }

    public func terminalText() -> String {
        var out = headerLines + [table().terminal()]
        out += summaryLine.map { [$0] } ?? []
        out += unmatched.map { "unmatched: " + $0 }
        return out.joined(separator: "\n") + "\n"
    }

    public func markdownText() -> String {
        var out = ["# pyvs compare", ""] + headerLines.map { "- " + $0 } + ["", table().markdown()]
        out += summaryLine.map { ["", $0] } ?? []
        if !unmatched.isEmpty { out += ["", "Unmatched:"] + unmatched.map { "- " + $0 } }
        return out.joined(separator: "\n") + "\n"
    }

    public func htmlText() -> String {
        var body = ["<h1>pyvs compare</h1>"] + headerLines.map { "<p class=\"meta\">\(HTML.escape($0))</p>" }
        body.append(HTML.table(table()) { index, column, _ in
            guard column == 8 else { return nil }
            let row = shownRows[index]
            return row.significant ? (row.change > 0 ? "bad" : "ok") : nil
        })
        if let summaryLine { body.append("<p><b>\(HTML.escape(summaryLine))</b></p>") }
        if !unmatched.isEmpty { body.append("<h2>Unmatched</h2>" + HTML.list(unmatched)) }
        return HTML.page(title: "pyvs compare", body: body)
    }
}

extension ComparisonSet: Renderable {
    public static var formats: [ReportFormat] { [.table, .md, .json, .html] }
    public static var kind: String { "a comparison" }

    /// Every run side by side: a row per variant of the first, its median
    /// wall in each run and the change against the first (* significant).
    public func sideBySide() -> Table {
        guard let first = comparisons.first else { return Table([("variant", .left)]) }
        var columns: [(String, Table.Alignment)] = [("scenario", .left), ("variant", .left), ("1: wall", .right)]
        for index in comparisons.indices { columns += [("\(index + 2): wall", .right), ("change", .right)] }
        var table = Table(columns)
        for row in first.rows {
            var cells = [row.scenario, row.variant, Format.duration(row.wallA)]
            for comparison in comparisons {
                if let match = comparison.rows.first(where: { $0.scenario == row.scenario && $0.variant == row.variant }) {
                    cells += [Format.duration(match.wallB), String(format: "%+.1f %%", match.change * 100) + (match.significant ? "*" : "")]
                } else {
                    cells += ["–", ""]
                }
            }
            table.add(cells)
        }
        return table
    }

    var legend: [String] {
        ["1: \(comparisons.first?.a ?? "")"] + comparisons.enumerated().map { "\($0.offset + 2): \($0.element.b)" }
            + ["change: against 1; * significant (Mann–Whitney U, p < \(Format.number(comparisons.first?.alpha, digits: 2)))"]
    }

    public func terminalText() -> String {
        ([legend.joined(separator: "\n"), sideBySide().terminal(), ""] + comparisons.map { $0.terminalText() }).joined(separator: "\n")
    }

    public func markdownText() -> String {
        (["# pyvs compare", ""] + legend.map { "- " + $0 } + ["", sideBySide().markdown(), ""] + comparisons.map { $0.markdownText() })
            .joined(separator: "\n")
    }

    public func htmlText() -> String {
        let page = comparisons.map { $0.htmlText() }
        // One page: the bodies of each comparison's page, one after another.
        let bodies = page.compactMap { html -> String? in
            guard let start = html.range(of: "<body>"), let end = html.range(of: "</body>") else { return nil }
            return String(html[start.upperBound..<end.lowerBound])
        }
        let overview = ["<h1>pyvs compare: \(comparisons.count + 1) runs side by side</h1>", HTML.list(legend, class: "meta"),
                        HTML.table(sideBySide())]
        return HTML.page(title: "pyvs compare", body: overview + bodies)
    }
}
