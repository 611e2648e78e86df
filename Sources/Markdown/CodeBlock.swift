/// A code block of a Markdown document: fenced, or indented (listed, not run).
public struct CodeBlock: Equatable, Sendable {
    /// 1-based position among all fenced blocks of the document.
    public var index: Int
    /// 1-based line of the opening fence.
    public var line: Int
    /// The info string's first word, lower-cased ("" when there is none).
    public var language: String
    /// The block's text, the fence's indentation removed.
    public var code: String
    public var directives: Directives
    /// A fenced block; false for an indented code block.
    public var fenced: Bool
    /// 1-based last line of the block (its closing fence, if it has one).
    public var endLine: Int
    /// The output the document shows right after the block (an untagged,
    /// `output`, `text` or `console` fence, perhaps after a line such as
    /// "Output:"), for --check-output.
    public var shownOutput: ShownOutput?

    public struct ShownOutput: Equatable, Sendable {
        public var line: Int
        public var text: String
        public init(line: Int, text: String) { self.line = line; self.text = text }
    }

    /// Python blocks pyvs runs: python, py, python3, and interactive sessions
    /// (pycon, or a block whose first line of code starts with `>>>`; a
    /// comment above it, "# Find the interpreter being used", is its caption).
    public var isPython: Bool { fenced && (CodeBlock.pythonLanguages.contains(language) || isSession) }
    public var isSession: Bool {
        guard fenced else { return false }
        let first = code.split(separator: "\n").lazy.map { $0.drop { $0 == " " } }.first { !$0.isEmpty && !$0.hasPrefix("#") }
        return language == "pycon" || ((language.isEmpty || CodeBlock.pythonLanguages.contains(language))
            && first?.hasPrefix(">>>") == true)
    }

    static let pythonLanguages: Set<String> = ["python", "py", "python3", "pycon", "py3"]

    /// The Python source to run: for a session, the `>>>` and `...` lines
    /// without their prompts (the shown output lines become blank lines,
    /// so line numbers still match the document).
    public var source: String {
        guard isSession else { return code }
        return code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            for prompt in [">>> ", "... "] where trimmed.hasPrefix(prompt) { return String(trimmed.dropFirst(prompt.count)) }
            if trimmed == ">>>" || trimmed == "..." { return "" }
            return ""
        }.joined(separator: "\n")
    }

    public init(index: Int, line: Int, language: String, code: String, directives: Directives = Directives(), fenced: Bool = true,
                endLine: Int? = nil) {
        self.index = index; self.line = line; self.language = language; self.code = code; self.directives = directives
        self.fenced = fenced
        self.endLine = endLine ?? line + code.split(separator: "\n", omittingEmptySubsequences: false).count + (fenced ? 1 : 0)
    }

    /// Whether document line `number` is part of the block.
    public func contains(line number: Int) -> Bool { (line...max(line, endLine)).contains(number) }
}

/// `<!-- pyvs: skip -->`, `<!-- pyvs: timeout=5 -->`, `<!-- pyvs: expect-error -->`,
/// `<!-- pyvs: requires=numpy,aiohttp -->`, `<!-- pyvs: setup -->` on the line
/// before a block (several may share one comment, separated by spaces or semicolons).
public struct Directives: Equatable, Sendable {
    public var skip = false
    /// A setup block: its code runs before every other block (first, once,
    /// with --session), and it is reported once.
    public var setup = false
    public var timeout: Double?
    public var expectError = false
    public var requires: [String] = []
    /// Words pyvs did not understand, reported on the block.
    public var unknown: [String] = []

    public init() {}

    /// Parses the directives of one comment line, or nil when it is not one.
    public static func parse(_ line: Substring) -> Directives? {
        let text = line.trimmingCharacters(in: [" ", "\t", "\r"])
        guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { return nil }
        var body = text.dropFirst(4).dropLast(3).trimmingCharacters(in: [" ", "\t"])
        guard body.lowercased().hasPrefix("pyvs:") else { return nil }
        body = String(body.dropFirst(5))
        var result = Directives()
        for word in body.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" }) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            switch (parts[0].lowercased(), parts.count == 2 ? parts[1] : nil) {
            case ("skip", nil): result.skip = true
            case ("expect-error", nil): result.expectError = true
            case ("setup", nil): result.setup = true
            case ("timeout", let value?):
                if let seconds = Double(value), seconds > 0 { result.timeout = seconds } else { result.unknown.append(String(word)) }
            case ("requires", let value?):
                result.requires += value.split(separator: ",").map { $0.trimmingCharacters(in: [" "]) }.filter { !$0.isEmpty }
            default: result.unknown.append(String(word))
            }
        }
        return result
    }
}

