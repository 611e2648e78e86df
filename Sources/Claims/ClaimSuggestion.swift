import Bench
import Contract
import Foundation

/// What a line the line model takes for a claim, where no pattern read a
/// statement, is about: its subject and work, read as any statement's are
/// (`ClaimReader`), and the quantity its words speak of, from the first
/// family of cue words it holds ("race", "switch", "start", "memory",
/// "parallel", "speed"). That names the experiment that would judge it;
/// it is offered, not run, unless the line's words lean one way
/// (`leaning`), which gives the bound it is judged by.
enum ClaimSuggestion {
    /// Cue words of each quantity, the more particular first: a line on
    /// the speed of starting processes is about their start, one on speed
    /// "because of the GIL" about speed. A process's "own memory space" is
    /// its isolation, not its cost.
    static let cues: [(quantity: ClaimQuantity, pattern: String)] = [
        (.lostUpdates, #"race|\block(?:s|ed|ing)?\b|atomic|thread[- ]safe|synchroni[sz]|线程安全|竞争|竞态|加锁|互斥"#),
        (.switchCost, #"switch|切换"#),
        (.startCost, #"start(?:up|ing)?\b|\bspawn|\bfork|creat(?:e|es|ing|ion)|启动|创建"#),
        (.speedup, #"speed|fast|slow|execution time|performance|速度|效率|快|慢"#),
        (.parallelism, #"parallel|\bgil\b|\bcores?\b|serializ|simultaneous|at (?:a|one) time|并行|多核|同时|全局解释器锁"#),
        (.memoryPerUnit, #"memory(?! space)|light-?weight|heavy-?weight|\bstack\b|\d\s*[KM]B\b|内存(?!空间)|轻量|栈"#),
        (.speedup, #"\bgain\b|good for|great for|bad for|perfect for|ideal for|use when|\bi\s*/\s*o\b|waiting|cpu[- ](?:bound|heavy|intensive)|适合|密集"#),
    ]

    /// Which way a line the model found leans, where its words speak of speed or parallelism and
    /// lean one way only: "适合", "有价值", "优先考虑", "good for" say the subject speeds the work up
    /// (at least 1.1×), "无法", "cannot", "slower" that it does not; "串行", "交替", "只有一个线程"
    /// that it runs one at a time (parallelism at most 1.15); "并行", "multiple cores" unnegated
    /// that it runs in parallel (at least 1.5). A negation just before a word that leans up turns
    /// it ("不适合"). The statement is the line with the words it leans by; nil where they lean
    /// both ways, or neither.
    static func leaning(line: Int, lines: [String], headings: [String]) -> ClaimScanner.Candidate? {
        let text = lines[line - 1]
        guard let (quantity, _) = cue(in: text), quantity == .speedup || quantity == .parallelism else { return nil }
        let (up, down) = quantity == .speedup ? (fasterWords, slowerWords) : (parallelWords, serialWords)
        let negation = #"(?:不|没|无|未|非(?!常)|\bnot\s|n't\s|\bno\s|\bnever\s)\S{0,2}$"#
        let ups = ClaimScanner.ranges(of: up, in: text)
        let turned = ups.filter { text[..<$0.lowerBound].suffix(5).range(of: negation, options: [.regularExpression, .caseInsensitive]) != nil }
        let leaningUp = ups.filter { range in !turned.contains(range) }
        let leaningDown = ClaimScanner.ranges(of: down, in: text).filter { range in !ups.contains { $0.overlaps(range) } } + turned
        guard leaningUp.isEmpty != leaningDown.isEmpty, let first = (leaningUp + leaningDown).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        let words = String(text[first])
        var stated = StatedValue(unit: .times, text: words)
        switch (quantity, leaningUp.isEmpty) {
        case (.speedup, false): stated.min = 1.1
        case (.speedup, true): stated.max = 1.1
        case (_, false): stated.min = 1.5
        case (_, true): stated.max = 1.15
        }
        return candidate(line: line, text: text.trimmingCharacters(in: .whitespaces), lines: lines, headings: headings, stated: stated, quantity: quantity)
    }

    static let fasterWords = #"适合|适用|推荐|优先|考虑|有价值|有用|有效|提升|提高|加速|更快|继续(?:运行|执行)|并发(?:执行|运行|等待|处理)|\bhelps?\b|\bbenefit\w*|\bgood\b|\bgreat\b|\bideal\b|\bbest\b|\bsuit\w*|\bprefer\w*|\bconsider\w*|\brecommend\w*|\buseful\b|\bvaluable\b|\bworth\w*|\bfaster\b|\bspeeds? up|\bimprov\w*|\bboost\w*|\bexcel\w*|\bshines?\b"#
    static let slowerWords = #"无法|不能|没有|并非|鸡肋|\bcannot\b|can't|\bnot\b|\bno\b|\bnever\b|\bslow\w*|\bworse\b|\bbottleneck\w*|瓶颈|更慢|变慢|降低"#
    static let parallelWords = #"并行|多核|\bparallel\w*|multiple (?:cpu |processor )?cores|all (?:the )?cores|simultaneous\w*|同时(?:运行|执行)"#
    /// A negation alone ("GIL 不等于 Python 线程没有用") or a limit with no object ("Limited by CPU core
    /// count") says nothing of parallelism: only words that say "one at a time" lean down.
    static let serialWords = #"(?:不能|无法|不会)(?:真正)?(?:地)?(?:并行|同时(?:运行|执行)|利用多核)|(?:不是|并非)(?:真正的?)?并行|\bnot (?:truly |really |run (?:truly )?)?(?:in )?parallel|\bcannot run in parallel|serializ(?:e[sd]?|ing)\b|\bone (?:thread|core) at a time|single[- ]threaded|\b(?:uses?|runs? (?:in|on)|in|on|within) (?:only )?(?:a single|one|only one|1) thread\b(?! (?:per|for each|at a time))|(?<!不)影响[^，。,.]{0,12}并行|串行|交替|单线程|只有一个线程|只能有一个线程"#

    /// The quantity of the first family of cue words `text` holds, and the words.
    static func cue(in text: String) -> (quantity: ClaimQuantity, words: String)? {
        cues.lazy.compactMap { cue in ClaimReader.first(cue.pattern, in: text).map { (cue.quantity, $0) } }.first
    }

    /// A statement of `line` (1-based) of `lines` as `text`, read with the twenty lines above it and its
    /// `headings`, stating `quantity`.
    static func candidate(line: Int, text: String, lines: [String], headings: [String], stated: StatedValue,
                          quantity: ClaimQuantity) -> ClaimScanner.Candidate {
        var candidate = ClaimScanner.Candidate(line: line, text: text, stated: stated, about: [])
        candidate.before = Array(lines[max(0, line - 21)..<(line - 1)])
        candidate.headings = headings
        candidate.quantity = quantity
        return candidate
    }

    /// The reading and the experiment suggested for `line` (1-based) of `lines`, under `headings`
    /// (`ClaimScanner.sections`), nil where no cue or no scenario fits.
    static func suggest(line: Int, lines: [String], headings: [String]) -> (reading: ClaimReading, measure: ClaimMeasure)? {
        let text = lines[line - 1]
        guard let (quantity, words) = cue(in: text) else { return nil }
        var reading = ClaimReader.read(candidate(line: line, text: text, lines: lines, headings: headings,
                                                 stated: StatedValue(unit: .times, text: ""), quantity: quantity))
        reading.quantityWords = words
        guard let subject = reading.subject,
              let found = Catalogue.judge(subject, quantity, workload: reading.workload, words: reading.subjectWords) else { return nil }
        return (reading, found.judge.measure(scenario: found.scenario.name, reading: reading))
    }
}
