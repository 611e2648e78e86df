import Contract
import Foundation

/// A report in every format pyvs writes. Markdown written to a file may
/// bring files to write beside it (its charts).
public protocol Renderable: JSONDocument {
    /// The formats this report is written in.
    static var formats: [ReportFormat] { get }
    /// What the report is, for an error naming a format it lacks ("a run").
    static var kind: String { get }
    func terminalText() -> String
    /// The terminal rendering in `width` columns (nil: every column).
    func terminalText(width: Int?) -> String
    /// The same, with the details a run sums up when `verbose`.
    func terminalText(width: Int?, verbose: Bool) -> String
    func markdownText() -> String
    func htmlText() -> String
    /// Markdown whose charts are files beside it; `stem` names them.
    func markdownWithFiles(stem: String) -> (text: String, files: [(name: String, content: String)])
    /// JUnit XML, for the reports that are test results (nil for the others).
    func junitText() -> String?
    /// One CSV line per row, claim or block (nil where there is no table).
    func csvText() -> String?
    /// A pyperf file (nil for the reports that are not timings).
    func pyperfText() throws -> String?
    /// hyperfine's JSON shape (nil for the reports that are not timings).
    func hyperfineText() throws -> String?
}

/// A report asked for in a format it has no rendering in.
public struct NoRendering: Error, CustomStringConvertible {
    public let description: String
}

extension Renderable {
    public func terminalText(width: Int?) -> String { terminalText() }
    public func terminalText(width: Int?, verbose: Bool) -> String { terminalText(width: width) }

    public func markdownWithFiles(stem: String) -> (text: String, files: [(name: String, content: String)]) {
        (markdownText(), [])
    }

    public static var formats: [ReportFormat] { [.table, .md, .json, .html, .csv] }

    public func junitText() -> String? { nil }
    public func csvText() -> String? { nil }
    public func pyperfText() throws -> String? { nil }
    public func hyperfineText() throws -> String? { nil }

    /// The report in `format`; a table in `width` columns (nil: every
    /// column), with the run-by-run details when `verbose`.
    public func rendered(_ format: ReportFormat, width: Int? = nil, verbose: Bool = false) throws -> String {
        let text: String?
        switch format {
        case .table: text = terminalText(width: width, verbose: verbose)
        case .md: text = markdownText()
        case .json: text = String(decoding: try jsonData(), as: UTF8.self) + "\n"
        case .html: text = htmlText()
        case .junit: text = junitText()
        case .csv: text = csvText()
        case .pyperf: text = try pyperfText()
        case .hyperfine: text = try hyperfineText()
        }
        guard let text, Self.formats.contains(format) else { throw NoRendering(description: Self.lacking(format)) }
        return text
    }

    /// "a claims report has no pyperf rendering; accepted: table, md, json, html, csv".
    public static func lacking(_ format: ReportFormat) -> String {
        "\(kind) has no \(format.rawValue) rendering; accepted: \(ReportFormat.list(formats))"
    }
}

extension RunReport: Renderable {
    public static var formats: [ReportFormat] { [.table, .md, .json, .html, .csv, .pyperf, .hyperfine] }
    public static var kind: String { "a run" }
    public func csvText() -> String? { csvRows() }
    public func pyperfText() throws -> String? { try pyperfFile() }
    public func hyperfineText() throws -> String? { try hyperfineResults() }

    public func markdownWithFiles(stem: String) -> (text: String, files: [(name: String, content: String)]) {
        let (text, charts) = markdownWithCharts(stem: stem)
        return (text, charts.map { (name: $0.name, content: $0.svg) })
    }
}

extension SnippetsReport: Renderable {
    public static var formats: [ReportFormat] { [.table, .md, .json, .html, .junit, .csv] }
    public static var kind: String { "a snippets run" }
    public func csvText() -> String? { csvRows() }
}
