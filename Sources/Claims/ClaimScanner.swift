import Bench
import Contract
import Foundation

/// `pyvs claims --scan DOC.md`: the document's numeric statements about
/// concurrency costs — a number (or range, or fraction) with a unit of time,
/// memory, ratio or percentage, or a magnitude in words ("几KB", "纳秒级",
/// "数百万", "10MB+"), on a line (or beside one) that speaks of threads,
/// processes, coroutines, switches, the GIL, tasks, pools; in a table, a
/// cell read with its row's label and its column's header — in English and
/// Chinese, listed as draft claims for the user to complete with the
/// scenario, variant and metric that test them.
public enum ClaimScanner {
    /// One statement found: where, the line, and the value as stated.
    public struct Candidate: Sendable {
        public var line: Int
        public var text: String
        public var stated: StatedValue
        /// The words that made it a statement about concurrency.
        public var about: [String]
        /// In a table: the row's label (its first cell) and the column's header.
        public var row: String?
        public var column: String?
    }

    /// Units as documents write them, and what pyvs calls them.
    static let units: [(pattern: String, unit: StatedUnit)] = [
        (#"微秒|µs|μs|us\b|microseconds?"#, .microsecond), (#"纳秒|ns\b|nanoseconds?"#, .nanosecond),
        (#"毫秒|ms\b|milliseconds?"#, .millisecond), (#"秒|s\b|sec\b|secs\b|seconds?"#, .second),
        (#"KB|KiB|kB|千字节"#, .kilobyte), (#"MB|MiB|兆"#, .megabyte), (#"GB|GiB"#, .gigabyte),
        (#"x\b|×|倍|times\b"#, .times), (#"%|percent"#, .times),
    ]

    /// Words that make a number a statement about concurrency.
    static let topics = [
        "thread", "线程", "process", "进程", "coroutine", "协程", "switch", "切换", "context", "上下文", "gil", "task", "任务",
        "asyncio", "async", "await", "pool", "池", "fork", "spawn", "worker", "并发", "并行", "concurren", "parallel",
        "overhead", "开销", "stack", "栈", "memory", "内存", "speedup", "faster", "slower", "快", "慢", "耗时", "cpu", "核",
        "goroutine", "tokio",
    ]

    /// Topic words that compare rather than name a subject: a line of words
    /// alone ("faster or not") needs a subject besides them to be a claim.
    static let comparisons: Set<String> = ["speedup", "faster", "slower", "快", "慢", "耗时", "overhead", "开销"]

    static let number = #"(\d+(?:\.\d+)?)(?:\s*(?:-|–|—|~|～|到|至|to)\s*(\d+(?:\.\d+)?))?"#

    /// Every candidate in `text`, in document order (several on one line are listed one by one).
    public static func scan(_ text: String) -> [Candidate] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [Candidate] = []
        var header: [String]?
        for (offset, line) in lines.enumerated() {
            let cells = tableCells(line)
            if let cells {
                if header == nil {
                    header = cells
                } else if let header, !isSeparator(cells) {
                    found += tableCandidates(cells, header: header, line: offset + 1, text: line)
                }
                continue
            }
            header = nil
            let lowered = line.lowercased()
            // The line itself, or its neighbours for a number alone on its line.
            let near = [offset - 1, offset, offset + 1].filter { lines.indices.contains($0) }.map { lines[$0].lowercased() }.joined(separator: " ")
            let about = topics.filter { lowered.contains($0) }
            let nearby = about.isEmpty ? topics.filter { near.contains($0) } : about
            guard !nearby.isEmpty else { continue }
            // A line with no figure may still state one by its words ("no speedup", "不安全"), about its own subject.
            let stated = values(in: line)
            let subject = about.contains { !comparisons.contains($0) }
            for (value, unit, statedText) in stated.isEmpty && subject ? bounds(in: line) : stated {
                found.append(Candidate(line: offset + 1, text: line.trimmingCharacters(in: .whitespaces),
                                       stated: StatedValue(min: value.min, max: value.max, unit: unit, text: statedText), about: nearby))
            }
        }
        return found
    }

    /// Claims with no number but a natural bound, the first that fits: no
    /// speedup (at most 1.1×), slower (under 1×), faster (at least 1.1×),
    /// in parallel (parallelism at least 1.5), not thread-safe (at least one
    /// lost update), thread-safe (none lost). The negative forms are looked
    /// for first: "no speedup" also holds "speedup".
    static let naturalBounds: [(pattern: String, min: Double?, max: Double?, unit: StatedUnit)] = [
        (#"not thread[- ]safe|isn'?t thread[- ]safe|race condition|data race|loses? updates|线程不安全|不安全|数据竞争|竞态"#, 1, nil, .count),
        (#"thread[- ]safe|no (?:update is )?lost|never lose|线程安全|不会丢失"#, nil, 0, .count),
        (#"no speed-?up|not (?:any )?faster|no faster|(?:does not|doesn'?t|won'?t|cannot|can'?t) speed|没有(?:任何)?(?:提升|加速)|不会(?:更快|加速)|无法加速|性能差"#,
         nil, 1.1, .times),
        (#"slower|更慢|反而慢|变慢"#, nil, 1, .times),
        (#"(?:true|real|truly) parallel|in parallel|真正(?:的)?并行|并行执行"#, 1.5, nil, .times),
        (#"faster|speeds? up|更快|加速"#, 1.1, nil, .times),
    ]

    static func bounds(in line: String) -> [((min: Double?, max: Double?), StatedUnit, String)] {
        let range = NSRange(line.startIndex..., in: line)
        for bound in naturalBounds {
            guard let expression = try? NSRegularExpression(pattern: bound.pattern, options: .caseInsensitive),
                  let match = expression.firstMatch(in: line, range: range), let words = Range(match.range, in: line) else { continue }
            return [((bound.min, bound.max), bound.unit, String(line[words]))]
        }
        return []
    }

    /// A Markdown table row's cells, or nil for a line that is not one.
    static func tableCells(_ line: String) -> [String]? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("|"), trimmed.count > 1 else { return nil }
        // Emphasis and code marks are not the cell's words ("**切换开销**").
        var cells = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "*_`")) }
        if trimmed.hasSuffix("|") { cells.removeLast() }
        return cells
    }

    static func isSeparator(_ cells: [String]) -> Bool {
        cells.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-:".contains($0) } }
    }

    /// A table row's values: each cell after the first, read with the
    /// column's header (which may carry the quantity: "内存占用(1万任务)")
    /// and the row's label (the subject: "Python多线程"). A row is about
    /// concurrency when its label, the header or the cell says so.
    static func tableCandidates(_ cells: [String], header: [String], line: Int, text: String) -> [Candidate] {
        guard let label = cells.first else { return [] }
        var found: [Candidate] = []
        for (index, cell) in cells.enumerated().dropFirst() {
            let column = header.indices.contains(index) ? header[index] : ""
            let words = [label, column, cell, header.first ?? ""].joined(separator: " ").lowercased()
            let about = topics.filter { words.contains($0) }
            guard !about.isEmpty else { continue }
            for (value, unit, statedText) in values(in: cell) {
                found.append(Candidate(line: line, text: text.trimmingCharacters(in: .whitespaces),
                                       stated: StatedValue(min: value.min, max: value.max, unit: unit, text: statedText), about: about,
                                       row: label, column: column.isEmpty ? nil : column))
            }
        }
        return found
    }

    /// The numbers with units on one line: each value (or range, or a
    /// fraction such as "1/4", read as a ratio), its unit and its words.
    static func values(in line: String) -> [((min: Double?, max: Double?), StatedUnit, String)] {
        var out: [((min: Double?, max: Double?), StatedUnit, String)] = []
        let range = NSRange(line.startIndex..., in: line)
        if let fraction = try? NSRegularExpression(pattern: #"(?<![\d.])(\d+)\s*/\s*(\d+)(?![\d.])"#) {
            for match in fraction.matches(in: line, range: range) {
                guard let whole = Range(match.range, in: line), let top = Double(line[Range(match.range(at: 1), in: line)!]),
                      let bottom = Double(line[Range(match.range(at: 2), in: line)!]), bottom > 1, top < bottom else { continue }
                out.append(((top / bottom, top / bottom), .times, String(line[whole])))
            }
        }
        for (pattern, unit) in units {
            guard let expression = try? NSRegularExpression(pattern: #"(?<![\d.])"# + number + #"\s*(?:"# + pattern + ")") else { continue }
            for match in expression.matches(in: line, range: range) {
                guard let whole = Range(match.range, in: line) else { continue }
                // A longer unit already took these words ("ms" before "s").
                if out.contains(where: { line.range(of: $0.2).map { $0.overlaps(whole) } ?? false }) { continue }
                let first = Double(line[Range(match.range(at: 1), in: line)!])
                let second = Range(match.range(at: 2), in: line).flatMap { Double(line[$0]) }
                var value = (min: first, max: second ?? first)
                if pattern.hasPrefix("%") { value = (value.min.map { $0 / 100 }, value.max.map { $0 / 100 }) }
                var words = String(line[whole])
                // "10MB+": at least.
                if line[whole.upperBound...].first == "+" {
                    value.max = nil
                    words += "+"
                }
                out.append((value, unit, words))
            }
        }
        return out + magnitudes(in: line)
    }

    /// Orders of magnitude in words, and what they bound. "几" is a few
    /// (2–9) of a unit; "纳秒级" of the order of nanoseconds (1–999);
    /// "数百万" or "millions of" at least a million.
    static let fewOf = #"几\s*(?:个)?\s*"#
    static let orders: [(pattern: String, unit: StatedUnit)] = [
        ("(?:纳秒|ns)\\s*级", .nanosecond), ("(?:微秒|µs|μs|us)\\s*级", .microsecond), ("(?:毫秒|ms)\\s*级", .millisecond),
    ]
    /// "几十个", "几百", "几万": a few tens, hundreds, ten thousands (2–9 of them).
    static let fewTimes: [(pattern: String, base: Double)] = [("几百万", 1e6), ("几十万", 1e5), ("几万", 1e4), ("几千", 1e3), ("几百", 100), ("几十", 10)]
    static let counts: [(pattern: String, least: Double)] = [
        ("数十亿|billions of", 1e9), ("数亿", 1e8), ("数千万", 1e7), ("数百万|millions of", 1e6), ("数十万", 1e5),
        ("数万|tens of thousands of", 1e4), ("数千|thousands of", 1e3), ("数百|hundreds of", 100),
    ]

    static func magnitudes(in line: String) -> [((min: Double?, max: Double?), StatedUnit, String)] {
        var out: [((min: Double?, max: Double?), StatedUnit, String)] = []
        let range = NSRange(line.startIndex..., in: line)
        func matches(_ pattern: String) -> [String] {
            guard let expression = try? NSRegularExpression(pattern: pattern, options: .caseInsensitive) else { return [] }
            return expression.matches(in: line, range: range).compactMap { Range($0.range, in: line).map { String(line[$0]) } }
        }
        for (pattern, unit) in units where unit != .times {
            for words in matches(fewOf + "(?:" + pattern + ")") { out.append(((2, 9), unit, words)) }
        }
        for (pattern, unit) in orders {
            for words in matches(pattern) { out.append(((1, 999), unit, words)) }
        }
        var taken: [String] = []
        for (pattern, base) in fewTimes {
            for words in matches(pattern) where !taken.contains(where: { $0.contains(words) }) {
                taken.append(words)
                out.append(((2 * base, 9 * base), .count, words))
            }
        }
        for (pattern, least) in counts {
            // The longest names first: "数百万" is not also "数百".
            for words in matches(pattern) where !taken.contains(where: { $0.contains(words) }) {
                taken.append(words)
                out.append(((least, nil), .count, words))
            }
        }
        return out
    }

    /// The candidates as draft entries of a claims file: each with the
    /// document, line, quote and stated value, and a measure to complete.
    public static func draft(_ candidates: [Candidate], document: String) -> [[String: Any]] {
        candidates.enumerated().map { index, candidate in
            var stated: [String: Any] = ["unit": candidate.stated.unit.rawValue, "text": candidate.stated.text]
            if let min = candidate.stated.min { stated["min"] = min }
            if let max = candidate.stated.max { stated["max"] = max }
            return [
                "id": "line-\(candidate.line)-\(index + 1)",
                "quote": candidate.text,
                "document": document,
                "line": candidate.line,
                "stated": stated,
                "measure": ["scenario": "TODO: a scenario (pyvs list)", "variant": "TODO: its variant", "metric": "TODO: wall, speedup, peak_rss or a metric key"],
                "meaning": "TODO: what it says" + (candidate.row.map { ", of \($0)" } ?? "") + (candidate.column.map { ", under \"\($0)\"" } ?? "")
                    + ", about " + candidate.about.prefix(3).joined(separator: ", "),
            ]
        }
    }
}
