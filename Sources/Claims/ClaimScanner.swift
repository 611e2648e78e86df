import Bench
import Contract
import Foundation

/// `pyvs claims --scan DOC.md`: the document's numeric statements about
/// concurrency costs — a number (or range, or fraction) with a unit of time,
/// memory, ratio or percentage, on a line (or beside one) that speaks of
/// threads, processes, coroutines, switches, the GIL, tasks, pools — in
/// English and Chinese, listed as draft claims for the user to complete with
/// the scenario, variant and metric that test them.
public enum ClaimScanner {
    /// One statement found: where, the line, and the value as stated.
    public struct Candidate: Sendable {
        public var line: Int
        public var text: String
        public var stated: StatedValue
        /// The words that made it a statement about concurrency.
        public var about: [String]
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
    ]

    static let number = #"(\d+(?:\.\d+)?)(?:\s*(?:-|–|—|~|～|到|至|to)\s*(\d+(?:\.\d+)?))?"#

    /// Every candidate in `text`, in document order (several on one line are listed one by one).
    public static func scan(_ text: String) -> [Candidate] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [Candidate] = []
        for (offset, line) in lines.enumerated() {
            let lowered = line.lowercased()
            // The line itself, or its neighbours for a number alone on its line.
            let near = [offset - 1, offset, offset + 1].filter { lines.indices.contains($0) }.map { lines[$0].lowercased() }.joined(separator: " ")
            let about = topics.filter { lowered.contains($0) }
            let nearby = about.isEmpty ? topics.filter { near.contains($0) } : about
            guard !nearby.isEmpty else { continue }
            for (value, unit, statedText) in values(in: line) {
                found.append(Candidate(line: offset + 1, text: line.trimmingCharacters(in: .whitespaces),
                                       stated: StatedValue(min: value.min, max: value.max, unit: unit, text: statedText), about: nearby))
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
                out.append((value, unit, String(line[whole])))
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
                "meaning": "TODO: what it says, about " + candidate.about.prefix(3).joined(separator: ", "),
            ]
        }
    }
}
