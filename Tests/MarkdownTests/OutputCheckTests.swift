import Markdown
import Testing

@Suite struct OutputCheckTests {
    @Test func numbersBlankLinesAndOrderDoNotCount() {
        #expect(OutputCheck.compare(shown: "took 1.73 s\nid 0x7f3a\n", printed: "took 0.02 s\n\nid 0x55aa\n") == nil)
        #expect(OutputCheck.compare(shown: "worker 1\nworker 0", printed: "worker 0\nworker 1\n") == nil)
        #expect(OutputCheck.compare(shown: "耗时: 2.05秒", printed: "耗时: 1.23秒  ") == nil)
        #expect(OutputCheck.compare(shown: "1e-06", printed: "3.5e+02") == nil)
    }

    @Test func differentTextIsReportedWithADiff() throws {
        let mismatch = try #require(OutputCheck.compare(shown: "a: 1\nb: 2\nc: 3", printed: "a: 1\nB: 2\nc: 3\nd: 4"))
        #expect(mismatch.summary == "the document shows 'b: 2' where it printed 'B: 2'")
        #expect(mismatch.diff == "  a: 1\n- b: 2\n+ B: 2\n  c: 3\n+ d: 4")
        let missing = try #require(OutputCheck.compare(shown: "done", printed: ""))
        #expect(missing.summary == "the document shows 'done' where it printed nothing more")
    }

    @Test func theOutputBlockAfterABlockIsFound() {
        let blocks = Extractor.blocks(in: """
        ```python
        print(1)
        ```

        Output:

        ```
        1
        ```

        ```python
        print(2)
        ```

        Some unrelated paragraph that goes on for a while.

        ```
        2
        ```

        ```python
        print(3)
        ```
        ```bash
        echo 3
        ```
        """)
        #expect(blocks[0].shownOutput == CodeBlock.ShownOutput(line: 7, text: "1\n"))
        #expect(blocks[2].shownOutput == nil)  // not introduced as output
        #expect(blocks[4].shownOutput == nil)  // a bash block is not output
    }
}
