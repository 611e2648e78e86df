/// `--check-output`: what a block printed against the output block the
/// document shows after it, compared loosely — numbers may differ (they are
/// timings, ids, addresses), blank lines and trailing spaces do not count,
/// and the same lines in another order match (concurrent output interleaves).
public enum OutputCheck {
    /// nil when they match; otherwise what differs, as a diff ("- " shown,
    /// "+ " printed) and a one-line summary.
    public static func compare(shown: String, printed: String) -> (summary: String, diff: String)? {
        let want = lines(shown), got = lines(printed)
        let (wantShape, gotShape) = (want.map(shape), got.map(shape))
        if wantShape == gotShape || wantShape.sorted() == gotShape.sorted() { return nil }
        let script = diff(wantShape, gotShape)
        var out: [String] = []
        var first: String?
        var (i, j) = (0, 0)
        for step in script {
            switch step {
            case .same: out.append("  " + got[j]); i += 1; j += 1
            case .shown:
                out.append("- " + want[i])
                first = first ?? "the document shows \(quoted(want[i])) where it printed \(j < got.count ? quoted(got[j]) : "nothing more")"
                i += 1
            case .printed:
                out.append("+ " + got[j])
                first = first ?? "it printed \(quoted(got[j])), which the document does not show"
                j += 1
            }
        }
        return (first ?? "the output differs", out.joined(separator: "\n"))
    }

    /// Lines that count: trailing spaces trimmed, blank lines dropped.
    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()) }
            .filter { !$0.isEmpty }
    }

    /// A line with every number (integer, decimal, exponent, 0x hex) as "#".
    static func shape(_ line: String) -> String {
        func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
        var out = ""
        var characters = Substring(line)
        while let character = characters.first {
            guard isDigit(character) else {
                out.append(character)
                characters = characters.dropFirst()
                continue
            }
            var rest = characters
            if character == "0", let x = rest.dropFirst().first, x == "x" || x == "X" {
                rest = rest.dropFirst(2).drop { $0.isASCII && $0.isHexDigit }
            } else {
                rest = rest.drop(while: isDigit)
                if rest.first == ".", let next = rest.dropFirst().first, isDigit(next) { rest = rest.dropFirst().drop(while: isDigit) }
                if let e = rest.first, e == "e" || e == "E" {
                    let exponent = rest.dropFirst().drop { $0 == "+" || $0 == "-" }.prefix(1)
                    if let digit = exponent.first, isDigit(digit) {
                        rest = rest.dropFirst().drop { $0 == "+" || $0 == "-" }.drop(while: isDigit)
                    }
                }
            }
            out += "#"
            characters = rest
        }
        return out
    }

    static func quoted(_ line: String) -> String {
        "'" + (line.count > 50 ? String(line.prefix(49)) + "…" : line) + "'"
    }

    enum Step { case same, shown, printed }

    /// The shortest edit script between two lists of lines (longest common
    /// subsequence; the lists are a block's output, a few hundred lines).
    static func diff(_ a: [String], _ b: [String]) -> [Step] {
        let (n, m) = (min(a.count, 2_000), min(b.count, 2_000))
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var steps: [Step] = []
        var (i, j) = (0, 0)
        while i < n && j < m {
            if a[i] == b[j] { steps.append(.same); i += 1; j += 1 } else if table[i + 1][j] >= table[i][j + 1] { steps.append(.shown); i += 1 } else { steps.append(.printed); j += 1 }
        }
        steps += Array(repeating: .shown, count: n - i) + Array(repeating: .printed, count: m - j)
        return steps
    }
}
