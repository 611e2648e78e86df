import Foundation
@testable import Claims
import Contract
import Testing

/// `pyvs claims --scan`: numbers with units about concurrency, English and Chinese.
@Suite struct ClaimScannerTests {
    /// A pattern ICU cannot compile would be skipped without a word: every
    /// one the scanner and the reader use compiles.
    @Test func everyPatternCompiles() {
        let patterns = ClaimScanner.naturalBounds.map(\.pattern) + ClaimScanner.units.map(\.pattern) + ClaimScanner.qualityLabels.map(\.pattern)
            + [ClaimScanner.qualityWords, ClaimScanner.qualityPhrase, ClaimScanner.plainQuality, ClaimScanner.suitedLabel]
            + ClaimReader.subjects.map(\.pattern) + ClaimReader.workloads.map(\.pattern)
            + [ClaimReader.perUnit, ClaimReader.switching, ClaimReader.starting, ClaimReader.thirdParty,
               ClaimReader.counted, ClaimReader.millionWords, ClaimReader.listItem, ClaimReader.baseline, ClaimReader.threadWords]
            + ClaimComparison.levelWords.map(\.pattern) + ClaimComparison.levelEnds.map(\.pattern)
            + ClaimSuggestion.cues.map(\.pattern)
            + [ClaimSuggestion.fasterWords, ClaimSuggestion.slowerWords, ClaimSuggestion.parallelWords, ClaimSuggestion.serialWords]
            + [ClaimFrames.useWords, ClaimFrames.taken, ClaimFrames.suitWords, ClaimFrames.example, ClaimFrames.negation, ClaimFrames.downWords,
               ClaimFrames.contrary, ClaimFrames.joined, ClaimFrames.aside, ClaimFrames.owned]
        for pattern in patterns {
            #expect((try? NSRegularExpression(pattern: pattern, options: .caseInsensitive)) != nil, "\(pattern)")
        }
    }

    @Test func numbersWithUnitsNearConcurrencyWordsAreFound() throws {
        let text = """
        A thread switch costs 5–10 µs.
        - 开销:约5-10微秒(进程切换约20-100微秒)
        # - 每个协程约2KB(栈帧)
        # 在4核CPU上,耗时约为单线程的1/4
        Threads are 2x slower here.

        The file has 200 lines and weighs 3 MB.
        """
        let found = ClaimScanner.scan(text)
        func at(_ line: Int) -> [StatedValue] { found.filter { $0.line == line }.map(\.stated) }
        #expect(at(1).map(\.unit) == [.microsecond] && at(1).first?.min == 5 && at(1).first?.max == 10)
        #expect(at(2).map(\.text) == ["5-10微秒", "20-100微秒"])
        #expect(at(3).first?.unit == .kilobyte && at(3).first?.min == 2)
        #expect(at(4).first?.unit == .times && at(4).first?.min == 0.25)
        #expect(at(5).first?.unit == .times && at(5).first?.max == 2)
        #expect(at(7).isEmpty, "no word about concurrency on or beside it")
    }

    /// A table row is a claim per cell: the row's label names the subject,
    /// the column's header the quantity; the separator and the header are not.
    @Test func tableCellsAreReadWithTheirRowAndColumn() throws {
        let text = """
        | 模型 | 内存占用(1万任务) | 上下文切换开销 |
        |------|------------------|---------------|
        | Python多线程 | 80MB | 50μs |
        | Python协程 | 几KB | 纳秒级 |

        | Runtime | 1M tasks | Notes |
        | --- | --- | --- |
        | Go goroutines | 692 MB | 2 KB stacks |
        | Release year | 2009 | - |
        """
        let found = ClaimScanner.scan(text)
        #expect(found.map(\.line) == [3, 3, 4, 4, 8, 8], "\(found.map { ($0.line, $0.stated.text) })")
        let memory = try #require(found.first)
        #expect(memory.row == "Python多线程" && memory.column == "内存占用(1万任务)" && memory.stated.unit == .megabyte && memory.stated.min == 80)
        #expect(found[1].stated.unit == .microsecond && found[1].column == "上下文切换开销")
        #expect(found[2].stated.min == 2 && found[2].stated.max == 9 && found[2].stated.unit == .kilobyte, "几KB: a few")
        #expect(found[3].stated.min == 1 && found[3].stated.max == 999 && found[3].stated.unit == .nanosecond, "纳秒级: of that order")
        #expect(found[4].row == "Go goroutines" && found[4].column == "1M tasks" && found[4].stated.min == 692)
        #expect(!found.contains { $0.row == "Release year" } || found.allSatisfy { $0.line != 9 }, "a year in a table is no claim")
        // Read: the row names the subject, the header the count.
        let reading = ClaimReader.read(memory)
        #expect(reading.subject == .thread && reading.quantity == .memoryForCount && reading.count == 10_000)
        #expect(ClaimReader.read(found[4]).subject == .goroutine && ClaimReader.read(found[4]).count == 1_000_000)
    }

