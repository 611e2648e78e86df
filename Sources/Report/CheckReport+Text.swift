import Console
import Contract
import Foundation
import Markdown

/// `pyvs check`: the tutorial returned to its reader with the findings in
/// place — as a page, as the document's own Markdown with blockquotes, and
/// as a short summary for the terminal.
extension CheckReport: Renderable {
    public static var formats: [ReportFormat] { [.table, .md, .json, .html] }
    public static var kind: String { "a document check" }

    /// "claim X holds (2.1× measured)" lines and the counts.
    var claimCounts: String? {
        guard let claims else { return nil }
        let count = claims.count
        return "\(claims.claims.count) claims: \(count.holds) hold, \(count.doesNotHold) do not hold, \(count.notMeasurable) not measurable here"
    }

    /// What a claim's verdict says, per build when there are several
    /// ("holds: 1.02× measured" / "3.11: holds; 3.13t: does not hold").
    static func verdictLine(_ claim: ClaimResult) -> String {
        if let builds = claim.builds, builds.count > 1 {
            return builds.map { "\($0.build): \($0.verdict.words)" + ($0.measured.map { " (\(claim.stated.unit.quantity.format($0)))" } ?? "") }
                .joined(separator: "; ")
        }
        return claim.verdict.words + (claim.measured.map { " (measured \(claim.stated.unit.quantity.format($0)))" } ?? "")
    }

    /// A block's figures: wall, CPU, peak memory, what it ran at once.
    func figures(of block: SnippetResult) -> [String] {
        var figures: [String] = []
        if let wall = block.wallSeconds { figures.append("wall \(Format.duration(wall))") }
        if let cpu = block.cpuSeconds { figures.append("CPU \(Format.duration(cpu))") }
        if let peak = block.peakMemoryBytes { figures.append("peak memory \(Format.bytes(peak))") }
        if let ran = snippets.concurrency(of: block) { figures.append(ran) }
        return figures
    }

    /// One line per block: "block 3 (line 159): ok · wall 1.54 s · … · 3 processes, 0.03 cores".
    func blockLine(_ block: SnippetResult) -> String {
        var line = (["block \(block.index) (line \(block.line)): " + (block.runnable ? block.status.rawValue : "not run")] + figures(of: block))
            .joined(separator: " · ")
        if let reason = ProblemWords.reason(of: block) { line += " — " + reason }
        return line
    }

    var headerLines: [String] { headerLines(naming: true) }

    /// The header; `naming`: with the line that names the scenarios measured
    /// beside Swift (the page lists them as links of their own).
    func headerLines(naming runsLine: Bool) -> [String] {
        var lines = ["pyvs check: \(document)" + (title.map { " — \($0)" } ?? "")]
        lines.append("blocks: " + snippets.summary.line)
        lines.append(claimCounts.map { "claims: " + $0 } ?? "claims: " + (claimsNote ?? "none"))
        if claimCounts != nil, let claimsNote { lines.append("claims from: " + claimsNote) }
        if runsLine, let runs, !runs.scenarios.isEmpty {
            lines.append("measured beside Swift: " + runs.scenarios.map(\.name).joined(separator: ", ") + (quick ? " (--quick sizes)" : ""))
        }
        if let machine = runs?.machine ?? claims?.machine ?? snippets.machine {
            lines.append("machine: \(machine.cpuModel) · \(machine.cores) cores")
        }
        let builds = claims?.builds?.map(\.name) ?? runs?.builds?.map(\.name)
        if let builds, builds.count > 1 {
            lines.append("python builds: " + builds.joined(separator: ", "))
        } else if let python = snippets.python ?? claims?.python {
            lines.append("python: CPython \(python.version) · \(python.executable)")
        }
        if let sandbox = snippets.sandbox { lines.append("sandbox: \(sandbox)") }
        if incomplete == true { lines.append("incomplete: interrupted; what was measured before is here") }
        return lines
    }

    public func terminalText() -> String { terminalText(width: nil) }

    public func terminalText(width: Int?) -> String {
        var out = headerLines
        out.append("")
        out += snippets.blocks.filter { $0.runnable && $0.status != .ok }.map { "  " + blockLine($0) }
        if let claims {
            out.append("")
            for claim in claims.claims {
                out.append("  claim \(claim.id) (\(claim.line.map { "line \($0)" } ?? claim.section ?? "no line")): \(Self.verdictLine(claim))")
                if let reading = claim.reading { out.append("    read as \(ReadingWords.readAs(reading, measure: claim.measure))") }
            }
        }
        if let unjudged, !unjudged.isEmpty {
            out.append("")
            out.append("  \(unjudged.count) more statements found, not judged (--format json lists them with why)")
        }
        out.append("")
        out.append("The annotated document: pyvs check \(document) --format html -o page.html (or --format md).")
        return out.flatMap { Format.wrap($0, width: width) }.joined(separator: "\n") + "\n"
    }

    /// The document's own Markdown with the findings as blockquotes: after
    /// each code block its result, after a linked block its Swift side, and
    /// after a claim's paragraph (or the code block holding it) the verdict.
    public func markdownText() -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blocks = Extractor.blocks(in: text)
        var after: [Int: [String]] = [:]  // 1-based line -> blockquotes after it
        func endOfBlock(holding line: Int) -> Int {
            if let block = blocks.first(where: { $0.contains(line: line) }) { return min(block.endLine, lines.count) }
            var end = line
            while end < lines.count && !lines[end].trimmingCharacters(in: .whitespaces).isEmpty { end += 1 }
            return end
        }
        for block in snippets.blocks {
            var quote = ["**pyvs** · " + blockLine(block)]
            if let scenario = run(forBlockAt: block.line), let runs, let pairs = runs.sideBySide(for: scenario) {
                quote.append("measured beside Swift (`\(block.measuredBy ?? "pyvs run \(scenario.name)")`):")
                quote.append("")
                quote += pairs.markdown().split(separator: "\n").map(String.init)
            }
            after[endOfBlock(holding: block.line), default: []].append(quote.map { "> " + $0 }.joined(separator: "\n"))
        }
        for claim in claims?.claims ?? [] {
            let quote = "> **claim** “\(claim.quote.trimmingCharacters(in: .whitespaces))”: **\(Self.verdictLine(claim))** — \(claim.because(cores: claims?.machine.cores ?? 1))"
                + (claim.reading.map { "  \n> read as " + ReadingWords.readAs($0, measure: claim.measure) } ?? "")
            after[endOfBlock(holding: claim.line ?? lines.count), default: []].append(quote)
        }
        for found in unjudged ?? [] {
            after[endOfBlock(holding: found.line), default: []].append("> *not judged* “\(ReadingWords.shown(found))”: \(ReadingWords.notJudged(found))")
        }
        for line in after.keys.sorted(by: >) {
            lines.insert(contentsOf: after[line]!.flatMap { ["", $0] } + [""], at: min(line, lines.count))
        }
        let header = headerLines.enumerated().map { "> " + ($0.offset == 0 ? "**\($0.element)**" : $0.element) + "  " } + [""]
        return (header + lines).joined(separator: "\n")
    }
}
