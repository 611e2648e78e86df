import ArgumentParser
import Bench
import Claims
import Console
import Contract
import Foundation
import Report

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a tutorial: run its blocks, judge its claims, measure its examples beside Swift, and annotate it.",
        discussion: """
        For one Markdown document: its Python blocks run as `pyvs snippets` runs them (sandboxed, with the \
        same options); the claims that the claims file (--claims, by default the reference file pyvs ships) \
        makes about this document are judged as `pyvs claims` judges them — where no claims file names it, the \
        claims pyvs reads in the document itself, each with how it was read; the scenarios the claims file \
        links to the document's blocks are measured Python beside Swift (--quick for a fast preview). \
        --format html writes the document itself with the findings in place: a result strip after each \
        code block, the Swift side after each linked block, each claim marked at its line with its verdict, \
        a summary at the top; --format md writes the document's Markdown with the findings as blockquotes; \
        --format json one pyvs.check/1 document. Exit status as for snippets: 1 when a block failed.

        Examples:
          pyvs check guide.md --quick --format html -o guide.html
          pyvs check guide.md --claims my-claims.json --format md -o guide.checked.md
        """)

    /// The document and everything `pyvs snippets` takes (its --claims names the claims file).
    @OptionGroup var snippets: SnippetsCommand
    @OptionGroup var measure: MeasureOptions

    func run() throws {
        let output = snippets.output
        let text = try snippets.read()
        let name = URL(fileURLWithPath: snippets.document).lastPathComponent
        let claimsPath = snippets.claims ?? ClaimChecker.builtInFile
        let file = try snippets.claimsFile()
        // Only what the claims file says about this document: by its name, else by the quotes its text holds.
        var mine: ClaimsFile?
        var note: String?
        if let file {
            let (found, match) = DocumentClaims.about(document: name, text: text, in: file)
            mine = found
            switch match {
            case .byName: break
            case let .byQuotes(document, count, of):
                note = "\(document)'s claims in \(claimsPath), whose quotes this document holds (\(count) of \(of))"
            case .none(let named):
                note = "no claims file names this document: \(claimsPath) is about \(named.joined(separator: ", ")), and this document holds too few of its quotes"
            }
        } else {
            note = "no claims file names this document (none given, and pyvs's own is not installed)"
        }
        // No claims file speaks of it: its claims as pyvs reads them.
        var unjudged: [UnjudgedClaim]?
        if mine == nil {
            let found = FoundClaims.read(text, document: name)
            mine = found
            unjudged = found.unjudged
            note = found.claims.isEmpty && (found.unjudged ?? []).isEmpty
                ? "no claims file names it, and pyvs found no claims in it"
                : "the document, as pyvs read it: \(found.claims.count) judged by a scenario, \(found.unjudged?.count ?? 0) not "
                    + "(no claims file names it; pyvs claims --scan \(name) --format json writes them as a claims file to edit)"
        }
        try output.checkWritable(for: CheckReport.self)
        let progress = ProgressLine(enabled: !output.noProgress)
        // The blocks run on the first build named; claims and scenarios on every one.
        var (blocks, _) = try snippets.runBlocks(text: text, links: mine, journal: false, firstBuild: true, progress: progress)
        if measure.quick {
            for index in blocks.blocks.indices where blocks.blocks[index].measuredBy != nil { blocks.blocks[index].measuredBy! += " --quick" }
        }
        let options = try measure.runOptions(limits: snippets.limits)
        var claims: ClaimsReport?
        var runs: RunReport?
        let interrupted = { Session.supervisor.interruption.signal != nil }
        let links = mine?.blocks ?? []
        let scenarios = links.map(\.scenario).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            .compactMap { Catalogue.scenario(named: $0) }
        // The machine and the builds read once, for the claims and the scenarios.
        let collected = (mine?.claims.isEmpty == false || !scenarios.isEmpty) && !interrupted()
            ? RunMetadata.collect(options: options, progress: progress, supervisor: Session.supervisor) : nil
        if let mine, !mine.claims.isEmpty, !interrupted() {
            var report = ClaimChecker.check(mine, path: claimsPath, options: options, progress: progress, supervisor: Session.supervisor,
                                            collected: collected)
            for index in report.claims.indices { report.claims[index].command = CommandLines.repeating(mine.claims[index]) }
            claims = report
            progress.finish()
        }
        if !scenarios.isEmpty, !interrupted() {
            runs = RunMetadata.measure(scenarios, runner: Runner(options: options, progress: progress, supervisor: Session.supervisor),
                                       command: ["pyvs", "run"] + scenarios.map(\.name) + (measure.quick ? ["--quick"] : []), collected: collected)
            progress.finish()
        }
        var report = CheckReport(document: name, text: text, snippets: blocks, claims: claims, runs: runs, links: links, quick: measure.quick)
        report.title = blocks.title
        report.claimsFile = file == nil ? nil : claimsPath
        report.claimsNote = note
        report.unjudged = unjudged
        report.pyvs = RunMetadata.pyvsRecord
        if interrupted() || blocks.incomplete == true { report.incomplete = true }
        try output.write(report)
        if !blocks.allOK { throw ExitCode.failure }
    }
}
