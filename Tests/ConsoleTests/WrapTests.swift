import Console
import Testing

@Suite struct WrapTests {
    @Test func proseBreaksBetweenWordsUnderItsLabel() {
        let line = "warning: cpu-bound py.pool: 1 of 5 runs is an outlier (1.2 s against a median of 560 ms); consider re-running"
        let lines = Format.wrap(line, width: 40)
        #expect(lines.allSatisfy { Format.displayWidth($0) <= 40 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("         ") && !$0.hasPrefix("          ") })  // under the text after "warning: "
        // Nothing is lost or broken: the words read back in order.
        #expect(lines.joined(separator: " ").split(separator: " ") == line.split(separator: " "))
    }

    @Test func indentedLinesKeepTheirIndentAndLongWordsStayWhole() {
        let word = String(repeating: "x", count: 50)
        let lines = Format.wrap("  py.serial: \(word) tail", width: 30)
        // "py.serial: " is no label of words: continuation lines go two past the indent.
        #expect(lines == ["  py.serial:", "    \(word)", "    tail"])
        #expect(Format.wrap("short", width: 30) == ["short"])
        #expect(Format.wrap(String(repeating: "word ", count: 30), width: nil).count == 1)
    }
}
