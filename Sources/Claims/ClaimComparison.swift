import Bench
import Contract
import Foundation

/// A claim that sets its subject against another: "creating processes has a
/// higher overhead compared to creating threads", "协程的切换开销远远小于线程",
/// a matrix row "| Context switch cost | Very low | High |". It is judged
/// by the ratio of the two subjects' same figure, measured by the rows of
/// one scenario: more is at least 1.1× the other's, less at most 1/1.1 of
/// it (the margin the bound "faster" uses), and a factor stated with it
/// ("快10倍") is read as any figure alone, X/2 to 3X/2.
public enum ClaimComparison {
    /// Which way the subject's figure lies from the other's.
    public enum Direction: Sendable, Equatable {
        case more, less
    }

    /// The quantities two subjects can be compared by, each measured in one scenario for both.
    static let comparable: Set<ClaimQuantity> = [.startCost, .switchCost, .memoryPerUnit, .speedup, .parallelism]

    /// The least ratio that counts as more; its inverse, as less.
    static let margin = 1.1

    /// Which way `words` say the subject's `quantity` lies from the other's:
    /// a cost "higher", "heavier", "更大" is more, one "cheaper", "lighter",
    /// "faster", "小于" less; a speedup "faster" or "better" is more.
    static func direction(in words: String, quantity: ClaimQuantity) -> Direction? {
        let text = words.lowercased()
        func has(_ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }
        let cost = quantity != .speedup && quantity != .parallelism
        let fast = has(#"fast|quick|更快|(?<!不)快"#)
        let slow = has(#"slow|更慢|(?<!不)慢"#)
        if fast != slow { return fast == cost ? .less : .more }
        // A Chinese comparative ends its phrase: "开销比多线程更大", "远远小于" (多 in 多线程 is a name, not "more").
        if let last = text.range(of: #"(?:大|小|高|低|多|少|重|轻)(?:于|得多|很多|一些)?$"#, options: .regularExpression) {
            return "大高多重".contains(text[last].prefix(1)) ? .more : .less
        }
        let up: Bool
        if has(#"light|cheap|econom|\bfree\b|minimal|negligible|(?<!in)efficient|便宜|轻量|没有|无需"#) {
            up = false  // "more lightweight" is less of a cost
        } else if has(#"heav|expensive|costl|resource[- ]intensive|\bcarr(?:y|ies)\b|\bincurs?\b|贵"#) {
            up = !has(#"\b(?:less|lower)\b"#)  // "less expensive"
        } else if has(#"\bbetter\b|outperform|更好|更优"#) {
            up = !cost
        } else if has(#"\b(?:less|lower|low|little|no|fewer|smaller|reduced?)\b"#) != has(#"\b(?:more|higher|high|greater|larger|bigger|extra|significant)\b"#) {
            up = has(#"\b(?:more|higher|high|greater|larger|bigger|extra|significant)\b"#)
        } else {
            return nil
        }
        return up ? .more : .less
    }

    /// The subject a cost stated in words alone is set against: the next in
    /// the usual order, a process above a thread above a coroutine, on the
    /// side the words point ("进程的启动开销较大": than a thread's; "a
    /// coroutine's switch is cheap": than a thread's). None for the rest.
    static func usual(for subject: ClaimSubject, _ direction: Direction, _ quantity: ClaimQuantity) -> ClaimSubject? {
        guard [.startCost, .switchCost, .memoryPerUnit].contains(quantity) else { return nil }
        switch (subject, direction) {
        case (.process, .more), (.coroutine, .less): return .thread
        case (.thread, .more): return .coroutine
        case (.thread, .less): return .process
        default: return nil
        }
    }

    /// The level a matrix cell states in words, low to high ("Very low (cooperative)": 0,
    /// "Moderate": 2, "High (preemptive)": 3), nil for words that state none.
    static func level(_ cell: String) -> Int? {
        let text = cell.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "*_~ "))
        if let level = levelWords.first(where: { text.range(of: $0.pattern, options: .regularExpression) != nil })?.level { return level }
        // A Chinese phrase ends on its level: "资源消耗较大", "资源消耗极小".
        return levelEnds.first { text.range(of: $0.pattern, options: .regularExpression) != nil }?.level
    }

    /// Levels in words at the start of a cell, low to high.
    static let levelWords: [(pattern: String, level: Int)] = [
        (#"^(?:very|extremely|ultra)[- ](?:low|cheap|small|light(?:weight)?|fast)|^(?:minimal|negligible|tiny)|^极(?:小|低|轻)|^(?:非常|很)(?:小|低|轻)"#, 0),
        (#"^(?:low|cheap|small|light(?:weight)?|fast)\b|^(?:小|低|轻|较小|较低)"#, 1),
        (#"^(?:moderate|medium|less expensive|lower)\b|^(?:中|适中|一般)"#, 2),
        (#"^(?:high|expensive|large|heavy(?:weight)?|slow|costly)\b|^(?:大|高|重|较大|较高)"#, 3),
        (#"^(?:very|extremely)[- ](?:high|expensive|large|heavy(?:weight)?|slow|costly)|^极(?:大|高|重)|^(?:非常|很)(?:大|高|重)"#, 4),
    ]

    /// Levels a Chinese phrase ends on.
    static let levelEnds: [(pattern: String, level: Int)] = [(#"(?:极|非常|很)(?:小|低)$"#, 0), (#"(?:小|低)$"#, 1), (#"(?:极|非常|很)(?:大|高)$"#, 4), (#"(?:大|高)$"#, 3)]

    /// The stated ratio of the subject's figure to the other's: past the
    /// margin in the stated direction, or about a stated factor ("10倍").
    static func stated(_ direction: Direction, from stated: StatedValue) -> StatedValue {
        var ratio = StatedValue(unit: .times, text: stated.text)
        // A factor the words state ("快10倍", "10-100x faster"): one alone is about it, X/2 to 3X/2.
        if stated.unit == .times, stated.text.contains(where: \.isNumber), let low = stated.min, let high = stated.max, low > 0 {
            let (least, most) = low == high ? (low / 2, high * 3 / 2) : (low, high)
            (ratio.min, ratio.max) = direction == .more ? (least, most) : (1 / most, 1 / least)
            return ratio
        }
        switch direction {
        case .more: ratio.min = margin
        case .less: ratio.max = 1 / margin
        }
        return ratio
    }

    /// The rows that judge a comparison of `subject` with `other` by
    /// `quantity`: each one's declaration, of one scenario and metric;
    /// nil when no scenario measures both.
    static func judges(_ subject: ClaimSubject, against other: ClaimSubject, _ quantity: ClaimQuantity, reading: ClaimReading)
        -> (scenario: ScenarioSpec, judge: ClaimJudge, against: ClaimJudge)? {
        guard let mine = Catalogue.judge(subject, quantity, workload: reading.workload, words: reading.subjectWords),
              let theirs = Catalogue.judge(other, quantity, workload: reading.workload),
              mine.scenario.name == theirs.scenario.name, mine.judge.metric == theirs.judge.metric,
              mine.judge.variant != theirs.judge.variant else { return nil }
        // Both sides in one language where the scenario pairs a row with its counterpart: a process switch
        // is a Swift row's, so a thread's is set beside it as swift.threads, not py.threads with its GIL handoff.
        var (judge, against) = (mine.judge, theirs.judge)
        let scenario = mine.scenario
        func counterpart(of variant: String, in language: Language?) -> String? {
            scenario.counterparts.first { [$0.python, $0.swift].contains(variant) }
                .flatMap { pair in [pair.python, pair.swift].first { $0 != variant && scenario.variant($0)?.language == language } }
        }
        let (languageOfMine, languageOfTheirs) = (scenario.variant(judge.variant)?.language, scenario.variant(against.variant)?.language)
        if languageOfMine != languageOfTheirs {
            if let same = counterpart(of: against.variant, in: languageOfMine) {
                against.variant = same
            } else if let same = counterpart(of: judge.variant, in: languageOfTheirs) {
                judge.variant = same
            }
        }
        return judge.variant == against.variant ? nil : (scenario, judge, against)
    }
}
