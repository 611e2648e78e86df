import CCmark
import Glibc

/// A Markdown document rendered to HTML as GitHub renders it (cmark-gfm with
/// its table, strikethrough, autolink and task-list extensions), with pyvs's
/// findings put in place: HTML after the block that holds a given line, and
/// a sentence of that block marked. The document's own raw HTML is left out
/// (cmark-gfm's safe mode), and its images become links, so the page loads
/// nothing from anywhere.
public enum MarkdownPage {
    /// HTML to show after the block holding document line `line` (a code
    /// block, a paragraph, a heading, a table...); with `mark`, the first
    /// occurrence of `mark.text` in that block's text is wrapped in
    /// `mark.open` ... `mark.close`.
    public struct Annotation: Sendable {
        public var line: Int
        public var html: String
        public var mark: Mark?

        public struct Mark: Sendable {
            public var text: String
            public var open: String
            public var close: String

            public init(text: String, open: String, close: String) { self.text = text; self.open = open; self.close = close }
        }

        public init(line: Int, html: String, mark: Mark? = nil) { self.line = line; self.html = html; self.mark = mark }
    }

    /// The document as HTML (the body's content), with `annotations` in place.
    /// An annotation whose line is past the document's end goes at the end.
    public static func html(_ text: String, annotations: [Annotation]) -> String {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let extensionPointer = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, extensionPointer) }
        }
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
        }
        guard let root = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(root) }
        // Placeholders stand for pyvs's HTML (safe mode would drop raw HTML);
        // they are replaced once the document is rendered.
        let token = "PYVS" + String(UInt64.random(in: 1 ... .max), radix: 36).uppercased()
        var replacements: [String: String] = [:]
        var lastAfter: [UnsafeMutableRawPointer: OpaquePointer] = [:]
        for (number, annotation) in annotations.enumerated() {
            let key = "\(token)A\(number)Z"
            replacements["<p>\(key)</p>"] = annotation.html
            let holder = block(holding: annotation.line, in: root)
            if let mark = annotation.mark, let holder, !mark.text.isEmpty {
                if wrap(mark.text, in: holder, open: "\(token)O\(number)Z", close: "\(token)C\(number)Z") {
                    replacements["\(token)O\(number)Z"] = mark.open
                    replacements["\(token)C\(number)Z"] = mark.close
                }
            }
            let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH)!
            let content = cmark_node_new(CMARK_NODE_TEXT)!
            cmark_node_set_literal(content, key)
            cmark_node_append_child(paragraph, content)
            // After the block (and after what was already put after it).
            if let holder {
                let anchor = lastAfter[UnsafeMutableRawPointer(holder)] ?? holder
                cmark_node_insert_after(anchor, paragraph)
                lastAfter[UnsafeMutableRawPointer(holder)] = paragraph
            } else {
                cmark_node_append_child(root, paragraph)
            }
        }
        guard let rendered = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        var html = String(cString: rendered)
        free(rendered)
        html = withoutRemoteImages(html)
        for (placeholder, replacement) in replacements { html = html.replacing(placeholder, with: replacement) }
        // In a tight list an item's paragraphs have no <p>: a placeholder put after one is bare there.
        for (number, annotation) in annotations.enumerated() { html = html.replacing("\(token)A\(number)Z", with: annotation.html) }
        return html
    }

    /// The innermost block that holds document line `line` (a table, not
    /// one of its rows: what follows must follow the whole table).
    static func block(holding line: Int, in root: OpaquePointer) -> OpaquePointer? {
        var found: OpaquePointer?
        var node = cmark_node_first_child(root)
        while let current = node {
            let start = Int(cmark_node_get_start_line(current)), end = Int(cmark_node_get_end_line(current))
            if start <= line && line <= max(start, end) {
                found = current
                let type = String(cString: cmark_node_get_type_string(current))
                let isContainer = ["list", "item", "block_quote"].contains(type)
                node = isContainer ? cmark_node_first_child(current) : nil
            } else {
                node = cmark_node_next(current)
            }
        }
        return found
    }

    /// Wraps the first occurrence of `quote` in one text node under `node`
    /// (or in the code of a code block: a claim quoted from a comment)
    /// between two text placeholders; false when no text node holds it.
    static func wrap(_ quote: String, in node: OpaquePointer, open: String, close: String) -> Bool {
        // The literal of `target` with `quote` between the placeholders, when it holds it.
        func marked(_ target: OpaquePointer) -> Bool {
            guard let literal = cmark_node_get_literal(target) else { return false }
            let text = String(cString: literal)
            guard let range = text.firstRange(of: quote) else { return false }
            cmark_node_set_literal(target, String(text[..<range.lowerBound]) + open + String(text[range]) + close + String(text[range.upperBound...]))
            return true
        }
        if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK { return marked(node) }
        guard let iterator = cmark_iter_new(node) else { return false }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return false }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator),
                  cmark_node_get_type(current) == CMARK_NODE_TEXT else { continue }
            if marked(current) { return true }
        }
    }

    /// `<img src="...">` becomes a link to the image: a page that loads nothing.
    static func withoutRemoteImages(_ html: String) -> String {
        guard let image = try? Regex(#"<img src="([^"]*)" alt="([^"]*)"[^>]*/?>"#) else { return html }
        return html.replacing(image) { match in
            let source = match.output[1].substring.map(String.init) ?? "", alt = match.output[2].substring.map(String.init) ?? ""
            return "<a class=\"image\" href=\"\(source)\">[image: \(alt)]</a>"
        }
    }
}
