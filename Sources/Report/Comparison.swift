import Console
import Foundation
import Measure

/// What changed between two saved runs, variant by variant: median wall
/// time and memory, with a Mann–Whitney test over the raw samples so that
/// noise is called "not significant" instead of a winner.
public struct Comparison: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var scenario: String
        public var variant: String
        public var wallA: Double
        public var wallB: Double
        /// (B − A) / A: positive means B is slower.
        public var change: Double
        public var memoryA: Int?
        public var memoryB: Int?
        public var p: Double?
        public var significant: Bool
        public var verdict: String

        enum CodingKeys: String, CodingKey {
            case scenario, variant, wallA = "wall_a_s", wallB = "wall_b_s", change, memoryA = "memory_a_bytes"
            case memoryB = "memory_b_bytes", p, significant, verdict
        }
    }

    public var schema = "pyvs.compare/1"
    public var a: String
    public var b: String
    public var alpha: Double
    public var rows: [Row]
    /// Variants measured in one run only.
    public var unmatched: [String]
    public var notes: [String]

    public init(a: RunReport, b: RunReport, nameA: String, nameB: String, alpha: Double = 0.05) {
        self.a = nameA
        self.b = nameB
        self.alpha = alpha
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
                verdict = sa.samples.count < 4 || sb.samples.count < 4
                    ? "not significant (too few samples: \(sa.samples.count) and \(sb.samples.count); use --repeat 5 or more)"
                    : "not significant"
            } else {
                verdict = change > 0 ? "slower by \(Format.percent(change))" : "faster by \(Format.percent(-change))"
            }
            rows.append(Row(scenario: scenario, variant: va.label, wallA: sa.median, wallB: sb.median,
                            change: change, memoryA: va.treePeakRSSBytes, memoryB: vb.treePeakRSSBytes,
                            p: test?.p, significant: significant, verdict: verdict))
        }
        for key in right.keys.sorted() where left[key] == nil { unmatched.append("\(key) (only in \(nameB))") }
        self.rows = rows
        self.unmatched = unmatched
        var notes: [String] = []
        if a.machine.cpuModel != b.machine.cpuModel || a.machine.cores != b.machine.cores {
            notes.append("different machines: \(a.machine.cpuModel) (\(a.machine.cores) cores) and \(b.machine.cpuModel) (\(b.machine.cores) cores)")
        }
        if let pa = a.python?.version, let pb = b.python?.version, pa != pb {
            notes.append("different Pythons: \(pa) and \(pb)")
        }
        self.notes = notes
    }

    /// Variants significantly slower in B by more than `percent`.
    public func regressions(over percent: Double) -> [Row] {
        rows.filter { $0.significant && $0.change * 100 > percent }
    }

    public func table() -> Table {
        var table = Table([("scenario", .left), ("variant", .left), ("A wall", .right), ("B wall", .right),
                           ("change", .right), ("A tree RSS", .right), ("B tree RSS", .right), ("p", .right), ("verdict", .left)])
        for row in rows {
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
        out += unmatched.map { "unmatched: " + $0 }
        return out.joined(separator: "\n") + "\n"
    }

    public func markdownText() -> String {
        var out = ["# pyvs compare", ""] + headerLines.map { "- " + $0 } + ["", table().markdown()]
        if !unmatched.isEmpty { out += ["", "Unmatched:"] + unmatched.map { "- " + $0 } }
        return out.joined(separator: "\n") + "\n"
    }

    public func htmlText() -> String {
        var body = ["<h1>pyvs compare</h1>"] + headerLines.map { "<p class=\"meta\">\(HTML.escape($0))</p>" }
        body.append(HTML.table(table()) { index, column, _ in
            guard column == 8 else { return nil }
            let row = rows[index]
            return row.significant ? (row.change > 0 ? "bad" : "ok") : nil
        })
        if !unmatched.isEmpty { body.append("<h2>Unmatched</h2>" + HTML.list(unmatched)) }
        return HTML.page(title: "pyvs compare", body: body)
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
