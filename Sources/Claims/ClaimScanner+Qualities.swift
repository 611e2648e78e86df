import Contract
import Foundation

/// Claims stated in words rather than figures: a comparison matrix's cell
/// ("| **Switching Cost** | High | Medium | Low |") and a list item that
/// names its quantity ("- **Overhead**: Heavy."). Where the words carry a
/// natural bound ("Parallelism: False") they are judged by it; otherwise
/// the claim is found and listed as stating no figure.
extension ClaimScanner {
    /// Labels that name what a cell or item states, and the quantity it is.
    static let qualityLabels: [(pattern: String, quantity: ClaimQuantity?)] = [
        (#"parallel|并行"#, .parallelism),
        (#"switch|切换"#, .switchCost),
        (#"creat|start|spawn|启动|创建"#, .startCost),
        (#"memory|stack|内存|栈"#, .memoryPerUnit),
        (#"scalab|max(?:imum)? count|how many|可扩展|数量|并发量"#, .capacity),
        (#"overhead|cost|开销|资源|isolation|隔离|robust|健壮|safety|安全"#, nil),
    ]

    /// Words that state a quality with no figure.
    static let qualityWords = #"^(?:~\s*)?(?:very |extremely |much )?(?:high|low|medium|heavy|light(?:er|weight)?|tiny|small|large|fast|slow|cheap|expensive|true|false|yes|no|none|easy|difficult|trivial|complete(?:ly)?|shared|isolated|not|极小|极大|很小|很大|高|低|中|大|小|快|慢|重|轻|是|否|有|无|共享|独立|隔离)\b"#

    /// A parallelism stated as yes or no ("True (Multi-Core)", "False", "否").
    static func parallelBound(_ words: String) -> (min: Double?, max: Double?)? {
        let text = words.lowercased()
        if text.range(of: #"^(?:true|yes|是|支持|可以|✓|✅)"#, options: .regularExpression) != nil { return (1.5, nil) }
        if text.range(of: #"^(?:false|no\b|not\b|none|否|不|无|✗|❌)"#, options: .regularExpression) != nil { return (nil, 1.15) }
        return nil
    }

    static func quality(of label: String) -> (words: String, quantity: ClaimQuantity?)? {
        for (pattern, quantity) in qualityLabels {
            if let range = label.range(of: pattern, options: [.regularExpression, .caseInsensitive]) { return (String(label[range]), quantity) }
        }
        return nil
    }

    /// A quality stated inside a sentence: a cost that is high or low
    /// ("切换开销小", "资源消耗较大"), or a sentence that ends on one.
    static let qualityPhrase = #"(?:切换|创建|启动|内存|栈|资源)?(?:开销|消耗|成本|占用)(?:较|很|极|非常|更)?(?:大|小|高|低)|(?:较|很|极|非常)(?:大|小|高|低)$"#

    /// A table cell with no figure that states a quality of the subject its
    /// row or column names, under a label that says what (or in words that do).
    static func qualityCandidate(cell: String, label: String, column: String, about: [String], line: Int, text: String) -> Candidate? {
        let phrase = cell.range(of: qualityPhrase, options: .regularExpression).map { String(cell[$0]) }
        let leading = cell.range(of: qualityWords, options: [.regularExpression, .caseInsensitive]) != nil
        guard let (_, quantity) = quality(of: label) ?? quality(of: column) ?? phrase.flatMap(quality(of:)),
              leading || phrase != nil else { return nil }
        let words = leading ? cell : phrase ?? cell
        var stated = StatedValue(unit: .times, text: words)
        if quantity == .parallelism, let bound = parallelBound(words) { (stated.min, stated.max) = bound }
        var candidate = Candidate(line: line, text: text.trimmingCharacters(in: .whitespaces), stated: stated, about: about,
                                  row: label, column: column.isEmpty ? nil : column)
        candidate.quantity = quantity
        candidate.words = cell
        return candidate
    }

    /// "- **Overhead**: Heavy. Creating a process requires …": a list item
    /// whose bold label names a quantity and whose words state its quality.
    static func itemCandidate(_ line: String, number: Int, about: [String], before: [String]) -> Candidate? {
        let pattern = #"^\s*(?:[-*+]|\d+\.)\s+\*\*([^*]+)\*\*\s*[:：]\s*(.+)$"#
        guard let match = line.range(of: pattern, options: .regularExpression) else {
            return plainItemCandidate(line, number: number, about: about, before: before)
        }
        let item = String(line[match])
        guard let labelRange = item.range(of: #"\*\*[^*]+\*\*"#, options: .regularExpression) else { return nil }
        let label = String(item[labelRange]).trimmingCharacters(in: CharacterSet(charactersIn: "*"))
        guard let (_, quantity) = quality(of: label) else { return nil }
        let rest = item[labelRange.upperBound...].drop { ":： ".contains($0) }
        let first = String(rest.prefix { !".。;；,，(（".contains($0) }).trimmingCharacters(in: .whitespaces)
        guard first.range(of: qualityWords, options: [.regularExpression, .caseInsensitive]) != nil else { return nil }
        var stated = StatedValue(unit: .times, text: first)
        if quantity == .parallelism, let bound = parallelBound(first) { (stated.min, stated.max) = bound }
        var candidate = Candidate(line: number, text: line.trimmingCharacters(in: .whitespaces), stated: stated, about: about, before: before)
        candidate.quantity = quantity
        return candidate
    }

    /// "- Heavyweight", "+ Lightweight", "- More memory": an item of a list
    /// of a subject's pros and cons that is a quality alone.
    static let plainQuality = #"^\s*[-*+]\s+((?:very |much )?(?:heavy|light|leight)[- ]?weight|(?:more|less|(?:larger|smaller|low|high|big|small)) memory(?: footprint| usage)?|轻量(?:级)?|重量级)\s*$"#

    static func plainItemCandidate(_ line: String, number: Int, about: [String], before: [String]) -> Candidate? {
        guard let match = line.range(of: plainQuality, options: [.regularExpression, .caseInsensitive]) else { return nil }
        let words = line[match].trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "-*+")))
        var candidate = Candidate(line: number, text: line.trimmingCharacters(in: .whitespaces), stated: StatedValue(unit: .times, text: words),
                                  about: about, before: before)
        candidate.quantity = words.range(of: "memory", options: .caseInsensitive) != nil ? .memoryPerUnit : nil
        return candidate
    }

    /// A cost or an effect stated in words in a sentence: "协程切换的开销很小",
    /// "adding measurable CPU overhead", "freezes the entire event loop".
    static let proseQualities = #"(?:切换|创建|启动)?(?:的)?(?:开销|消耗|成本)(?:很|极|较|非常|更)?(?:小|大|低|高)|(?:花费|占用)的?内存(?:很|极|较|非常|更)?(?:小|大|少|多)|(?:adds?|adding) (?:a )?(?:measurable |significant |noticeable )?(?:cpu )?overhead|(?:freezes|stalls|blocks) (?:the )?(?:entire |whole )?event loop|(?:freezes|stalls) every other coroutine|\bare (?:more |very |extremely )?(?:light|heavy)-?weight|more light-?weight than|resource[- ]intensive|(?:affects?|affecting|impact on|hurts?) (?:the )?throughput"#

    static func proseQuality(_ line: String, number: Int, about: [String], before: [String]) -> Candidate? {
        // A heading names a topic ("# How Goroutines are Lightweight"); the sentences under it state.
        guard !line.hasPrefix("#"), let match = line.range(of: proseQualities, options: [.regularExpression, .caseInsensitive]) else { return nil }
        let words = String(line[match])
        var candidate = Candidate(line: number, text: line.trimmingCharacters(in: .whitespaces), stated: StatedValue(unit: .times, text: words),
                                  about: about, before: before)
        candidate.quantity = quality(of: words)?.quantity
        return candidate
    }
}
