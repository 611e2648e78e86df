import Testing
@testable import Markdown

/// The annotated page: pyvs's HTML goes after the block holding a line,
/// and nothing of the placeholders that carry it through cmark is left.
@Suite struct MarkdownPageTests {
    @Test(arguments: [
        "Process:\n\n+ Takes advantage of every CPU core\n+ Great for CPU-bound work\n",  // a tight list: items without <p>
        "Process:\n\n+ Takes advantage of every CPU core\n\n+ Great for CPU-bound work\n",  // a loose one
        "A paragraph.\n\nGreat for CPU-bound work.\n",
    ])
    func theAnnotationFollowsItsBlockWithNoPlaceholderLeft(document: String) {
        let line = document.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Great for") }! + 1
        let html = MarkdownPage.html(document, annotations: [
            .init(line: line, html: "<aside>verdict</aside>", mark: .init(text: "Great for", open: "<mark>", close: "</mark>")),
        ])
        #expect(html.contains("<aside>verdict</aside>") && html.contains("<mark>Great for</mark> CPU-bound work"), "\(html)")
        #expect(!html.contains("PYVS"), "\(html)")
        let verdict = html.firstRange(of: "<aside>")!.lowerBound, marked = html.firstRange(of: "<mark>")!.lowerBound
        #expect(marked < verdict, "after the block it speaks of: \(html)")
    }
}
