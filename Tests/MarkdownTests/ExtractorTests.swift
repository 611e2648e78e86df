import Markdown
import Testing

@Suite struct ExtractorTests {
    @Test func fencesOfEveryKind() throws {
        let text = """
        intro
        ```python
        a = 1
        ```
        - item

          ~~~py
          b = 2
          ~~~
        ````python3
        s = '''
        ```
        '''
        ````
        ```
        >>> 1 + 1
        2
        ```
        ```bash
        ls
        ```
        ```
        untagged
        ```
        """
        let blocks = Extractor.blocks(in: text)
        #expect(blocks.map(\.line) == [2, 7, 10, 15, 19, 22])
        #expect(blocks.map(\.language) == ["python", "py", "python3", "", "bash", ""])
        #expect(blocks.map(\.isPython) == [true, true, true, true, false, false])
        #expect(blocks[1].code == "b = 2")  // the list's indentation removed
        #expect(blocks[2].code.contains("```"))  // a shorter fence does not close a longer one
        #expect(blocks[3].isSession)
        #expect(blocks[3].source == "1 + 1\n")
    }

    @Test func unclosedFenceRunsToTheEnd() {
        let blocks = Extractor.blocks(in: "text\n```python\nprint(1)\n")
        #expect(blocks.count == 1)
        #expect(blocks[0].code == "print(1)")
    }

    @Test func inlineBackticksAreNotFences() {
        #expect(Extractor.blocks(in: "use ```x``` inline\n").isEmpty)
    }

    /// A session may open with a comment that captions it; a program that
    /// opens with a comment is still a program.
    @Test func aSessionUnderACommentIsASession() {
        let session = CodeBlock(index: 1, line: 1, language: "python", code: "# Find the interpreter\n>>> import sys\n>>> 1 + 1\n2")
        #expect(session.isSession)
        #expect(session.source == "\nimport sys\n1 + 1\n")
        let program = CodeBlock(index: 2, line: 1, language: "python", code: "# a program\nprint('>>> not a prompt')")
        #expect(!program.isSession)
    }

    @Test func pyconContinuationLines() {
        let block = CodeBlock(index: 1, line: 1, language: "pycon", code: ">>> def f(x):\n...     return x\n>>> f(3)\n3")
        #expect(block.source == "def f(x):\n    return x\nf(3)\n")
    }

    @Test func directives() throws {
        let blocks = Extractor.blocks(in: """
        <!-- pyvs: timeout=5 expect-error -->
        ```python
        x
        ```
        <!-- pyvs: requires=numpy,aiohttp; skip -->

        ```python
        y
        ```
        <!-- a comment -->
        ```python
        z
        ```
        <!-- pyvs: timeout=zero -->
        ```python
        w
        ```
        """)
        #expect(blocks[0].directives.timeout == 5 && blocks[0].directives.expectError)
        #expect(blocks[1].directives.requires == ["numpy", "aiohttp"] && blocks[1].directives.skip)
        #expect(blocks[2].directives == Directives())
        #expect(blocks[3].directives.unknown == ["timeout=zero"])
    }

    /// Containers as CommonMark reads them: a fence in a blockquote is a
    /// block (its "> " removed); a fence indented four spaces is the text of
    /// an indented code block, listed and never run; a fence inside an HTML
    /// comment is no block; an unclosed fence ends with its blockquote.
    @Test func blocksInsideAndOutsideContainers() throws {
        let text = """
        > Quoted:
        >
        > ```python
        > print("quoted")
        > ```

            ```python
            print("indented")
            ```

        <!--
        ```python
        print("commented")
        ```
        -->

        1. A step:

           ```python
           print("listed")
           ```

        > ~~~python
        > print("unclosed in a quote")

        after the quote
        """
        let blocks = Extractor.blocks(in: text)
        #expect(blocks.map(\.line) == [3, 7, 19, 23])
        #expect(blocks.map(\.fenced) == [true, false, true, true])
        #expect(blocks.map(\.isPython) == [true, false, true, true])
        #expect(blocks[0].code == "print(\"quoted\")")
        #expect(blocks[1].code == "```python\nprint(\"indented\")\n```")
        #expect(blocks[2].code == "print(\"listed\")")
        #expect(blocks[3].code == "print(\"unclosed in a quote\")")
        #expect(!blocks.contains { $0.code.contains("commented") })
    }

    @Test func chineseTextKeepsLineNumbers() {
        let blocks = Extractor.blocks(in: "# 并发\n\n说明：\n```python\nprint('你好')\n```\n")
        #expect(blocks.first?.line == 4)
    }
}

@Suite struct LineEndingTests {
    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingFindsTheSameBlocksAtTheSameLines(ending: String) {
        let document = ["# title", "", "```python", "print(1)", "x = 2", "```", "", "~~~py", "y = 3", "~~~", ""].joined(separator: ending)
        let blocks = Extractor.blocks(in: document)
        #expect(blocks.map(\.line) == [3, 8])
        #expect(blocks.map(\.code) == ["print(1)\nx = 2", "y = 3"])
        #expect(blocks.allSatisfy { $0.isPython })
    }

    @Test func mixedEndingsCountEachOnce() {
        #expect(Extractor.lines("a\r\nb\rc\nd").map(String.init) == ["a", "b", "c", "d"])
        #expect(Extractor.lines("a\r\n").map(String.init) == ["a", ""])
        #expect(Extractor.lines("").map(String.init) == [""])
    }
}

@Suite struct TitleTests {
    @Test func theFirstHeadingOutsideCode() {
        #expect(Extractor.title(in: "intro\n```python\n# not a title\n```\n## 并发指南 ##\n# Later\n") == "并发指南")
        #expect(Extractor.title(in: "#hashtag\nno heading\n") == nil)
        #expect(Extractor.title(in: "") == nil)
        #expect(Extractor.title(in: "<!--\n# hidden\n-->\nSetext *title*\n=====\n") == "Setext title")
    }
}
