import Console
import Contract
import Foundation
import Measure

extension ClaimVerdict {
    public var words: String {
        switch self {
        case .holds: return "holds"
        case .doesNotHold: return "does not hold"
        case .notMeasurable: return "not measurable here"
        }
    }

    /// As a table cell.
    public var cell: String { self == .notMeasurable ? "not measurable" : words }
}

extension ClaimResult {
    /// "004.txt:3123", or "000 §1.2".
    public var place: String {
        if let line { return "\(document):\(line)" }
        return [document, section].compactMap { $0 }.joined(separator: " ")
    }
}

/// Renderings of `pyvs claims`: one row per claim, its verdict and why.
extension ClaimsReport: Renderable {
    public static var kind: String { "a claims report" }
    public func csvText() -> String? { csvRows() }

    /// The runs behind the verdicts, as `pyvs run` would report them.
    var runReport: RunReport {
        var report = RunReport(command: [], machine: machine, python: python, scenarios: runs, warnings: warnings)
        report.pyvs = pyvs
        report.builds = builds
        return report
    }

    /// The document's name up to its first "_" or ".", and the line ("004:3123").
    static func shortPlace(_ claim: ClaimResult) -> String {
        let stem = claim.document.split(whereSeparator: { $0 == "_" || $0 == "." }).first.map(String.init) ?? claim.document
        if let line = claim.line { return "\(stem):\(line)" }
        return [stem, claim.section].compactMap { $0 }.joined(separator: " ")
    }

    static func measured(_ claim: ClaimResult) -> String {
        guard let value = claim.measured else { return "–" }
        return claim.stated.unit.quantity.format(value)
    }

    /// The build names, when several were measured.
    var buildNames: [String]? { builds.map { $0.map(\.name) } }

    /// One row per claim: its measured figure and verdict, or with several
    /// builds a "verdict (figure)" column per build.
    public func table(short: Bool) -> Table {
        guard let names = buildNames else {
            var table = Table([("#", .right), ("claim", .left), ("where", .left), ("stated", .left), ("measured", .right), ("verdict", .left)])
            for (index, claim) in claims.enumerated() {
                table.add([String(index + 1), claim.quote.trimmingCharacters(in: .whitespaces),
                           short ? Self.shortPlace(claim) : claim.place, claim.stated.text, Self.measured(claim), claim.verdict.cell])
            }
            return table
        }
        var table = Table([("#", .right), ("claim", .left), ("where", .left), ("stated", .left)] + names.map { ($0, .left) })
        for (index, claim) in claims.enumerated() {
            let cells = names.map { name -> String in
                // A claim about a Swift row has one verdict, the same for every build.
                guard let perBuild = claim.builds else { return Self.cell(claim.verdict, claim.measured, claim) }
                guard let verdict = perBuild.first(where: { $0.build == name }) else { return "–" }
                return Self.cell(verdict.verdict, verdict.measured, claim)
            }
            table.add([String(index + 1), claim.quote.trimmingCharacters(in: .whitespaces),
                       short ? Self.shortPlace(claim) : claim.place, claim.stated.text] + cells)
        }
        return table
    }

    static func cell(_ verdict: ClaimVerdict, _ measured: Double?, _ claim: ClaimResult) -> String {
        guard let measured else { return verdict.cell }
        return "\(verdict.cell) (\(claim.stated.unit.quantity.format(measured)))"
    }

    /// Where the claim's own scope explains a verdict that differs between
    /// builds: "about GIL builds; on 3.13t (GIL off) it does not hold".
    static func scopeNote(_ claim: ClaimResult) -> String? {
        guard let scope = claim.scope, let perBuild = claim.builds, Set(perBuild.map(\.verdict)).count > 1 else { return nil }
        let outside = perBuild.filter { scope == .gilBuilds ? $0.gilEnabled == false : $0.gilEnabled == true }
        guard !outside.isEmpty else { return nil }
        let state = scope == .gilBuilds ? "GIL off" : "GIL on"
        return "the claim is about \(scope == .gilBuilds ? "GIL builds" : "free-threaded builds"); "
            + outside.map { "on \($0.build) (\(state)) it \($0.verdict.words)" }.joined(separator: ", ")
            + ", which the claim does not speak of."
    }

    /// Said once when some verdicts rest on fewer than 3 runs.
    public var conclusivenessLine: String? {
        let thin = claims.filter { $0.verdict != .notMeasurable && !$0.conclusive }
        guard !thin.isEmpty else { return nil }
        let fewest = thin.map(\.samples).min() ?? 0
        let runs = fewest == 1 ? "1 run" : "\(fewest) runs"
        return (thin.count == 1 ? "1 verdict rests on \(runs)" : "\(thin.count) verdicts rest on \(runs) each")
            + ", which is not conclusive: run without --quick (or with --repeat 3 or more)."
    }

