import Report
import Testing

@Suite struct CSVTests {
    /// RFC 4180: CRLF after every line; a field with a comma, a quote or a
    /// line break is quoted, its quotes doubled; empty cells for nil.
    @Test func fieldsAreQuotedAsRFC4180Says() {
        var table = CSVTable(header: ["name", "value", "note"])
        table.append(["plain", 1.5, nil])
        table.append(["a, b", 2, "said \"no\"\nthen yes"])
        table.append(["crlf\r\nend", Double.nan, true])
        #expect(table.text == "name,value,note\r\n"
            + "plain,1.5,\r\n"
            + "\"a, b\",2,\"said \"\"no\"\"\nthen yes\"\r\n"
            + "\"crlf\r\nend\",,true\r\n")
    }

    /// Figures in full: the shortest text that reads back as the same number.
    @Test func numbersAreNotRounded() {
        var table = CSVTable(header: ["x"])
        table.append([0.1 + 0.2])
        #expect(table.rows == [["0.30000000000000004"]])
    }
}
