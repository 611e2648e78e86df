import Console
/// A table of text cells, rendered for a terminal or as Markdown. Every
/// report builds its tables once and hands them to one of these renderers.
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }
    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []
    /// Rows after which the terminal rendering draws a separator.
    public var separators: Set<Int> = []

    public init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    public mutating func add(_ cells: [String]) { rows.append(cells) }
    public mutating func separate() { if !rows.isEmpty { separators.insert(rows.count - 1) } }

    /// Columns a terminal needs for this table.
    public var width: Int {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(Format.displayWidth).max() ?? 0
        }
        return widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    }

    /// The table narrowed to `width` columns: the columns named in `dropping`
    /// go first, in that order, until it fits; then the cells of the columns
    /// named in `shrinking` are cut (with "…") as far as needed.
    public func fitted(to width: Int, dropping: [String], shrinking: [String]) -> Table {
        var table = self
        for header in dropping where table.width > width {
            guard let column = table.headers.firstIndex(of: header) else { continue }
            table.headers.remove(at: column)
            table.alignments.remove(at: column)
            table.rows = table.rows.map { row in var row = row; if column < row.count { row.remove(at: column) }; return row }
        }
        for header in shrinking {
            let excess = table.width - width
            guard excess > 0, let column = table.headers.firstIndex(of: header) else { continue }
            let current = ([table.headers[column]] + table.rows.map { column < $0.count ? $0[column] : "" }).map(Format.displayWidth).max() ?? 0
            let limit = max(Format.displayWidth(table.headers[column]), 8, current - excess)
            table.rows = table.rows.map { row in
                var row = row
                if column < row.count { row[column] = Format.truncated(row[column], to: limit) }
                return row
            }
        }
        return table
    }

    /// Plain text with aligned columns and a rule under the header.
    public func terminal() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(Format.displayWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            headers.indices.map { column in
                let cell = column < cells.count ? cells[column] : ""
                let pad = String(repeating: " ", count: max(0, widths[column] - Format.displayWidth(cell)))
                return alignments[column] == .right ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = [line(headers), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        for (index, row) in rows.enumerated() {
            out.append(line(row))
            if separators.contains(index) && index < rows.count - 1 {
                out.append(widths.map { String(repeating: "·", count: $0) }.joined(separator: "  "))
            }
        }
        return out.joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table; `|` and line breaks in cells escaped.
    public func markdown() -> String {
        func escape(_ cell: String) -> String {
            cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "<", with: "&lt;")
        }
        var out = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
        out.append("|" + alignments.map { $0 == .right ? "---:|" : "---|" }.joined())
        for row in rows {
            out.append("| " + headers.indices.map { escape($0 < row.count ? row[$0] : "") }.joined(separator: " | ") + " |")
        }
        return out.joined(separator: "\n")
    }
}
