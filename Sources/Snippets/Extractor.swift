/// Finds the fenced code blocks of a Markdown document: ``` or ~~~ fences of
/// any length (3 or more), indented or not (fences inside lists), closed by a
/// fence of the same character at least as long. An unclosed block runs to
/// the end of the document, as CommonMark has it.
public enum Extractor {
    public static func blocks(in text: String) -> [CodeBlock] {
        let lines = Self.lines(text)
        var blocks: [CodeBlock] = []
        var index = 0
        var number = 0
        while index < lines.count {
            guard let fence = openingFence(lines[index]) else { index += 1; continue }
            let start = index
            var body: [Substring] = []
            index += 1
            while index < lines.count, !isClosing(lines[index], fence) {
                body.append(stripIndent(lines[index], fence.indent))
                index += 1
            }
            index += 1  // past the closing fence
            number += 1
            let directives = start > 0 ? precedingDirectives(lines, before: start) : Directives()
            blocks.append(CodeBlock(index: number, line: start + 1, language: fence.language,
                                    code: body.joined(separator: "\n"), directives: directives))
        }
        return blocks
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

    /// The document's first ATX heading ("# Title", any level), outside code blocks.
    public static func title(in text: String) -> String? {
        var open: Fence?
        for line in lines(text) {
            if let fence = open {
                if isClosing(line, fence) { open = nil }
                continue
            }
            if let fence = openingFence(line) { open = fence; continue }
            let trimmed = line.drop { $0 == " " }
            let level = trimmed.prefix { $0 == "#" }.count
            guard (1...6).contains(level), trimmed.dropFirst(level).first == " " else { continue }
            let title = trimmed.dropFirst(level).trimmingCharacters(in: [" ", "\t", "#"])
            if !title.isEmpty { return title }
        }
        return nil
    }

    struct Fence {
        let character: Character
        let length: Int
        let indent: Int
        let language: String
    }

    static func openingFence(_ line: Substring) -> Fence? {
        let indent = line.prefix { $0 == " " || $0 == "\t" }.count
        let rest = line.dropFirst(indent)
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length).trimmingCharacters(in: [" ", "\t"])
        if first == "`" && info.contains("`") { return nil }  // inline code, not a fence
        var word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).first.map(String.init) ?? ""
        word = word.trimmingCharacters(in: ["{", "}", "."]).lowercased()
        return Fence(character: first, length: length, indent: indent, language: word)
    }

    static func isClosing(_ line: Substring, _ fence: Fence) -> Bool {
        let rest = line.drop { $0 == " " || $0 == "\t" }
        let run = rest.prefix { $0 == fence.character }.count
        return run >= fence.length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }

    static func stripIndent(_ line: Substring, _ indent: Int) -> Substring {
        var dropped = 0
        var result = line
        while dropped < indent, let first = result.first, first == " " || first == "\t" {
            result = result.dropFirst()
            dropped += 1
        }
        return result
    }

    /// Directives in an HTML comment on the nearest non-blank line above.
    static func precedingDirectives(_ lines: [Substring], before start: Int) -> Directives {
        var previous = start - 1
        while previous >= 0 && lines[previous].allSatisfy({ $0 == " " || $0 == "\t" }) { previous -= 1 }
        guard previous >= 0 else { return Directives() }
        return Directives.parse(lines[previous]) ?? Directives()
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
