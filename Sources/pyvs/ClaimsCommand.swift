import ArgumentParser
import Bench
import Claims
import Console
import Contract
import Foundation
import Measure
import Report
import Snippets

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Check a document's numeric claims: run the experiment behind each and give a verdict.",
        discussion: """
        Each claim of the claims file (JSON, schema pyvs.claims-file/1) quotes the document, says where \
        (document and line), states a value or range with its unit, and names the scenario, variant, \
        parameters and figure that test it. pyvs runs each scenario once per set of parameters, with only \
        the variants the claims need, and prints one row per claim: holds, does not hold (with the measured \
        figure), or not measurable here (with why). Without --file it checks the claims of the reference \
        document that pyvs ships. docs/claims.md shows how to write a claims file for a document of your own; \
        --scan DOC.md lists the document's statements about concurrency, how each was read and the scenario that judges it \
        (--format json: a claims file to edit and pass back with --file). \
        Exit status 0 whatever the verdicts; 65 when the claims file is not usable, 66 when it cannot be read.

        Examples:
          pyvs claims --quick
          pyvs claims --file my-claims.json --format html -o claims.html
          pyvs claims --only thread-switch-5-10us,coroutine-switch-0.1-0.5us --repeat 10
          pyvs claims --scan guide.md --format json -o guide-claims.json
        """)

    @Option(help: "The claims file (default: the reference document's claims that pyvs ships).")
    var file: String?

    @Option(help: "Only these claims (comma-separated ids).")
    var only: String?

    @Option(help: ArgumentHelp("List this document's statements about concurrency, how each was read and which scenario judges it (--format json: a claims file) instead of checking claims.", valueName: "DOC.md"))
    var scan: String?

    /// What tools/claims-train.py learns from: each line the line model weighs, with its features (JSON lines).
    @Option(help: ArgumentHelp("Print the features the claim-line model weighs for each line of DOC.md (JSON lines, for tools/claims-train.py).",
                               valueName: "DOC.md", visibility: .hidden))
    var lineFeatures: String?

    @OptionGroup var measure: MeasureOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var output: OutputOptions

    /// A claims file, or the error and exit code saying why not (66 missing, 65 unusable).
    static func load(_ path: String) throws -> ClaimsFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure.missingInput("cannot read the claims file \(path): no such file")
        }
        do { return try ClaimChecker.load(path) } catch let problem as ClaimChecker.Problem {
            throw CommandFailure(message: problem.description, status: .unusableInput)
        }
    }

    /// --line-features: one JSON object a line, {"line": N, "features": {name: value}}.
    func printLineFeatures(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let rows = try ClaimLineModel.lines(readDocument(path)).map { line in
            String(decoding: try encoder.encode(LineFeatures(line: line.line, features: line.features)), as: UTF8.self)
        }
        do { try Output.write(rows.map { $0 + "\n" }.joined(), to: output.output) } catch let error as Output.CannotWrite {
            throw CommandFailure.cannotWrite("\(error)")
        }
    }

    struct LineFeatures: Encodable { var line: Int; var features: [String: Double] }

    /// --scan: the document's candidate claims, as a list or a draft claims file.
    func scanDocument(_ path: String) throws {
        guard [.table, .json].contains(output.format) else {
            throw CommandFailure(message: "--scan writes a table or json (a claims file); got --format \(output.format.rawValue)", status: .usage)
        }
        let text = try readDocument(path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        let found = FoundClaims.read(text, document: name)
        let rendered: String
        if output.format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            rendered = String(decoding: try encoder.encode(found), as: UTF8.self) + "\n"
        } else {
            let toTerminal = output.output == nil || output.output == "-"
            let width = output.wide || !toTerminal ? nil : Format.terminalColumns() ?? 80
            rendered = ReadingWords.scanLines(found, document: name).flatMap { Format.wrap($0, width: width) }.joined(separator: "\n") + "\n"
        }
        do { try Output.write(rendered, to: output.output) } catch let error as Output.CannotWrite { throw CommandFailure.cannotWrite("\(error)") }
    }

    func run() throws {
        if let scan { return try scanDocument(scan) }
        if let lineFeatures { return try printLineFeatures(lineFeatures) }
        let path = file ?? ClaimChecker.builtInFile
        var claims = try Self.load(path)
        if let only {
            let wanted = Set(only.split(separator: ",").map(String.init))
            let known = claims.claims.map(\.id)
            if let unknown = wanted.subtracting(known).sorted().first {
                throw ValidationError("unknown claim '\(unknown)' in --only; accepted: \(known.joined(separator: ", "))")
            }
            claims.claims = claims.claims.filter { wanted.contains($0.id) }
        }
        try output.checkWritable(for: ClaimsReport.self)
        let progress = ProgressLine(enabled: !output.noProgress)
        var report = ClaimChecker.check(claims, path: path, options: try measure.runOptions(limits: limits), progress: progress,
                                        supervisor: Session.supervisor)
        for index in report.claims.indices { report.claims[index].command = CommandLines.repeating(claims.claims[index]) }
        progress.finish()
        try output.write(report)
    }
}
