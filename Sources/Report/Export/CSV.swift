/// A table as RFC 4180 CSV: a header line, then one line per row, each
/// line ended by CRLF; a field holding a comma, a double quote or a line
/// break is quoted, its quotes doubled. Numbers are written in full (the
/// shortest text that reads back as the same Double), never rounded for
/// display, so a spreadsheet gets what pyvs measured.
public struct CSVTable {
    public let header: [String]
    public private(set) var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    /// Appends a row: one cell per column, nil for an empty cell.
    public mutating func append(_ cells: [CSVCell?]) {
        precondition(cells.count == header.count, "a CSV row has \(cells.count) cells for \(header.count) columns")
        rows.append(cells.map { $0?.csvText ?? "" })
    }

    public var text: String {
        ([header] + rows).map { $0.map(Self.quoted).joined(separator: ",") + "\r\n" }.joined()
    }

    static func quoted(_ field: String) -> String {
        // By scalar: "\r\n" is one Character in Swift, equal to neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What a CSV cell can hold.
public protocol CSVCell { var csvText: String { get } }
extension String: CSVCell { public var csvText: String { self } }
extension Int: CSVCell { public var csvText: String { String(self) } }
extension Double: CSVCell { public var csvText: String { isFinite ? "\(self)" : "" } }
extension Bool: CSVCell { public var csvText: String { self ? "true" : "false" } }
