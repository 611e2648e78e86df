import Claims
import Contract
import Testing

/// `pyvs claims --scan`: numbers with units about concurrency, English and Chinese.
@Suite struct ClaimScannerTests {
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

    @Test func draftsNameTheirLineAndLeaveTheMeasureToComplete() throws {
        let drafts = ClaimScanner.draft(ClaimScanner.scan("# 线程切换: 5-10 微秒/次\n"), document: "guide.md")
        let first = try #require(drafts.first)
        #expect(first["line"] as? Int == 1 && first["document"] as? String == "guide.md")
        #expect(((first["measure"] as? [String: String])?["scenario"] ?? "").hasPrefix("TODO"))
    }
}