    public var summaryLine: String {
        let head = "\(claims.count) claim\(claims.count == 1 ? "" : "s")"
        func counted(_ verdicts: [ClaimVerdict]) -> String {
            let (holds, doesNot) = (verdicts.filter { $0 == .holds }.count, verdicts.filter { $0 == .doesNotHold }.count)
            return "\(holds) \(holds == 1 ? "holds" : "hold"), \(doesNot) \(doesNot == 1 ? "does" : "do") not hold, "
                + "\(verdicts.count - holds - doesNot) not measurable here"
        }
        guard let names = buildNames else { return head + ": " + counted(claims.map(\.verdict)) + "." }
        return head + " — " + names.map { name in
            "on \(name): " + counted(claims.map { claim in claim.builds.map { $0.first { $0.build == name }?.verdict ?? .notMeasurable } ?? claim.verdict })
        }.joined(separator: "; ") + "."
    }

    /// Each claim's meaning, verdict and reason (per build, with several);
    /// its note and scope; the command behind it.
    var details: [(verdict: String, note: String?, command: String)] {
        claims.map { claim in
            let verdicts = claim.builds.map { perBuild in
                perBuild.map { "on \($0.build) \($0.verdict.words) — \($0.because(in: claim, cores: machine.cores))" }.joined(separator: "; ")
            } ?? "\(claim.verdict.words) — \(claim.because(cores: machine.cores))"
            let notes = [claim.note.map { "note: \($0)." }, Self.scopeNote(claim)].compactMap { $0 }
            return ("\(claim.meaning ?? claim.id) (\(claim.place)): \(verdicts).", notes.isEmpty ? nil : notes.joined(separator: " "),
                    claim.command)
        }
    }

    var closingLines: [String] { [summaryLine] + (conclusivenessLine.map { [$0] } ?? []) }

    public func terminalText() -> String { terminalText(width: nil) }

    public func terminalText(width: Int?) -> String {
        var out: [String] = []
        func say(_ lines: [String]) { out += lines.flatMap { Format.wrap($0, width: width) } }
        say(runReport.metadataLines + ["", "claims: \(claimsFile)"])
        let full = table(short: width != nil)
        out.append((width.map { full.fitted(to: $0, dropping: ["#"], shrinking: ["claim"]) } ?? full).terminal())
        for (index, detail) in details.enumerated() {
            say(["\(index + 1). " + detail.verdict])
            say(([detail.note].compactMap { $0 } + ["repeat: " + detail.command]).map { "     " + $0 })
        }
        say([""] + closingLines + warnings.map { "warning: " + $0 })
        return out.joined(separator: "\n") + "\n"
    }

    public func markdownText() -> String {
        var out = ["# pyvs claims", ""] + runReport.metadataLines.map { "- " + $0 } + ["- claims: `\(claimsFile)`", ""]
        out.append(table(short: false).markdown())
        out += ["", "**\(summaryLine)**"] + (conclusivenessLine.map { ["", $0] } ?? []) + [""]
        out += details.enumerated().map { index, detail in
            "\(index + 1). " + ([detail.verdict] + [detail.note].compactMap { $0 } + ["`\(detail.command)`"]).joined(separator: " ")
        }
        if !warnings.isEmpty { out += [""] + warnings.map { "> warning: " + $0 } }
        out += ["", "## The runs behind the verdicts", ""]
        for scenario in runs {
            out += ["### \(scenario.name): \(scenario.title)", "", "Parameters: `\(runReport.paramsLine(for: scenario))`", ""]
            out += [runReport.table(for: scenario).markdown(), ""]
        }
        return out.joined(separator: "\n")
    }

    public func htmlText() -> String {
        var body = ["<h1>pyvs claims</h1>"]
        body += runReport.metadataLines.map { "<p class=\"meta\">\(HTML.escape($0))</p>" }
        body.append("<p class=\"meta\">claims: <code>\(HTML.escape(claimsFile))</code></p>")
        let verdictColumns = buildNames.map { 4..<(4 + $0.count) } ?? 5..<6
        body.append(HTML.table(table(short: false)) { row, column, _ in
            guard verdictColumns.contains(column) else { return nil }
            let claim = claims[row]
            // As the cell says: one verdict for every build of a claim about a Swift row, else the build's own.
            let verdict = buildNames.flatMap { names in claim.builds.map { $0.first { $0.build == names[column - 4] }?.verdict } } ?? claim.verdict
            switch verdict {
            case .doesNotHold: return "bad"
            case .holds: return "ok"
            default: return "skip"
            }
        })
        body.append("<p><b>\(HTML.escape(summaryLine))</b></p>")
        if let line = conclusivenessLine { body.append("<p class=\"warn\">\(HTML.escape(line))</p>") }
        body.append("<ol class=\"verdicts\">" + details.map { detail in
            "<li>" + HTML.escape(([detail.verdict] + [detail.note].compactMap { $0 }).joined(separator: " "))
                + " <code>\(HTML.escape(detail.command))</code></li>"
        }.joined() + "</ol>")
        body += warnings.map { "<p class=\"warn\">\(HTML.escape($0))</p>" }
        body.append("<h2>The runs behind the verdicts</h2>")
        for scenario in runs {
            body.append("<h3>\(HTML.escape(scenario.name)): \(HTML.escape(scenario.title))</h3>")
            body.append("<p class=\"meta\">Parameters: <code>\(HTML.escape(runReport.paramsLine(for: scenario)))</code></p>")
            body.append(HTML.table(runReport.table(for: scenario)))
        }
        return HTML.page(title: "pyvs claims", body: body)
    }

}
