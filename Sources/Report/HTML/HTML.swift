import Console
import Contract
import Measure
/// Building blocks of pyvs's self-contained HTML pages: escaping, the page
/// frame with its inline style, tables. Nothing refers to the network.
public enum HTML {
    /// Text as HTML text or attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#1d2330;background:#fff}
    h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #dde}
    h3{font-size:1.05em;margin-top:1.4em}
    table{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums}
    th,td{padding:3px 8px;border-bottom:1px solid #e6e8ee;text-align:left;vertical-align:top;max-width:30em;overflow-wrap:break-word}
    td:first-child{white-space:nowrap}
    th{background:#f3f5f9;font-weight:600}td.r,th.r{text-align:right;white-space:nowrap}
    .meta{color:#4a5263;margin:.2em 0}.meta b{color:#1d2330}
    .ok{color:#17703a}.bad{color:#b3261e;font-weight:600}.skip{color:#7a6a00}
    .verdicts li{margin:.25em 0}.findings{background:#eef5fb;border-left:4px solid #3572a5;padding:.5em 1em .5em 2em;margin:.5em 0}.findings li{margin:.2em 0}.warn{background:#fff6dc;border-left:4px solid #e0a800;padding:.4em .8em;margin:.3em 0}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:1.2em}.chart{border:1px solid #e6e8ee;padding:.4em;border-radius:6px}
    .scroll{overflow-x:auto;max-width:100%}
    .legend span{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin:0 .3em 0 1em;vertical-align:-.1em}
    pre{background:#f6f7f9;padding:.5em;overflow:auto;max-height:18em;font-size:12px}
    code{font-size:12px}
    """

    /// A whole page: title, body, inline style only.
    public static func page(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    /// A table; cells are escaped text. `classes` may colour single cells.
    /// A table in a box of its own that scrolls sideways when the page is narrower.
    public static func table(_ table: Table, cellClass: (Int, Int, String) -> String? = { _, _, _ in nil }) -> String {
        var out = "<div class=\"scroll\"><table><thead><tr>"
        for (column, header) in table.headers.enumerated() {
            out += "<th\(table.alignments[column] == .right ? " class=\"r\"" : "")>\(escape(header))</th>"
        }
        out += "</tr></thead><tbody>"
        for (row, cells) in table.rows.enumerated() {
            out += "<tr>"
            for column in table.headers.indices {
                let cell = column < cells.count ? cells[column] : ""
                var classes: [String] = []
                if table.alignments[column] == .right { classes.append("r") }
                if let extra = cellClass(row, column, cell) { classes.append(extra) }
                out += "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(escape(cell))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// How a status is coloured in tables.
    static func statusClass(_ status: RunStatus) -> String {
        switch status {
        case .ok: return "ok"
        case .failed, .crashed, .timeout: return "bad"
        case .skipped: return "skip"
        }
    }

    static func list(_ items: [String], class name: String? = nil) -> String {
        guard !items.isEmpty else { return "" }
        return "<ul\(name.map { " class=\"\($0)\"" } ?? "")>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
    }
}
