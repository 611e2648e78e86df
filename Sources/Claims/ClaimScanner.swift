import Bench
import Contract
import Foundation
import Markdown

/// `pyvs claims --scan DOC.md`: the document's numeric statements about
/// concurrency costs — a number (or range, or fraction) with a unit of time,
/// memory, ratio or percentage, or a magnitude in words ("几KB", "纳秒级",
/// "数百万", "10MB+"), on a line (or beside one) that speaks of threads,
/// processes, coroutines, switches, the GIL, tasks, pools; in a table, a
/// cell read with its row's label and its column's header — in English and
/// Chinese: the statements `ClaimReader` reads and `FoundClaims` maps to the
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
        /// The lines just above (up to twenty), nearest last: where a line
        /// that does not name its subject was told it, and the code it speaks of.
        public var before: [String] = []
        /// The headings it is under, nearest first, each of a higher level than
        /// the one before ("#### ETL Pipeline", "### 3. MIXED WORKLOAD TASKS").
        public var headings: [String] = []
        /// What a claim stated in words says by its label ("Switching Cost"), where it says.
        public var quantity: ClaimQuantity?
        /// On a line of code, its comment: what the line says in words (the
        /// code names the subject, "threading.Thread", but states nothing).
        public var words: String?
        /// Which occurrence on the line of the stated words this is (0: the
        /// first): "多进程不受GIL的影响，而…线程则受GIL的影响" states two.
        public var occurrence = 0
        /// In a matrix that ranks its columns in words ("| Switching | High | Low |"):
        /// the other column's header, and which way this cell lies from it.
        public var versus: String?
        public var direction: ClaimComparison.Direction?
        /// For a list item, the words naming its list's subject (`ClaimReader.listSubject`).
        public var listed: String?
        /// The reading made where it was found: a frame's (`ClaimFrames`), which names its subject and work.
        var reading: ClaimReading?
    }

    /// Units as documents write them, and what pyvs calls them.
    static let units: [(pattern: String, unit: StatedUnit)] = [
        (#"微秒|µs|μs|us\b|microseconds?"#, .microsecond), (#"纳秒|ns\b|nanoseconds?"#, .nanosecond),
        (#"毫秒|ms\b|milliseconds?"#, .millisecond), (#"秒|s\b|sec\b|secs\b|seconds?"#, .second),
        (#"KB|KiB|kB|千字节|k(?=\s*的?\s*(?:内存|运行栈|栈|stack|memory))|k\b(?<=(?:上下文|栈|stack|内存|memory)\S{0,4}\s{0,2}\d{1,4}\s{0,2}k)"#, .kilobyte), (#"MB|MiB|兆"#, .megabyte), (#"GB|GiB"#, .gigabyte),
        (#"x\b|×|倍|times\b"#, .times), (#"%|percent"#, .times),
        (#"requests? per second|req/s\b|rps\b|qps\b|请求/秒|次/秒"#, .count),
    ]

    /// Words that make a number a statement about concurrency.
    static let topics = [
        "thread", "线程", "process", "进程", "coroutine", "co-routine", "协程", "switch", "切换", "context", "上下文", "gil", "task", "任务",
        "asyncio", "async", "await", "pool", "池", "fork", "spawn", "worker", "并发", "并行", "concurren", "parallel",
        "overhead", "开销", "stack", "栈", "memory", "内存", "speedup", "faster", "slower", "快", "慢", "耗时", "cpu", "核",
        "goroutine", "go routine", "tokio", "i/o", "io密集", "io-bound", "io bound",
    ]

    /// Topic words that compare rather than name a subject: a line of words
    /// alone ("faster or not") needs a subject besides them to be a claim.
    static let comparisons: Set<String> = ["speedup", "faster", "slower", "快", "慢", "耗时", "overhead", "开销"]

    static let number = #"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:-|–|—|~|～|到|至|to)\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?))?"#

    /// Every candidate in `text`, in document order (several on one line are listed one by one).
    public static func scan(_ text: String) -> [Candidate] { scan(DocumentLayout(text)) }

    /// Every candidate in a document laid out as `layout`.
    static func scan(_ layout: DocumentLayout) -> [Candidate] {
        let (lines, program, front, contents) = (layout.lines, layout.program, layout.front, layout.contents)
        var found: [Candidate] = []
        var header: [String]?
        let points = keypoints(lines, front: front)
        for (offset, whole) in lines.enumerated() where (!front.contains(offset) || points[offset] != nil) && !contents.contains(offset) {
            // In a program, its comments speak; its code does not ("if elapsed > 5ms", print("线程安全版本")).
            guard let line = points[offset] ?? (program.contains(offset + 1) ? comment(in: whole) : whole) else { continue }
            // A question asks rather than claims ("为什么进程能并行执行？"), and so does a heading that
            // announces an answer ("## Why green threads scale to millions"); a diagram's rule draws.
            let asks = line.range(of: #"^#+\s*(?:\d[\d.]*\s*)?(?:why|how|what|when|为什么|为何|如何|怎么|什么)"#,
                                  options: [.regularExpression, .caseInsensitive]) != nil || Self.asks(line)
            if asks || line.contains("──") { header = nil; continue }
            let cells = tableCells(line)
            if let cells {
                if header == nil {
                    header = cells
                } else if let header, !isSeparator(cells) {
                    found += tableCandidates(cells, header: header, line: offset + 1, text: line)
                        .map { var candidate = $0; candidate.before = Array(lines[max(0, offset - 20)..<offset]); return candidate }
                }
                continue
            }
            // A rule written without its outer pipes ("---|-----|-----|---") still rules the header above.
            if header != nil, line.range(of: #"^\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$"#, options: .regularExpression) != nil { continue }
            header = nil
            // Prose wraps: a sentence may go on over the lines below ("… avoiding the bugs, race" / "conditions").
            let wrapped = program.contains(offset + 1) || points[offset] != nil ? line : line + continuation(after: offset, in: lines, program: program)
            let lowered = line.lowercased()
            // The line itself, or its neighbours for a number alone on its line.
            let near = [offset - 1, offset, offset + 1].filter { lines.indices.contains($0) }.map { lines[$0].lowercased() }.joined(separator: " ")
            let above = lines[max(0, offset - 3)..<offset].joined(separator: " ").lowercased()
            var about = topics.filter { lowered.contains($0) }
            // "Cost: ~200 nanoseconds" under "### Context Switch Cost": a cost whose subject is told above.
            if about.isEmpty, line.range(of: costWords, options: [.regularExpression, .caseInsensitive]) != nil, !values(in: line).isEmpty {
                let heading = lines[max(0, offset - 6)..<offset].joined(separator: " ").lowercased()
                about = topics.filter { heading.contains($0) && !comparisons.contains($0) }
            }
            // "# 不安全！" beside a counter: thread safety stated of what the lines above named; in a program,
            // of what its code above names ("t1 = threading.Thread(…)" over "print(counter)  # 无锁会小于200000").
            let code = program.contains(offset + 1)
                ? lines[max(0, offset - 12)..<offset].reversed().prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }
                    .joined(separator: " ").lowercased() : above
            let unsafe = about.isEmpty && line.range(of: safetyWords, options: [.regularExpression, .caseInsensitive]) != nil
                && topics.contains { code.contains($0) && !comparisons.contains($0) }
            // A sentence that wraps, or an item that goes on, names its subject once ("Threading, as a
            // programming model, is best suited to certain kinds of" / "… The true value of threading lies").
            // A list's items are told theirs by the label that opens the list ("**对协程的影响**：").
            let prose = !program.contains(offset + 1) && points[offset] == nil
            let listSubject = prose && line.range(of: ClaimReader.listItem, options: .regularExpression) != nil
                ? ClaimReader.listSubject(Array(lines[max(0, offset - 12)..<offset]), item: whole) : nil
            let listed = listSubject.map { [$0.words.lowercased()] }
            let told = !prose ? []
                : listed ?? topics.filter { sentence(before: offset, in: lines, program: program).lowercased().contains($0) && !comparisons.contains($0) }
            let nearby = about.isEmpty ? topics.filter { near.contains($0) || (unsafe && code.contains($0)) } + told : about
            guard !nearby.isEmpty else { continue }
            // A line with no figure may still state one by its words ("no speedup", "不安全"), about its own subject.
            let stated = values(in: line)
            let subject = about.contains { !comparisons.contains($0) } || unsafe || !told.isEmpty
            let before = Array(lines[max(0, offset - 20)..<offset])
            // A figure and a bound in words may share a line ("~4秒（和单线程几乎一样！）"); words
            // that compare the figure ("5 µs, faster than a process switch") state no bound of their own.
            // A bound read in the wrapped sentence belongs to this line when it begins here.
            let starts = { (words: String) in wrapped.range(of: words).map { wrapped.distance(from: wrapped.startIndex, to: $0.lowerBound) < line.count } ?? false }
            var worded = stated + (subject ? bounds(in: wrapped).filter { (stated.isEmpty || !comparing($0.2, in: line)) && starts($0.2) } : [])
            // An item under "**Use multiprocessing when**:" that names a kind of work ("- CPU-bound work dominates"): it suits it.
            let opener = listed == nil ? nil : ClaimReader.listOpener(Array(lines[max(0, offset - 12)..<offset]), item: whole)
            if worded.isEmpty, let opener, opener.range(of: ClaimReader.useList, options: [.regularExpression, .caseInsensitive]) != nil,
               let (_, work) = ClaimReader.workload(in: [line]) {
                worded.append(((1.1, nil), .times, work))
            }
            let quoted = whole.trimmingCharacters(in: .whitespaces)
            var cursor = quoted.startIndex  // bounds come in order and never overlap: each is found after the one before
            for (index, (value, unit, statedText)) in worded.enumerated() {
                // The whole line is quoted: in code, the code beside the comment names its subject ("threading_test()  # ~1-2 s").
                // A bound that goes on over the next line is read, and quoted, in the whole sentence.
                var candidate = Candidate(line: offset + 1, text: quoted.contains(statedText) ? quoted : wrapped.trimmingCharacters(in: .whitespaces),
                                          stated: StatedValue(min: value.min, max: value.max, unit: unit, text: statedText), about: nearby,
                                          before: before)
                if program.contains(offset + 1) { candidate.words = line }
                candidate.listed = listSubject?.words
                if index >= stated.count, let at = quoted.range(of: statedText, range: cursor..<quoted.endIndex) {
                    candidate.occurrence = quoted[..<at.lowerBound].ranges(of: statedText).count
                    cursor = at.upperBound
                } else {
                    candidate.occurrence = worded[..<index].filter { $0.2 == statedText }.count
                }
                found.append(candidate)
            }
            // "- **Overhead**: Heavy." under "## 1. Process": a quality the section's subject has.
            if worded.isEmpty, let item = itemCandidate(line, number: offset + 1, about: nearby, before: before) {
                found.append(item)
            } else if subject {
                // A cost in words in a sentence of its own, beside one that states a figure or a bound:
                // "协程是一种用户态的轻量级线程. … 协程之间不需要互斥锁" states both.
                found += proseQualityCandidates(line, in: wrapped, number: offset + 1, about: nearby, before: before).filter { quality in
                    let own = ClaimReader.sentence(around: ClaimReader.occurrence(quality.occurrence, of: quality.stated.text, in: wrapped), in: wrapped)
                    return !worded.contains { own.contains($0.2) }
                }
            }
        }
        return found.map { var candidate = $0; candidate.headings = layout.sections[candidate.line - 1]; return candidate }
    }

    /// For each line (0-based), the headings it is under, nearest first: a
    /// heading closes those of its level and below. A "#" line in a fenced
    /// block (`fencedLines`) is code or a comment, not a heading.
    static func sections(_ lines: [String], fenced: Set<Int>) -> [[String]] {
        var open: [(level: Int, text: String)] = []
        return lines.enumerated().map { offset, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let level = trimmed.prefix { $0 == "#" }.count
            guard !fenced.contains(offset + 1), (1...6).contains(level), trimmed.dropFirst(level).first == " " else {
                return open.reversed().map(\.text)
            }
            open.removeAll { $0.level >= level }
            defer { open.append((level, trimmed)) }
            return open.reversed().map(\.text)
        }
    }

    /// The lines after `offset` that go on with its sentence: prose that
    /// does not end there, up to the next blank line, item, heading, table
    /// or fence (two lines at most), joined with spaces.
    static func continuation(after offset: Int, in lines: [String], program: Set<Int>) -> String {
        // Wrapped prose: a long line, no drawing, the next line going on in lower case (or Chinese).
        let first = lines[offset].trimmingCharacters(in: .whitespaces)
        guard first.count >= 40, let last = first.last, !".。!！?？:：;；".contains(last), !first.contains(where: { "│├└┌┐┘─".contains($0) }) else { return "" }
        var more = ""
        for next in (offset + 1)..<min(lines.count, offset + 3) {
            let text = lines[next].trimmingCharacters(in: .whitespaces)
            if endsProse(text, at: next, program: program)
                || text.range(of: ClaimReader.listItem, options: .regularExpression) != nil
                || text.range(of: #"^>?\s*[a-z(\p{Han}]"#, options: .regularExpression) == nil
                || text.contains(where: { "│├└┌┐┘─".contains($0) }) { break }
            more += " " + text.trimmingCharacters(in: CharacterSet(charactersIn: ">").union(.whitespaces))
            if let end = text.last, ".。!！?？".contains(end) { break }
        }
        return more
    }

    /// The start of the sentence that goes on at `offset`: the lines above
    /// in its paragraph or list item (up to six), joined, from the last full
    /// stop; where a sentence that wraps names what it speaks of.
    static func sentence(before offset: Int, in lines: [String], program: Set<Int>) -> String {
        guard lines[offset].range(of: ClaimReader.listItem, options: .regularExpression) == nil else { return "" }
        var above: [String] = []
        for index in stride(from: offset - 1, through: max(0, offset - 6), by: -1) {
            let text = lines[index].trimmingCharacters(in: .whitespaces)
            if endsProse(text, at: index, program: program) { break }
            above.insert(text, at: 0)
            if lines[index].range(of: ClaimReader.listItem, options: .regularExpression) != nil { break }
        }
        let joined = above.joined(separator: " ") + " "  // a full stop at the end of the line above ends its sentence
        return ClaimReader.sentence(before: joined.endIndex, in: joined)
    }

    /// Where every match of `pattern` (case-insensitive) lies in `text`, in
    /// order; none for a pattern ICU rejects (`everyPatternCompiles` checks ours).
    static func ranges(of pattern: String, in text: String) -> [Range<String.Index>] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: .caseInsensitive) else { return [] }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }

    /// Whether the 0-based line `index`, trimmed to `text`, is no prose a
    /// sentence goes on in: a blank line, code, a heading, a table, a fence.
    static func endsProse(_ text: String, at index: Int, program: Set<Int>) -> Bool {
        text.isEmpty || program.contains(index + 1) || text.hasPrefix("#") || text.hasPrefix("|") || text.hasPrefix("```")
    }

    /// Languages whose blocks are programs: only their comments and docstrings are read.
    static let programs: Set<String> = ["python", "py", "python3", "go", "golang", "java", "c", "cpp", "c++", "rust", "rs", "javascript", "js",
                                        "typescript", "ts", "bash", "sh", "shell", "kotlin", "csharp", "cs", "swift"]

    /// A Chinese character (CJK Unified Ideographs).
    static func isHan(_ scalar: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(scalar.value) }

    /// The 1-based lines of fenced blocks among a document's blocks, their fences included.
    static func fencedLines(_ blocks: [CodeBlock]) -> Set<Int> {
        var lines = Set<Int>()
        for block in blocks where block.fenced {
            lines.formUnion(block.line...max(block.line, block.endLine))
        }
        return lines
    }

    /// The 1-based lines of program code among a document's blocks.
    static func programLines(_ blocks: [CodeBlock]) -> Set<Int> {
        var lines = Set<Int>()
        for block in blocks where block.fenced && programs.contains(block.language) && block.endLine > block.line {
            lines.formUnion((block.line + 1)..<block.endLine)
        }
        return lines
    }

    /// What a line of code says in words: its comment ("# 不安全！", "// 5 ms"), or the whole of a
    /// docstring line or of prose set in a code block; nil for code alone.
    static func comment(in line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("\"\"\"") || trimmed.hasPrefix("'''") || trimmed.hasPrefix("*") || trimmed.hasPrefix("/*") { return line }
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open && previous != "\\" { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character.unicodeScalars.first.map(isHan) == true {
                return line  // Chinese outside a string: prose set in a code block, not code
            } else if character == "#" {
                return String(line[index...])
            } else if character == "/" && previous == "/" {
                return String(line[line.index(before: index)...])
            }
            previous = character
        }
        return nil
    }

    /// The lines (0-based) of a table of contents: under a heading "目录",
    /// "Contents", "Table of Contents" or "TOC", up to the next heading. Its
    /// entries name sections ("- **CPU 核心与并行计算**"); they state nothing.
    static func tableOfContents(_ lines: [String]) -> Set<Int> {
        var inside = false
        var found = Set<Int>()
        for (offset, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#") {
                inside = trimmed.range(of: #"^#{1,6}\s*(?:目录|table of contents|contents|toc)\s*$"#, options: [.regularExpression, .caseInsensitive]) != nil
            } else if inside {
                found.insert(offset)
            }
        }
        return found
    }

    /// A question: a line that ends with a question mark (emphasis aside), or
    /// one set as an item ("1. Which approach demonstrates true parallelism in Python? Explain.",
    /// "5. Which method is better for CPU-bound tasks and which for I/O-bound"): it opens with a question
    /// word and asks on the line, or, opening with "which", "what", "why" or "how", breaks off without a
    /// full stop. One opening with "when", "can", "is" … asks only with a question mark ("- When tasks
    /// wait on I/O, threads help" states). An item of a checklist is a check, not a question: "- [ ]
    /// CPU-bound tasks use multiprocessing? (GIL blocks threads)" states what should hold.
    static func asks(_ line: String) -> Bool {
        if line.range(of: #"^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s"#, options: .regularExpression) != nil { return false }
        let bare = line.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "*_")))
        if bare.hasSuffix("?") || bare.hasSuffix("？") { return true }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let opening = #"^(?:[-*+]\s+|\d+[.)]\s+)?\**"#
        if trimmed.range(of: opening + #"(?:when|can|does|do|is|are|should)\b"#, options: [.regularExpression, .caseInsensitive]) != nil {
            return asked(trimmed)
        }
        guard trimmed.range(of: opening + #"(?:which|what|why|how)\b"#, options: [.regularExpression, .caseInsensitive]) != nil else { return false }
        return asked(trimmed) || !(trimmed.contains("?") || trimmed.hasSuffix(".") || trimmed.hasSuffix(":") || trimmed.hasSuffix("*"))
    }

    /// A line whose question is all it says: after its first question mark at most a short answer
    /// ("Explain.", "Yes, it is."). "What is GIL? It's effect of … no two threads … can execute bytecode at the same time"
    /// asks, then answers: the answer states.
    static func asked(_ line: String) -> Bool {
        guard let mark = line.firstIndex(where: { $0 == "?" || $0 == "？" }) else { return false }
        let rest = line[line.index(after: mark)...]
        return rest.split { !($0.isASCII && $0.isLetter) }.count < 5 && rest.unicodeScalars.filter(isHan).count < 6
    }

    /// A leading YAML block ("---" … "---": title, tags, date): metadata, not text.
    static func frontMatter(_ lines: [String]) -> Range<Int> {
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---",
              let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return 0..<0 }
        return 0..<(end + 1)
    }

    /// A lesson's front matter states its claims under `keypoints:` ("You can
    /// get around the GIL by using multi-processing."): each item, unquoted,
    /// by its line.
    static func keypoints(_ lines: [String], front: Range<Int>) -> [Int: String] {
        var points: [Int: String] = [:]
        var inside = false
        for offset in front {
            let line = lines[offset]
            if !line.hasPrefix(" "), !line.hasPrefix("-"), let key = line.split(separator: ":").first {
                inside = key.trimmingCharacters(in: .whitespaces).lowercased() == "keypoints"
            } else if inside, let item = line.range(of: #"^\s*-\s+"#, options: .regularExpression) {
                points[offset] = String(line[item.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            }
        }
        return points
    }

    /// Words that say a figure is a cost.
    static let costWords = #"\bcost|开销|overhead|latency|延迟|耗时"#

    /// Words that state thread safety by themselves.
    static let safetyWords = #"不安全|not thread[- ]safe|race condition|data race|数据竞争|竞态|loses? updates|无锁|锁保护"#

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
                // A moment on a timeline ("t=5ms: T1 releases the GIL") is not a cost.
                if line[..<whole.lowerBound].range(of: #"\bt\s*=\s*~?$"#, options: .regularExpression) != nil { continue }
                // A longer unit already took these words ("ms" before "s").
                if out.contains(where: { line.range(of: $0.2).map { $0.overlaps(whole) } ?? false }) { continue }
                let first = Double(line[Range(match.range(at: 1), in: line)!].replacingOccurrences(of: ",", with: ""))
                let second = Range(match.range(at: 2), in: line).flatMap { Double(line[$0].replacingOccurrences(of: ",", with: "")) }
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
    static let fewOf = #"(?:几\s*(?:个)?|\ba few|~\s*few)\s*"#
    static let orders: [(pattern: String, unit: StatedUnit)] = [
        ("(?:纳秒|ns)\\s*级", .nanosecond), ("(?:微秒|µs|μs|us)\\s*级", .microsecond), ("(?:毫秒|ms)\\s*级", .millisecond),
    ]
    /// "几十个", "几百", "几万": a few tens, hundreds, ten thousands (2–9 of them).
    static let fewTimes: [(pattern: String, base: Double)] = [("几百万", 1e6), ("几十万", 1e5), ("几万", 1e4), ("几千", 1e3), ("几百", 100), ("几十", 10),
                                                                ("\\ba few thousand", 1e3), ("\\ba few hundred", 100)]
    static let counts: [(pattern: String, least: Double)] = [
        ("数十亿|billions of", 1e9), ("数亿", 1e8), ("数千万", 1e7), ("数百万|上百万|millions of|\\bmillions\\b", 1e6), ("数十万", 1e5),
        ("数万|成千上万|上万|tens of thousands of", 1e4), ("数千|上千|thousands of", 1e3), ("数百|hundreds of", 100),
    ]

    static func magnitudes(in line: String) -> [((min: Double?, max: Double?), StatedUnit, String)] {
        var out: [((min: Double?, max: Double?), StatedUnit, String)] = []
        func matches(_ pattern: String) -> [String] { ranges(of: pattern, in: line).map { String(line[$0]) } }
        for (pattern, unit) in units where unit != .times {
            for words in matches(fewOf + "(?:" + pattern + ")") { out.append(((2, 9), unit, words)) }
        }
        for (pattern, unit) in orders {
            for words in matches(pattern) { out.append(((1, 999), unit, words)) }
        }
        var taken: [String] = []
        // "几百纳秒": a few hundred of a unit.
        for (pattern, base) in fewTimes {
            for (unitPattern, unit) in units where unit != .times {
                for words in matches(pattern + #"\s*(?:"# + unitPattern + ")") where !taken.contains(where: { $0.contains(words) }) {
                    taken.append(words)
                    out.append(((2 * base, 9 * base), unit, words))
                }
            }
        }
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
}
