import Testing
@testable import Processes

/// The /proc formats pyvs parses by hand (they are read at every look).
@Suite struct ProcFormatTests {
    private func parse<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
        Array(text.utf8).withUnsafeBytes(body)
    }

    @Test func aChildrenLinkAndLoadavgAreReadAsNumbers() {
        #expect(parse("12 345 6789 ", ProcessTree.numbers(in:)) == [12, 345, 6789])
        #expect(parse("", ProcessTree.numbers(in:)) == [])
        #expect(parse("0.52 0.58 0.59 2/345 12345\n", ProcessTree.lastPid(in:)) == 12345)
    }

    @Test func aStatGivesParentGroupThreadsAndResidentPages() {
        // pid (comm with ") " in it) state ppid pgrp ... threads (field 17) ... rss (field 21)
        let stat = "42 (a) b) S 7 42 42 0 -1 4194560 100 0 0 0 5 1 0 0 20 0 3 0 1000 10000000 2500 18446744073709551615\n"
        let entry = parse(stat, ProcessTree.entry(in:))
        #expect(entry?.parent == 7 && entry?.group == 42 && entry?.threads == 3 && entry?.rssPages == 2500)
        #expect(parse(stat.replacingOccurrences(of: ") S ", with: ") Z "), ProcessTree.entry(in:)) == nil)
    }
}
