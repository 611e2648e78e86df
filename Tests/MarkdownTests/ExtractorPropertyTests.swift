import Markdown
import Testing

/// Random documents built from the pieces that trouble Markdown readers:
/// fences of both kinds and lengths, indents, blockquotes, comments,
/// directives, unclosed fences, CRLF and CR, Chinese text, stray backticks.
/// For every one, the extractor must not crash, and every fenced block it
/// returns must start at a line holding an opening fence (inside a quote or a
/// list item too), in order, within the text; indented blocks never run.
@Suite struct ExtractorPropertyTests {
    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    static let pieces = [
        "```python", "```", "~~~", "~~~py", "````python3", "````", "  ```python", "    ```", "> ```python", "- ```py",
        "print('x')", ">>> 1 + 1", "2", "", "   ", "<!-- pyvs: skip -->", "<!-- pyvs: timeout=5 -->", "<!--", "-->",
        "# 标题", "并发 `code` ```inline```", "\t```python", "``", "~~", "```{.python}", "```bash", "x = 1  ```",
    ]

    func document(seed: UInt64) -> String {
        var generator = Generator(state: seed)
        let count = Int(generator.next() % 40)
        let ending = generator.pick(["\n", "\r\n", "\r"])
        return (0..<count).map { _ in generator.pick(Self.pieces) }.joined(separator: ending)
    }

    @Test func blocksAlwaysStartAtAFenceLine() {
        for seed in UInt64(1)...2_000 {
            let text = document(seed: seed)
            let lines = Extractor.lines(text)
            let blocks = Extractor.blocks(in: text)
            var previous = 0
            for (position, block) in blocks.enumerated() {
                #expect(block.index == position + 1, "seed \(seed)")
                #expect(block.line > previous && block.line <= lines.count, "seed \(seed): line \(block.line)")
                previous = block.line
                // A fenced block starts at its fence (after any blockquote markers).
                let fence = lines[block.line - 1].drop { $0 == " " || $0 == "\t" || $0 == ">" || $0 == "-" }
                if block.fenced {
                    #expect(fence.hasPrefix("```") || fence.hasPrefix("~~~"), "seed \(seed): line \(block.line) is '\(fence)'")
                } else {
                    #expect(!block.isPython, "seed \(seed): an indented block at line \(block.line) would run")
                }
                #expect(!block.code.contains("\r"), "seed \(seed): a line ending left in the code")
            }
        }
    }
}
