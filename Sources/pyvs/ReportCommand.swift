import ArgumentParser
import Console
import Contract
import Foundation
import Measure
import Report

/// Reading a saved JSON report back.
enum SavedReport {
    case run(RunReport)
    case snippets(SnippetsReport)
    case check(CheckReport)

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
            throw CommandFailure(message: "\(path) is not a pyvs JSON report (save one with --format json)", status: .unusableInput)
        }
        let saved: SavedReport
        do {
            switch header.schema {
            case RunReport.schemaID: saved = .run(try RunReport.load(data))
            case SnippetsReport.schemaID: saved = .snippets(try JSONDecoder().decode(SnippetsReport.self, from: data))
            case CheckReport.schemaID: saved = .check(try JSONDecoder().decode(CheckReport.self, from: data))
            default:
                throw CommandFailure(message: "\(path) has schema '\(header.schema ?? "none")'; accepted: \(RunReport.schemaID), "
                    + "\(SnippetsReport.schemaID), \(CheckReport.schemaID)", status: .unusableInput)
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(path) does not follow its schema \(header.schema ?? ""): \(Self.describe(error))", status: .unusableInput)
        }
        let problem: String?
        switch saved {
        case .run(let report): problem = report.problem()
        case .snippets(let report): problem = report.problem()
        case .check(let report): problem = report.snippets.problem() ?? report.runs?.problem()
        }
        if let problem { throw CommandFailure(message: "\(path) is not a sound pyvs report: \(problem)", status: .unusableInput) }
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
        abstract: "Render a saved JSON run (or snippets run, or document check) as HTML, Markdown, a table, CSV or a pyperf file.",
        discussion: """
        The format follows the output's extension (.html, .md, .json, .txt, .csv) unless --format is given; \
        html by default. A saved run also converts to a pyperf file (--format pyperf) or hyperfine's JSON \
        (--format hyperfine).

        Examples:
          pyvs report run.json -o run.html
          pyvs report run.json -o run.md
          pyvs report run.json --format table
          pyvs report run.json --format pyperf -o run.pyperf.json
        """)

    @Argument(help: "A report saved with --format json.")
    var input: String

    @Option(help: "Report format: table, md, json, html, csv; pyperf or hyperfine for a run; junit for a snippets run (default: from --output's extension, else html).")
    var format: ReportFormat?

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    func run() throws {
        let saved = try SavedReport.load(input)
        var options = try OutputOptions.parse([])
        options.output = output
        options.format = format ?? output.flatMap(ReportFormat.fromExtension) ?? .html
        switch saved {
        case .run(let report):
            try options.checkWritable(for: RunReport.self)
            try options.write(report)
        case .snippets(let report):
            try options.checkWritable(for: SnippetsReport.self)
            try options.write(report)
        case .check(let report):
            try options.checkWritable(for: CheckReport.self)
            try options.write(report)
        }
    }
}

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "What changed between saved runs, with a significance test.",
        discussion: """
        Matches variants by scenario and row (id and thread count); compares median wall time and memory; \
        tests the difference with a two-sided Mann–Whitney U test over the raw samples and says "not \
        significant" where it is not; sums up with the geometric mean of the ratios. Notes when machines, \
        Pythons or parameters differ. With more than two runs, each later run is compared with the first. \
        Usable across machines, Python versions or commits.

        Examples:
          pyvs compare before.json after.json
          pyvs compare base.json py3.12.json py3.13.json --hide-insignificant
          pyvs compare before.json after.json --fail-on-regression 10
        """)

    @Argument(help: "Saved runs (JSON): the first is the reference, each other one is compared with it.")
    var runs: [String] = []

    @Option(name: .customLong("fail-on-regression"), help: "Exit 1 when a variant got significantly slower by more than PCT percent.")
    var failOnRegression: Double?

    @Option(help: "Significance level.")
    var alpha = 0.05

    @Flag(name: .customLong("hide-insignificant"), help: "Leave out of the tables the rows whose change is not significant.")
    var hideInsignificant = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if runs.count < 2 {
            throw ValidationError("compare takes at least two saved runs (JSON), got \(runs.count)")
        }
        if let failOnRegression, !(failOnRegression >= 0 && failOnRegression <= 10_000) {
            throw ValidationError("--fail-on-regression must be a percentage from 0 to 10000, got \(failOnRegression)")
        }
        if !(alpha > 0 && alpha < 1) {
            throw ValidationError("--alpha must be between 0 and 1, got \(alpha)")
        }
    }

    func run() throws {
        let reports = try runs.map { path -> RunReport in
            guard case .run(let report) = try SavedReport.load(path) else {
                throw CommandFailure(message: "compare takes runs (\(RunReport.schemaID)), and \(path) is a snippets report", status: .unusableInput)
            }
            return report
        }
        try output.checkWritable(for: Comparison.self)
        var comparisons: [Comparison] = []
        for (index, report) in reports.enumerated().dropFirst() {
            var comparison = Comparison(a: reports[0], b: report, nameA: runs[0], nameB: runs[index], alpha: alpha)
            guard !comparison.rows.isEmpty else {
                let names = { (report: RunReport) in report.scenarios.map(\.name).joined(separator: ", ") }
                throw CommandFailure(message: "nothing to compare: \(runs[0]) has \(names(reports[0])) and \(runs[index]) has "
                    + "\(names(report)), with no row measured in both", status: .unusableInput)
            }
            comparison.hideInsignificant = hideInsignificant
            comparisons.append(comparison)
        }
        if comparisons.count == 1 { try output.write(comparisons[0]) } else { try output.write(ComparisonSet(comparisons)) }
        if let failOnRegression {
            let slower = comparisons.flatMap { comparison in
                comparison.regressions(over: failOnRegression).map { "\(comparison.b): \($0.scenario) \($0.variant)" }
            }
            if !slower.isEmpty {
                Output.stderr("pyvs: \(slower.count) variant(s) significantly slower by more than \(Format.number(failOnRegression, digits: 1)) %: \(slower.joined(separator: ", "))\n")
                throw ExitCode.failure
            }
        }
    }
}
