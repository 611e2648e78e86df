import Markdown

/// Where a document's words are: its lines, and which of them are a
/// program's code (whose comments alone speak), other fenced text, front
/// matter or a table of contents. The scanner, the line model and the frame
/// reader walk a document by the same layout, which `FoundClaims` reads once.
struct DocumentLayout {
    let lines: [String]
    /// 1-based lines of program code (`ClaimScanner.programLines`).
    let program: Set<Int>
    /// 1-based lines of fenced blocks, their fences included.
    let fenced: Set<Int>
    /// 0-based lines of a leading YAML block.
    let front: Range<Int>
    /// 0-based lines of a table of contents.
    let contents: Set<Int>
    /// For each 0-based line, the headings it is under, nearest first (`ClaimScanner.sections`).
    let sections: [[String]]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let blocks = Extractor.blocks(in: text)
        program = ClaimScanner.programLines(blocks)
        fenced = ClaimScanner.fencedLines(blocks)
        front = ClaimScanner.frontMatter(lines)
        contents = ClaimScanner.tableOfContents(lines)
        sections = ClaimScanner.sections(lines, fenced: fenced)
    }

    /// The document's text lines, 0-based, with their words: not front matter nor a table of contents.
    var text: [(offset: Int, element: String)] {
        lines.enumerated().filter { !front.contains($0.offset) && !contents.contains($0.offset) }.map { ($0.offset, $0.element) }
    }
}
