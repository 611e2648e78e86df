/// The renderings every reporting command offers.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, md, json, html
    /// JUnit XML, for CI systems (pyvs snippets only).
    case junit

    /// The format a file name asks for (report.html, report.md, run.json, out.txt).
    public static func fromExtension(_ path: String) -> ReportFormat? {
        switch path.split(separator: ".").last?.lowercased() {
        case "html", "htm": return .html
        case "md", "markdown": return .md
        case "json": return .json
        case "txt": return .table
        case "xml": return .junit
        default: return nil
        }
    }
}
