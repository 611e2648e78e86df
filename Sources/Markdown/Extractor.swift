import CCmark

/// Finds the code blocks of a Markdown document as CommonMark reads them
/// (with cmark-gfm, Debian's libcmark-gfm): fenced blocks (``` or ~~~, any
/// length, inside lists and blockquotes; an unclosed one runs to the end of
/// its container), and indented code blocks, which are listed, never run. A
/// fence inside an HTML comment, or indented four spaces as an indented code
/// block's text, is not a block. Lines count LF, CRLF and CR endings.
public enum Extractor {
    public static func blocks(in text: String) -> [CodeBlock] {
        var blocks: [CodeBlock] = []
        walk(text) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { return true }
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            var code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            if code.hasSuffix("\n") { code.removeLast() }
            let info = fenced ? (cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "") : ""
            var block = CodeBlock(index: blocks.count + 1, line: Int(cmark_node_get_start_line(node)),
                                  language: language(info), code: code, directives: directives(before: node), fenced: fenced,
                                  endLine: Int(cmark_node_get_end_line(node)))
            if block.isPython && !block.isSession { block.shownOutput = output(after: node) }
            blocks.append(block)
            return false
        }
        return blocks
    }

    /// The info string's first word, lower-cased, without {.python} braces.
    static func language(_ info: String) -> String {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).first.map(String.init) ?? ""
        return word.trimmingCharacters(in: ["{", "}", "."]).lowercased()
    }

    /// Fence languages an output block may have.
    static let outputLanguages: Set<String> = ["", "output", "text", "txt", "console", "stdout", "plaintext"]
    /// Words of a line that introduces an output block ("Output:", "输出：").
    static let outputWords = ["output", "prints", "result", "输出", "结果", "运行"]

    /// The output block right after `node`, perhaps after a short line that
    /// introduces it.
    static func output(after node: OpaquePointer) -> CodeBlock.ShownOutput? {
        var next = cmark_node_next(node)
        if let paragraph = next, cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH {
            var words = ""
            collectText(paragraph, into: &words)
            let lowered = words.lowercased()
            guard words.count <= 80, outputWords.contains(where: lowered.contains) else { return nil }
            next = cmark_node_next(paragraph)
        }
        guard let block = next, cmark_node_get_type(block) == CMARK_NODE_CODE_BLOCK else { return nil }
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(block, &length, &offset, &character) != 0,
              outputLanguages.contains(language(cmark_node_get_fence_info(block).map { String(cString: $0) } ?? "")) else { return nil }
        let text = cmark_node_get_literal(block).map { String(cString: $0) } ?? ""
        return CodeBlock.ShownOutput(line: Int(cmark_node_get_start_line(block)), text: text)
    }

    /// Directives in an HTML comment just before the block (the block's
    /// previous sibling, an HTML block whose last line is the comment).
    static func directives(before node: OpaquePointer) -> Directives {
        guard let previous = cmark_node_previous(node), cmark_node_get_type(previous) == CMARK_NODE_HTML_BLOCK,
              let literal = cmark_node_get_literal(previous) else { return Directives() }
        let lines = String(cString: literal).split(separator: "\n").filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
        return lines.last.flatMap { Directives.parse($0) } ?? Directives()
    }

    /// Parses `text` and calls `visit` for every node, depth first; `visit`
    /// returns whether to look inside the node.
    static func walk(_ text: String, _ visit: (OpaquePointer) -> Bool) {
        let utf8 = Array(text.utf8)
        guard let root = utf8.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT) }
            } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }) else { return }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        var skipping: OpaquePointer?
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if let inside = skipping {
                if event == CMARK_EVENT_EXIT && node == inside { skipping = nil }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            if !visit(node) && cmark_node_first_child(node) != nil { skipping = node }
        }
    }

    /// The document's lines, ended by LF, CRLF or CR. Swift keeps "\r\n"
    /// as one Character, so splitting on "\n" alone would see a CRLF
    /// document as one line; each CRLF still counts as one line end.
    public static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var index = start
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                lines.append(Substring(scalars[start..<index]))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(Substring(scalars[start..<scalars.endIndex]))
        return lines
    }

    /// The document's first heading (ATX or setext), as text.
    public static func title(in text: String) -> String? {
        var title: String?
        walk(text) { node in
            guard title == nil else { return false }
            guard cmark_node_get_type(node) == CMARK_NODE_HEADING else { return true }
            var words = ""
            collectText(node, into: &words)
            let trimmed = words.trimmingCharacters(in: [" ", "\t"])
            if !trimmed.isEmpty { title = trimmed }
            return false
        }
        return title
    }

    /// The text of a node's inline descendants (text and code spans).
    static func collectText(_ node: OpaquePointer, into words: inout String) {
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                words += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                words += " "
            } else {
                collectText(current, into: &words)
            }
            child = cmark_node_next(current)
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
