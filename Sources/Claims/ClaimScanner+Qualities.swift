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
        (#"parallel|并行|multiple (?:cpu |processor )?cores|多核|bypass|绕过"#, .parallelism),
        (#"switch|切换|scheduling (?:overhead|cost)"#, .switchCost),
        (#"creat|start|spawn|启动|创建"#, .startCost),
        (#"memory|stack|内存|栈|light-?weight|heavy-?weight|轻量|重量级"#, .memoryPerUnit),
        (#"scalab|max(?:imum)? count|how many|可扩展|数量|并发量"#, .capacity),
        (#"overhead|cost|开销|资源|isolation|隔离|robust|健壮|safety|安全"#, nil),
    ]

    /// Words that state a quality with no figure.
    static let qualityWords = #"^(?:\*{1,2}|_{1,2})?(?:~\s*)?(?:very |extremely |much )?(?:high|low|medium|heavy|light(?:er|weight)?|tiny|small|large|fast|slow|cheap|expensive|(?:in)?efficient|costly|true|false|yes|no|none|easy|difficult|trivial|complete(?:ly)?|not|极小|极大|很小|很大|高|低|中|大|小|快|慢|重|轻|是|否|有|无)\b"#

    /// A parallelism stated as yes or no ("True (Multi-Core)", "False", "否").
    static func parallelBound(_ words: String) -> (min: Double?, max: Double?)? {
        let text = words.lowercased()
        if text.range(of: #"^(?:true|yes|是|支持|可以|✓|✅|并行)"#, options: .regularExpression) != nil { return (1.5, nil) }
        // "并发" in a parallelism column: concurrent, not parallel.
        if text.range(of: #"^(?:false|no\b|not\b|none|否|不|无|✗|❌|并发$)"#, options: .regularExpression) != nil { return (nil, 1.15) }
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
            ?? cell.range(of: proseQualities, options: [.regularExpression, .caseInsensitive]).map { String(cell[$0]) }
        // A level in a matrix ranks its column beside the others ("Moderate" between "High" and "Very low").
        let leading = cell.range(of: qualityWords, options: [.regularExpression, .caseInsensitive]) != nil || ClaimComparison.level(cell) != nil
        // A cost in its own words ("No — memory exhaustion") states a quality under any label.
        guard let (_, quantity) = quality(of: label) ?? quality(of: column) ?? phrase.map({ quality(of: $0) ?? ($0, nil) }),
              leading || phrase != nil || (quantity == .parallelism && parallelBound(cell) != nil) else { return nil }
        let words = leading || phrase == nil ? cell : phrase ?? cell
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
    static let proseQualities = [
        // Costs, high or low.
        #"(?:切换|创建|启动)?(?:的)?(?:开销|消耗|成本)(?:很|极|较|比较|非常|更|相对)*(?:小|大|低|高)|(?:极大地|大大)?节(?:约|省)了?(?:大量的?)?内存(?:资源)?|(?:花费|占用)的?内存(?:很|极|较|非常|更)?(?:小|大|少|多)|(?:花费|占用)的?内存(?:空间)?比[^，。,.]{0,12}(?:更|要)?(?:小|大|少|多)(?:得多|很多)?|浪费(?:资源|内存|CPU)?|资源消耗|(?:更|很|非常|比较)?(?:轻量|重量级)|(?:更|很|非常)?(?:高效|低效)|瓶颈|性能(?:最佳|更好|更差|较差|较好)|(?:通信|切换)(?:非常|很)?快|开销(?:被|会)?(?:放大|增大|变大)|(?:开销|成本|代价|消耗)比[^，。,.]{0,12}(?:更|要)?(?:大|小|高|低)|开销(?:远远|远)?(?:小于|大于|低于|高于)|代价(?:会)?(?:很|非常|较|更)?(?:大|小|高|低)|(?:降低|影响|拖慢)(?:了)?(?:整体|程序)?(?:的)?性能|没有(?:线程|进程)?(?:上下文)?(?:切换|创建|启动)的?(?:开销|消耗|成本)"#,
        #"(?:adds?|adding) (?:a )?(?:measurable |significant |noticeable )?(?:cpu )?overhead|\b(?:carry|carries|incur|incurs) (?:a )?(?:per-\w+ )?(?:memory |context[- ]switch(?:ing)? |startup |creation )?(?:overhead|costs?)\b|\b(?:(?:very|extremely|relatively) )?(?:high|low|higher|lower|minimal|negligible|significant|little|no) (?:(?:context|task|thread|process)[- ])?(?:switch(?:ing)?|scheduling|startup|start-up|creation|spawn(?:ing)?) (?:costs?|overhead)|\b(?:higher|lower|less|more|minimal|extra|no|startup|creation) overhead|startup cost|\bcheaper\b|\bcostlier\b|overhead (?:associated|of|compared)|\bare (?:more |very |extremely )?(?:light|heavy)-?weight|(?:more )?light-?weight than|\ba (?:very |extremely )?light-?weight\b|\b(?:lighter|heavier) than|(?:extremely |very )?light-?weight:|\bheavy-?weight because|resource[- ]intensive|(?:fewer|more|less|minimal) (?:system )?resources|(?:minimal|low|little|less|more|high|lower|higher) (?:resource|memory) (?:consumption|usage|footprint)|exhaust(?:s|ing)? (?:the )?(?:system )?(?:resources|memory)|memory (?:wall|exhaustion)"#,
        // Effects on others: a frozen loop, a crash, throughput.
        #"(?:freez|stall|block)(?:e|es|s)? (?:the )?(?:entire |whole )?(?:event loop|application|program)|(?:entire |whole )(?:application|program|event loop) (?:freezes|stalls|hangs)|(?:freezes|stalls) every other coroutine|blocks? all (?:other )?(?:tasks|coroutines|concurrency|threads)|(?:affects?|affecting|impact on|hurts?) (?:the )?throughput|latency climbs|crash (?:your|the) (?:system|machine)|(?:less|more|very|much) (?:expensive|cheap|economical)\b|(?:is|are) (?:very |extremely )?(?:cheap|expensive|costly)\b|\b(?:fast(?:er)?|(?<!in)efficient|cheap(?:er)?|quick(?:er)?) (?:task |context |thread )?switch(?:ing|es)?\b|(?:the )?(?:most|least) expensive|\bnot free\b|(?:is|are) slower\b"#,
        // What a model suits, in words that name no work a scenario runs.
        #"(?:best|well|better) suited to|\bis (?:better|simpler) (?:for|and)|\bonly helps with|benefits become obvious|fast enough|\bruns? atomically|\bthe bottleneck\b|(?:执行|调度|打印)?(?:顺序)?(?:是)?(?:无序|不确定)的?|execution order is not guaranteed|(?:一个|one )\s*子?(?:进程|线程|process|thread)[^。.]{0,8}(?:崩溃|crash(?:es)?)|效率比[^，。,.]{0,10}(?:要|更)?(?:高|低)|(?:would be|is) (?:a |the )?better choice|(?:整个进程|whole process|entire process)[^。.]{0,8}(?:崩溃|crash)|avoids? deadlocks?|(?:发生|导致|出现|造成)死锁|(?:risk of )?data corruption|no other coroutine can interrupt|适合高\s*(?:IO|I/O|并发)"#,
    ].joined(separator: "|")

    /// Each cost or effect a line states in words: "Threads can have higher resource overhead compared to
    /// asynchronous tasks, … Asynchronous tasks, however, can be more lightweight" states two.
    static func proseQualityCandidates(_ line: String, in sentence: String, number: Int, about: [String], before: [String]) -> [Candidate] {
        // A heading names a topic ("# How Goroutines are Lightweight"); the sentences under it state.
        // Words that go on over the next line are read in the sentence, where they begin on this line.
        guard !line.hasPrefix("#") else { return [] }
        var seen: [String] = []
        return ranges(of: proseQualities, in: sentence).filter { sentence.distance(from: sentence.startIndex, to: $0.lowerBound) < line.count }
            .map { match in
                let words = String(sentence[match])
                var candidate = Candidate(line: number, text: line.trimmingCharacters(in: .whitespaces), stated: StatedValue(unit: .times, text: words),
                                          about: about, before: before)
                candidate.occurrence = seen.filter { $0 == words }.count
                seen.append(words)
                // The cost of what: the words say ("内存占用很小"), else their clause ("Creating a process has a higher overhead"),
                // else their sentence ("higher resource overhead …, as each thread may require its own stack": memory),
                // after them, then before them ("线程每次切换都得走一套复杂的流程，成本比较高": a switch).
                candidate.quantity = quality(of: words)?.quantity ?? quality(of: ClaimReader.clause(of: words, in: sentence))?.quantity
                    ?? quality(of: String(sentence[match.lowerBound...].prefix { !".。;；".contains($0) }))?.quantity
                    ?? quality(of: ClaimReader.sentence(before: match.lowerBound, in: sentence))?.quantity
                return candidate
            }
    }
}
