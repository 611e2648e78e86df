/// The renderings pyvs writes; each report offers the ones in its `formats`.
public enum ReportFormat: String, CaseIterable, Codable, Sendable {
    case table, md, json, html
    /// JUnit XML, for CI systems (pyvs snippets only).
    case junit
    /// RFC 4180 CSV, one line per row (run), claim or block.
    case csv
    /// pyperf's JSON file (runs only): `python -m pyperf stats|compare_to` read it.
    case pyperf
    /// hyperfine's `--export-json` shape (runs only), for hyperfine's scripts.
    case hyperfine

    /// The format a file name asks for (report.html, report.md, run.json,
    /// out.txt, rows.csv); pyperf and hyperfine files end in .json too, so
    /// they are asked for by name.
    public static func fromExtension(_ path: String) -> ReportFormat? {
        switch path.split(separator: ".").last?.lowercased() {
        case "html", "htm": return .html
        case "md", "markdown": return .md
        case "json": return .json
        case "txt": return .table
        case "xml": return .junit
        case "csv": return .csv
        default: return nil
        }
    }

    /// "table, md, json, html, csv".
    public static func list(_ formats: [ReportFormat]) -> String { formats.map(\.rawValue).joined(separator: ", ") }
}
