import Contract
import Foundation
import Markdown

/// What a claims file says about one document. By name first: the claims
/// and block links that name the document's file. A document saved under
/// another name (the reference document as guide.md) is known by its text:
/// the claims file's document whose quotes this text holds, at least half
/// of them, gives the claims found, each placed at the line where its
/// quote now stands, and its block links where this text opens a code
/// block at their line.
public enum DocumentClaims {
    /// How the claims were matched to the document.
    public enum Match: Equatable, Sendable {
        case byName
        /// `found` of the `of` quotes of `document`'s claims are in the text.
        case byQuotes(document: String, found: Int, of: Int)
        /// The claims file names none of this, nor holds its quotes: it is about `named`.
        case none(named: [String])
    }

    public static func about(document name: String, text: String, in file: ClaimsFile) -> (ClaimsFile?, Match) {
        let claims = file.claims.filter { $0.document == name }
        let blocks = file.blocks?.filter { $0.document == name } ?? []
        if !claims.isEmpty || !blocks.isEmpty { return (ClaimsFile(claims: claims, blocks: blocks), .byName) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { normalized(String($0)) }
        let whole = normalized(text)
        var best: (document: String, found: [Claim], of: Int)?
        for document in Set(file.claims.map(\.document)).sorted() {
            let theirs = file.claims.filter { $0.document == document }
            let found = theirs.compactMap { claim -> Claim? in
                let quote = normalized(claim.quote)
                guard !quote.isEmpty else { return nil }
                var placed = claim
                placed.document = name
                guard whole.contains(quote) else { return nil }
                placed.line = line(holding: quote, in: lines).map { $0 + 1 } ?? claim.line
                return placed
            }
            if found.count * 2 >= theirs.count, found.count > (best?.found.count ?? 0) { best = (document, found, theirs.count) }
        }
        guard let best else {
            let named = Set(file.claims.map(\.document) + (file.blocks ?? []).map(\.document)).sorted()
            return (nil, .none(named: named))
        }
        // Where this text opens a fenced code block, as the block runner reads it.
        let openings = Set(Extractor.blocks(in: text).filter(\.fenced).map(\.line))
        let links = (file.blocks ?? []).filter { $0.document == best.document && openings.contains($0.line) }
            .map { BlockLink(document: name, line: $0.line, scenario: $0.scenario) }
        return (ClaimsFile(claims: best.found, blocks: links), .byQuotes(document: best.document, found: best.found.count, of: best.of))
    }

    /// The line where `quote` begins: the last of the lines from which a
    /// few lines joined still hold it (a quote wrapped across lines).
    static func line(holding quote: String, in lines: [String]) -> Int? {
        let window = { (start: Int) in lines[start..<min(start + 6, lines.count)].joined(separator: " ") }
        guard var start = lines.indices.first(where: { window($0).contains(quote) }) else { return nil }
        while start + 1 < lines.count, window(start + 1).contains(quote) { start += 1 }
        return start
    }

    /// Runs of white space made one space, and the ends trimmed: a quote
    /// is found however the document is wrapped or indented.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
