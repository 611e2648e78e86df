import ArgumentParser
import Console
import Foundation
import Measure
import Report

/// Reading a saved JSON report back.
enum SavedReport {
    case run(RunReport)
    case snippets(SnippetsReport)

    static func load(_ path: String) throws -> SavedReport {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure.missingInput("cannot read \(path): it is a folder, not a report file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.missingInput("cannot read \(path): no such file, or not readable")
        }
        struct Header: Decodable { let schema: String? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw CommandFailure(message: "\(path) is not a pyvs JSON report (save one with --format json)", code: 65)
        }
        let saved: SavedReport
        do {
            switch header.schema {
            case RunReport.schemaID: saved = .run(try RunReport.load(data))
            case SnippetsReport.schemaID: saved = .snippets(try JSONDecoder().decode(SnippetsReport.self, from: data))
            default:
                throw CommandFailure(message: "\(path) has schema '\(header.schema ?? "none")'; accepted: \(RunReport.schemaID), \(SnippetsReport.schemaID)", code: 65)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path) does not follow its schema \(header.schema ?? ""): \(Self.describe(error))", code: 65)
        }
        let problem: String?
        switch saved {
        case .run(let report): problem = report.problem()
        case .snippets(let report): problem = report.problem()
        }
        if let problem { throw CommandFailure(message: "\(path) is not a sound pyvs report: \(problem)", code: 65) }
        return saved
    }

    static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "missing '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: return "\(error)"
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render a saved JSON run (or snippets run) as HTML, Markdown or a table.",
        discussion: "The format follows the output's extension (.html, .md) unless --format is given; html by default.")

    @Argument(help: "A report saved with --format json.")
    var input: String

    @Option(help: "Report format: table, md, json or html (default: from --output's extension, else html).")
    var format: ReportFormat?

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    func run() throws {
        let saved = try SavedReport.load(input)
        var options = try OutputOptions.parse([])
        options.output = output
        options.format = format ?? output.flatMap(ReportFormat.fromExtension) ?? .html
        try options.checkWritable()
        switch saved {
        case .run(let report): try options.write(report)
        case .snippets(let report): try options.write(report)
        }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "What changed between two saved runs, with a significance test.",
        discussion: """
        Matches variants by scenario, id and thread count; compares median wall time and memory; tests
        the difference with a two-sided Mann–Whitney U test over the raw samples and says "not significant"
        where it is not. Usable across machines, Python versions or commits.
        """)

    @Argument(help: "The earlier run (JSON).")
    var a: String

    @Argument(help: "The later run (JSON).")
    var b: String

    @Option(name: .customLong("fail-on-regression"), help: "Exit 1 when a variant got significantly slower by more than PCT percent.")
    var failOnRegression: Double?

    @Option(help: "Significance level (default 0.05).")
    var alpha = 0.05

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let failOnRegression, !(failOnRegression >= 0 && failOnRegression <= 10_000) {
            throw ValidationError("--fail-on-regression must be a percentage from 0 to 10000, got \(failOnRegression)")
        }
        if !(alpha > 0 && alpha < 1) {
            throw ValidationError("--alpha must be between 0 and 1, got \(alpha)")
        }
    }

    func run() throws {
        guard case .run(let first) = try SavedReport.load(a), case .run(let second) = try SavedReport.load(b) else {
            throw CommandFailure(message: "compare takes two runs (\(RunReport.schemaID)), not snippets reports", code: 65)
        }
        try output.checkWritable()
        let comparison = Comparison(a: first, b: second, nameA: a, nameB: b, alpha: alpha)
        try output.write(comparison)
        if let failOnRegression {
            let slower = comparison.regressions(over: failOnRegression)
            if !slower.isEmpty {
                Output.stderr("pyvs: \(slower.count) variant(s) significantly slower by more than \(Format.number(failOnRegression, digits: 1)) %: \(slower.map { "\($0.scenario) \($0.variant)" }.joined(separator: ", "))\n")
                throw ExitCode.failure
            }
        }
    }
}
