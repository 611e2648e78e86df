import Contract
import Foundation

/// A report in every format pyvs writes. Markdown written to a file may
/// bring files to write beside it (its charts).
public protocol Renderable: JSONDocument {
    func terminalText() -> String
    /// The terminal rendering in `width` columns (nil: every column).
    func terminalText(width: Int?) -> String
    func markdownText() -> String
    func htmlText() -> String
    /// Markdown whose charts are files beside it; `stem` names them.
    func markdownWithFiles(stem: String) -> (text: String, files: [(name: String, content: String)])
    /// JUnit XML, for the reports that are test results (nil for the others).
    func junitText() -> String?
}

/// A report asked for in a format it has no rendering in.
public struct NoRendering: Error, CustomStringConvertible {
    public let description: String
}

extension Renderable {
    public func terminalText(width: Int?) -> String { terminalText() }

    public func markdownWithFiles(stem: String) -> (text: String, files: [(name: String, content: String)]) {
        (markdownText(), [])
    }

    public func junitText() -> String? { nil }

    /// The report in `format`; a table in `width` columns (nil: every column).
    public func rendered(_ format: ReportFormat, width: Int? = nil) throws -> String {
        switch format {
        case .table: return terminalText(width: width)
        case .md: return markdownText()
        case .json: return String(decoding: try jsonData(), as: UTF8.self) + "\n"
        case .html: return htmlText()
        case .junit:
            guard let xml = junitText() else { throw NoRendering(description: "--format junit is for pyvs snippets runs only") }
            return xml
        }
    }
}

extension RunReport: Renderable {
    public func markdownWithFiles(stem: String) -> (text: String, files: [(name: String, content: String)]) {
        let (text, charts) = markdownWithCharts(stem: stem)
        return (text, charts.map { (name: $0.name, content: $0.svg) })
    }
}

extension SnippetsReport: Renderable {}