    /// A table whose rows are the quantities and whose columns the subjects.
    @Test func aTransposedTableNamesItsQuantityByTheRow() throws {
        let found = ClaimScanner.scan("""
            | 特性 | 进程 | 线程 | 协程 |
            |------|------|------|------|
            | **切换开销** | 大（ms级） | 中（μs级） | 小（ns级） |
            | **创建数量** | 几十个 | 几百个 | 几万个 |
            """)
        #expect(found.map(\.row) == Array(repeating: "切换开销", count: 3) + Array(repeating: "创建数量", count: 3))
        #expect(found.map(\.column) == ["进程", "线程", "协程", "进程", "线程", "协程"])
        #expect(found.map(\.stated.unit) == [.millisecond, .microsecond, .nanosecond, .count, .count, .count])
        #expect(found[5].stated.min == 20_000 && found[5].stated.max == 90_000, "几万: 2–9 ten thousands")
    }

    @Test func magnitudesInWordsAndOpenEndedValues() throws {
        let found = ClaimScanner.scan("""
            一台机器可以运行数百万个协程。
            Threads need 10MB+ of stack each.
            Go can run millions of goroutines.
            """)
        #expect(found.map(\.stated.text) == ["数百万", "10MB+", "millions of"], "\(found.map(\.stated.text))")
        #expect(found[0].stated.unit == .count && found[0].stated.min == 1e6 && found[0].stated.max == nil)
        #expect(found[1].stated.unit == .megabyte && found[1].stated.min == 10 && found[1].stated.max == nil)
        #expect(found[2].stated.min == 1e6)
    }

    /// Words that negate a bound turn it round: "not effective for
    /// CPU-bound tasks" is no speedup where "effective for" is one, and
    /// "prevented … from executing in parallel" bounds the parallelism
    /// from above where "in parallel" bounds it from below.
    @Test func negatedWordsBoundFromTheOtherSide() throws {
        let found = ClaimScanner.scan("""
            Multiprocessing is effective for CPU-bound tasks.
            Threading, due to the GIL, is not effective for CPU-bound tasks.
            Processes run in parallel on every core.
            The GIL prevented the CPU-bound threads from executing in parallel.
            """)
        let bounds = found.map { ($0.line, $0.stated.min, $0.stated.max) }
        #expect(bounds.count == 4, "\(found.map { ($0.line, $0.stated.text) })")
        #expect(bounds[0] == (1, 1.1, nil) && bounds[1] == (2, nil, 1.1), "\(bounds)")
        #expect(bounds[2] == (3, 1.5, nil) && bounds[3] == (4, nil, 1.15), "\(bounds)")
    }

    /// A claim with no number but a natural bound, in both languages; a
    /// line with a number keeps its number.
    @Test func wordsWithANaturalBoundAreClaims() throws {
        let found = ClaimScanner.scan("""
            Threads give no speedup on CPU-bound Python.
            多线程在CPU密集型任务上甚至比单线程更慢
            Processes run in parallel on every core.
            counter += 1 from several threads is not thread-safe.
            # 并发（线程）- GIL限制，性能差
            With a lock the counter is thread-safe.
            A thread switch costs 5 µs, faster than a process switch.
            This sentence speaks of nothing in particular, faster or not.
            """)
        #expect(found.map(\.line) == [1, 2, 3, 4, 5, 6, 7], "\(found.map { ($0.line, $0.stated.text) })")
        let bounds = found.map { ($0.stated.min, $0.stated.max, $0.stated.unit) }
        #expect(bounds[0] == (nil, 1.1, .times) && bounds[1] == (nil, 1, .times) && bounds[2] == (1.5, nil, .times))
        #expect(bounds[3] == (1, nil, .count) && bounds[4] == (nil, 1.1, .times) && bounds[5] == (nil, 0, .count))
        #expect(found[6].stated.unit == .microsecond, "a number wins over the words beside it")
    }

