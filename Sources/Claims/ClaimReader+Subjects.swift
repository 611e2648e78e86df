import Contract
import Foundation

/// Who a claim is about: the subjects documents name, where each is
/// named, which of them a comparison sets against the subject, and the
/// subjects a statement names together.
extension ClaimReader {
    /// Subjects as documents name them; where several are named, the first
    /// in the text is the subject.
    static let subjects: [(subject: ClaimSubject, pattern: String)] = [
        (.goroutine, #"goroutines?|(?-i:\bGo\b)|(?<![A-Za-z])[Gg]o(?=\s*\p{Han})|golang|go\s*语言"#),
        (.javaVirtualThread, #"(?:java\s+)?virtual threads?|(?:java\s*)?虚拟线程"#),
        (.javaThread, #"\bjava\b"#),
        (.rustTask, #"tokio|\brust\b"#),
        (.nodeAsync, #"node(?:\.?js)?\b|javascript|\bpromises?\b"#),
        (.cppThread, #"c\+\+|std::thread"#),
        (.dotnetTask, #"c#|\.net\b|dotnet"#),
        (.gil, #"(?<![a-z])gil(?![a-z])|全局解释器锁|global\s+interpreter\s+lock"#),
        (.subinterpreter, #"sub-?interpreters?|子解释器|InterpreterPoolExecutor|concurrent\.interpreters"#),
        (.thread, #"ThreadPoolExe?cutor|线程池|thread ?pool"#),
        (.pool, #"ProcessPoolExe?cutor|进程池|process ?pool|\bpool\b"#),
        (.lock, #"\blocks?\b|\bmutex|互斥锁|加锁|锁"#),
        (.coroutine, #"协程|co-? ?routines?|asyncio|\basync\b|asynchronous|异步编程|异步\s*I/?O|异步操作|异步(?:的)?方式|await|event loop|事件循环"#),
        (.process, #"多进程|进程|\bprocess(?:es)?\b|multi-?processing|multi-?process(?:es)?\b|\bfork\b|\bspawn\b"#),
        (.thread, #"多线程|线程|\bthreads?\b|threading"#),
    ]

    /// Each reading of a statement: one per subject it names together
    /// ("多线程/协程", "`threading`或`asyncio`", "threads and coroutines"),
    /// for the claim is each one's; one where it names one, or compares.
    public static func readings(_ candidate: ClaimScanner.Candidate) -> [ClaimReading] {
        if let made = candidate.reading { return [made] }
        let reading = read(candidate)
        // "creating/switching threads is cheaper than processes": a cost of each.
        if [.startCost, .switchCost].contains(reading.quantity), reading.comparedWith != nil {
            let clause = clause(of: candidate)
            let other: ClaimQuantity = reading.quantity == .startCost ? .switchCost : .startCost
            if let words = first(other == .switchCost ? switching : starting, in: clause) {
                var also = reading
                (also.quantity, also.quantityWords) = (other, words)
                return [reading, also]
            }
        }
        guard reading.comparedWith == nil, let words = reading.subjectWords else { return [reading] }
        // "neither asyncio nor threads help": the claim of each named in its words.
        if candidate.stated.text.range(of: #"^neither\s"#, options: [.regularExpression, .caseInsensitive]) != nil {
            let named = mentions(in: candidate.stated.text)
            if named.count >= 2 { return named.map { var each = reading; (each.subject, each.subjectWords) = ($0.subject, $0.words); return each } }
        }
        // Where the line does not name its subject, the line above that did ("### Concurrency (`threading`, `asyncio`)").
        let above = candidate.text.contains(words) ? nil : candidate.before.suffix(12).reversed().first { line in
            mentions(in: line).contains { $0.words == words }
        }
        // A table's row label, else the cell's own words ("| IO-bound | threads or asyncio |").
        let text = candidate.row.flatMap { $0.contains(words) ? $0 : nil } ?? above ?? candidate.text
        let named = mentions(in: text)
        guard let index = named.firstIndex(where: { $0.words == words }) else { return [reading] }
        func joined(_ left: Int, _ right: Int) -> Bool {
            let between = text[named[left].range.upperBound..<named[right].range.lowerBound].filter { !"*`_ ".contains($0) }
            return ["/", "、", "或", "或者", "和", "与", "及", "以及", ",", "，", "or", "and", "&"].contains(between.lowercased())
                && !named[right].compared && !named[left].compared
        }
        var together: [Int] = []
        var left = index
        while left > 0, joined(left - 1, left) { left -= 1; together.append(left) }
        var right = index
        while right + 1 < named.count, joined(right, right + 1) { right += 1; together.append(right) }
        var seen: Set<ClaimSubject> = reading.subject.map { [$0] } ?? []
        return [reading] + together.compactMap { other in
            guard seen.insert(named[other].subject).inserted else { return nil }
            var also = reading
            (also.subject, also.subjectWords) = (named[other].subject, named[other].words)
            return also
        }
    }

    /// The subject the lines above name: the last named on the line just
    /// above when this line continues its sentence (wrapped prose), else
    /// the first named on the nearest line that names one (a heading, a
    /// docstring: "线程：直接访问全局变量"), up to six lines up; what a
    /// subject is set against ("与进程切换的区别") is not it.
    static func above(_ lines: [String], listItem: Bool = false) -> (subject: ClaimSubject, words: String, range: Range<String.Index>, compared: Bool)? {
        if listItem, let named = listSubject(lines) { return named }
        let nearest = Array(lines.suffix(6).reversed())
        if let previous = nearest.first, let last = previous.trimmingCharacters(in: .whitespaces).last, !".。:：!！?？\"".contains(last),
           let named = mentions(in: previous).last(where: { !$0.compared }) {
            return named
        }
        return nearest.lazy.compactMap { mentions(in: $0).first { !$0.compared } }.first
    }

    /// A list item's marker ("- ", "+ ", "1. ").
    static let listItem = #"^\s*(?:[-*+]|\d+[.)])\s+"#

    /// The subject of the list an item belongs to, named by the line that
    /// opens the list (`listOpener`). An item above or a line ending on a colon
    /// that names none ("- **Pros**:", "Examples:") passes the question to the
    /// line that opens the list it is in; a heading or label that names none ends it.
    static func listSubject(_ lines: [String], item: String? = nil) -> (subject: ClaimSubject, words: String, range: Range<String.Index>, compared: Bool)? {
        var (above, item) = (Array(lines.suffix(12)), item)
        while let (opener, at) = listOpening(above, item: item) {
            if let named = mentions(in: opener).first(where: { !$0.compared }) { return named }
            let isItem = opener.range(of: listItem, options: .regularExpression) != nil
            guard isItem || !(opener.hasPrefix("#") || opener.range(of: label, options: .regularExpression) != nil) else { return nil }
            (item, above) = (isItem ? above[at] : nil, Array(above[..<at]))
        }
        return nil
    }

    /// The line that opens the list an item belongs to: a heading, a label ("Process: …",
    /// "Threads: …") or a line that ends on a colon ("**Use multiprocessing when**:"), above
    /// its items and the plain lines between; for an `item` set in, the item above it set out
    /// less ("1. **Threading is best for:**" over "   - I/O-bound tasks").
    static func listOpener(_ lines: [String], item: String? = nil) -> String? {
        listOpening(Array(lines.suffix(12)), item: item)?.line
    }

    /// `listOpener`'s line, trimmed, and where it is in `lines`.
    static func listOpening(_ lines: [String], item: String?) -> (line: String, index: Int)? {
        let depth = item.map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        for (index, line) in lines.enumerated().reversed() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let depth, trimmed.range(of: listItem, options: .regularExpression) != nil,
               line.prefix(while: { $0 == " " || $0 == "\t" }).count < depth {
                return (trimmed, index)
            }
            if trimmed.isEmpty || trimmed.range(of: listItem, options: .regularExpression) != nil { continue }
            if trimmed.hasPrefix("#") || trimmed.range(of: label + #"|[:：][*_]*$"#, options: .regularExpression) != nil {
                return (trimmed, index)
            }
        }
        return nil
    }

    /// A label that opens a list: a short word and a colon ("Process:", "**对协程的影响**：").
    static let label = #"^[^\s:：]{1,30}[:：]"#

    /// A list opened by what to use and when ("**Use multiprocessing when**:", "Use threads for:",
    /// "适合用协程的场景："): each item that names a kind of work says the subject suits it.
    static let useList = #"^(?:#+\s*)?[*_]*(?:use|choose|pick|prefer)\s+\S.{0,40}?\b(?:when|if|for)\b[^:：]{0,20}[:：][*_]*$|^(?:#+\s*|(?:[-*+]|\d+[.)])\s+)?[*_]*\S.{0,40}?\b(?:is|are)\s+(?:the\s+)?(?:best|better|good|great|ideal|recommended|suited|suitable|appropriate|preferred)\s+(?:for|when|if)\b[^:：]{0,20}[:：][*_]*$|(?:适合|推荐)(?:使用|用)?\S{1,20}的?(?:场景|情况|时候)[:：]$|\S{1,20}(?:适用|适合)的?(?:场景|情况)[:：]$"#

    /// Words between two subjects that compare the first with the second ("协程比线程快", "processes than threads").
    static func comparing(_ between: Substring) -> Bool {
        between.range(of: #"比|than|compared (?:to|with)|相比|versus|\bvs\.?|(?:小|大|低|高|少|多|快|慢|优)于|不如"#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// A GIL something has of its own: a property of the subject named before it, not the subject.
    static let ownGIL = #"\bown\s+(?:\w+\s+and\s+)?GIL\b|(?:独立|自己|各自|独自)的[^，。,.]{0,14}GIL"#

    /// The words that name a baseline, not a subject ("耗时约为单线程的1/4"); "only one thread"
    /// names the threads it bounds.
    static let baseline = #"单线程|单进程|串行|single[- ]thread(?:ed)?|(?<!\bonly )one thread|a single process|serial(?:ly)?|sequential(?:ly)?"#

    /// Every subject `text` names, in order, with its words; where two
    /// names overlap ("全局解释器锁" holds "锁") the earlier in the list wins.
    static func mentions(in text: String) -> [(subject: ClaimSubject, words: String, range: Range<String.Index>, compared: Bool)] {
        func ranges(_ pattern: String) -> [Range<String.Index>] { ClaimScanner.ranges(of: pattern, in: text) }
        // A link's address names nothing ("…/glossary.html#term-global-interpreter-lock"); a GIL
        // that is something's own ("a process with its own interpreter and GIL") is what that has.
        var taken = ranges(baseline) + ranges(#"https?://[^\s)]+"#) + ranges(ownGIL)
        var found: [(subject: ClaimSubject, words: String, range: Range<String.Index>, compared: Bool)] = []
        for (subject, pattern) in subjects {
            for match in ranges(pattern) where !taken.contains(where: { $0.overlaps(match) }) {
                taken.append(match)
                // "与进程切换的区别", "unlike processes": what the subject is set against;
                // "all threads in a process", "同一个进程的内存空间": where it is.
                let lead = text[..<match.lowerBound].suffix(16)
                let compared = lead.range(of: #"(?:与|和|跟|比|像|如同|而不是|而非|than|unlike|instead of|rather than|compared (?:to|with)|versus|vs\.?|(?:in|within|inside|of) (?:a|an|the|one|each|every)|同一个?|\bper)[\s*_`]*$"#,
                                          options: [.regularExpression, .caseInsensitive]) != nil
                // "无锁", "忘记加锁", "without a lock": a lock that is not there is no subject.
                let absent = subject == .lock && lead.range(of: #"(?:无|没有|不加|不用|忘记|忘了|without(?: a| any)?|\bno|forg[eo]t(?:ting)?(?: to)?)[\s*_`]*$"#,
                                                             options: [.regularExpression, .caseInsensitive]) != nil
                found.append((subject, String(text[match]), match, compared || absent))
            }
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
