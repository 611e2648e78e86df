import Bench
import Contract
import Foundation

/// What a line the line model takes for a claim, where no pattern read a
/// statement, is about: its subject and work, read as any statement's are
/// (`ClaimReader`), and the quantity its words speak of, from the first
/// family of cue words it holds ("race", "switch", "start", "memory",
/// "parallel", "speed"). That names the experiment that would judge it;
/// it is offered, not run: no bound was read, and nothing says which way
/// the line's claim lies.
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

    /// The reading and the experiment suggested for `line` (1-based) of `lines`, under `headings`
    /// (`ClaimScanner.sections`), nil where no cue or no scenario fits.
    static func suggest(line: Int, lines: [String], headings: [String]) -> (reading: ClaimReading, measure: ClaimMeasure)? {
        let text = lines[line - 1]
        guard let (quantity, words) = cues.lazy.compactMap({ cue in
            ClaimReader.first(cue.pattern, in: text).map { (cue.quantity, $0) }
        }).first else { return nil }
        var candidate = ClaimScanner.Candidate(line: line, text: text, stated: StatedValue(unit: .times, text: ""), about: [])
        candidate.before = Array(lines[max(0, line - 21)..<(line - 1)])
        candidate.headings = headings
        candidate.quantity = quantity
        var reading = ClaimReader.read(candidate)
        reading.quantityWords = words
        guard let subject = reading.subject,
              let found = Catalogue.judge(subject, quantity, workload: reading.workload, words: reading.subjectWords) else { return nil }
        return (reading, found.judge.measure(scenario: found.scenario.name, reading: reading))
    }
}