    @Test func aClaimFoundIsCompleteWithItsExperiment() throws {
        let file = FoundClaims.read("# 线程切换: 5-10 微秒/次\n", document: "guide.md")
        let first = try #require(file.claims.first)
        #expect(first.line == 1 && first.document == "guide.md")
        #expect(first.measure.scenario == "context-switch" && first.measure.variant == "py.threads" && first.measure.metric == "per_switch_s")
        #expect(first.stated.min == 5 && first.stated.max == 10 && first.stated.unit == .microsecond, "a range is judged as stated")
    }

    /// Code speaks through its comments; timelines, questions and diagrams state no cost.
    @Test func codeTimelinesAndQuestionsAreNotClaims() {
        let text = """
        ```python
        if elapsed > 5: print("线程安全版本")  # 5 ms per thread switch
        x = 10  # nothing here
        ```
        t=5ms: thread T1 releases the GIL
        Why are threads 10x slower?
        ── threads ── 5 ms ──
        """
        let found = ClaimScanner.scan(text)
        #expect(found.map(\.line) == [2], "\(found.map { ($0.line, $0.stated.text) })")
        #expect(found.first?.stated.text == "5 ms")
    }

    /// A bound's words are whole words: "significant speed-up" holds no "can't speed".
    @Test func boundsAreReadAsWholeWords() {
        let found = ClaimScanner.scan("Processes give a significant speed-up.\nThreading does not provide a speed-up for CPU-bound tasks.\n")
        #expect(found.map(\.line) == [1, 2], "\(found.map { ($0.line, $0.stated.text) })")
        #expect(found.first?.stated.min == 1.1 && found.first?.stated.max == nil, "a speed-up given, not one denied")
        #expect(found.last?.stated.max == 1.1)
    }

    @Test func theSectionsOfALineAreTheHeadingsAboveItOfHigherLevels() {
        let lines = ["# A", "## B", "text", "```python", "# a comment", "```", "## C", "### D", "text", "# E", "text"]
        let sections = ClaimScanner.sections(lines, fenced: [4, 5, 6])
        #expect(sections[2] == ["## B", "# A"])
        // A heading is under its parents, not the sibling it closes.
        #expect(sections[6] == ["# A"])
        #expect(sections[5] == ["## B", "# A"])
        #expect(sections[8] == ["### D", "## C", "# A"])
        #expect(sections[10] == ["# E"])
    }

    /// Words matched without their emphasis are quoted with the marks that close what they open.
    /// "非常" is no negation: "非常适合" leans up, as "适合" does; "并非适合" turns it.
    @Test func veryIsNoNegation() {
        let up = ClaimSuggestion.leaning(line: 1, lines: ["多线程非常适合 I/O 密集型任务。"], headings: [])
        #expect(up?.stated.min == 1.1 && up?.stated.max == nil, "\(String(describing: up?.stated))")
        let down = ClaimSuggestion.leaning(line: 1, lines: ["多线程并非适合 CPU 密集型任务。"], headings: [])
        #expect(down?.stated.min == nil && down?.stated.max == 1.1, "\(String(describing: down?.stated))")
    }

    @Test func boundsAreQuotedWithTheMarksTheyOpen() {
        let words = ClaimScanner.bounds(in: "- **CPU-bound work**: Use `multiprocessing` to bypass the GIL.").map(\.2)
        #expect(words.contains("Use `multiprocessing`"), "\(words)")
        #expect(ClaimScanner.bounds(in: "only **one thread executes** at a time").map(\.2) == ["only **one thread executes**"])
    }
}
