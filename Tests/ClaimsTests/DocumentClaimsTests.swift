import Contract
import Testing
@testable import Claims

/// A claims file applies to a document by the document's name, or, under
/// any name, by the quotes its text holds.
@Suite struct DocumentClaimsTests {
    static func claim(_ id: String, _ quote: String, document: String = "guide.md", line: Int) -> Claim {
        Claim(id: id, quote: quote, document: document, line: line, stated: StatedValue(max: 1.2, unit: .times, text: "no speedup"),
              measure: ClaimMeasure(scenario: "cpu-bound", variant: "py.threads", metric: "speedup"))
    }

    static let file = ClaimsFile(claims: [
        claim("threads", "Threads do not make CPU-bound Python faster", line: 40),
        claim("start", "启动一个进程约 1–10 ms", line: 41),
        claim("other", "Coroutines cost 2 KB each", document: "other.md", line: 1),
    ], blocks: [BlockLink(document: "guide.md", line: 5, scenario: "race"), BlockLink(document: "guide.md", line: 7, scenario: "massive")])

    static let text = """
        # Saved under another name

        Threads do not make
        CPU-bound Python faster: the GIL lets one run at a time.
        ```python
        print(1)
        ```

        x = 1  # 启动一个进程约 1–10 ms
        """

    @Test func byNameTheClaimsAndLinksThatNameIt() {
        let (mine, match) = DocumentClaims.about(document: "guide.md", text: "", in: Self.file)
        #expect(match == .byName)
        #expect(mine?.claims.map(\.id) == ["threads", "start"] && mine?.blocks?.count == 2)
    }

    @Test func underAnotherNameByTheQuotesItsTextHolds() throws {
        let (found, match) = DocumentClaims.about(document: "copy.md", text: Self.text, in: Self.file)
        #expect(match == .byQuotes(document: "guide.md", found: 2, of: 2))
        let mine = try #require(found)
        #expect(mine.claims.map(\.id) == ["threads", "start"])
        #expect(mine.claims.allSatisfy { $0.document == "copy.md" })
        // Each claim is placed at the line where its quote begins, wrapped across lines or not.
        #expect(mine.claims.map(\.line) == [3, 9])
        // A link stays where this text opens a code block at its line (5), not where it does not (7).
        #expect(mine.blocks?.map(\.line) == [5] && mine.blocks?.first?.document == "copy.md")
    }

    @Test func tooFewQuotesIsNoMatch() {
        let (mine, match) = DocumentClaims.about(document: "copy.md", text: "Threads do not make CPU-bound Python faster.",
                                                 in: ClaimsFile(claims: Self.file.claims + [Self.claim("more", "Not in the text", line: 4),
                                                                                            Self.claim("again", "Nor this", line: 5)]))
        #expect(mine == nil)
        #expect(match == .none(named: ["guide.md", "other.md"]))
    }
}
