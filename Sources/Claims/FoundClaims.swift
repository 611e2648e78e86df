import Bench
import Contract
import Foundation

/// A document's claims found, read and mapped to the scenarios that judge
/// them, without a claims file: each statement the scanner finds is read
/// (`ClaimReader`), and the scenario that declares its subject × quantity
/// gives the experiment; the others are listed with why they are not judged.
public enum FoundClaims {
    public static func read(_ text: String, document: String) -> ClaimsFile {
        var claims: [Claim] = []
        var unjudged: [UnjudgedClaim] = []
        var seen = Set<String>()
        func take(_ candidate: ClaimScanner.Candidate) {
            for var reading in ClaimReader.readings(candidate) {
                var stated = statedRange(candidate.stated, reading: reading, line: candidate.text)
                switch judged(candidate, reading) {
                case .success(let found):
                    var measure = found.judge.measure(scenario: found.scenario.name, reading: reading)
                    if let other = found.against {
                        // The other's row at its own parameters, where they differ (a thread's memory at 1000 threads).
                        let params = other.measure(scenario: found.scenario.name, reading: ClaimReading()).params
                        measure.against = ComparedRow(variant: other.variant, params: params == measure.params ? nil : params ?? [:])
                        stated = found.stated ?? stated
                        if let implied = found.implied { reading.comparedWith = implied }
                    }
                    // One claim per line and experiment: a line that states it twice is judged once.
                    let key = "\(candidate.line) \(measure.scenario) \(measure.variant) \(measure.metric) \(measure.params ?? [:])"
                        + " \(measure.against?.variant ?? "")"
                    guard seen.insert(key).inserted else { continue }
                    var claim = Claim(id: "line-\(candidate.line)-\(claims.count + 1)", quote: candidate.text, document: document,
                                      line: candidate.line, stated: stated, measure: measure)
                    claim.reading = reading
                    if reading.quantity == .speedup, [.thread, .gil].contains(reading.subject), (stated.max ?? .infinity) <= 1.1 {
                        claim.scope = .gilBuilds  // "threads do not speed up" speaks of the GIL
                    }
                    claims.append(claim)
                case .failure(let why):
                    // A cell set against two columns of another runtime is not judged once, for one reason.
                    guard !unjudged.contains(where: { $0.line == candidate.line && $0.stated.text == stated.text && $0.why == why
                        && $0.reading.subject == reading.subject }) else { continue }
                    unjudged.append(UnjudgedClaim(quote: candidate.text, document: document, line: candidate.line, stated: stated,
                                                  reading: reading, why: why))
                }
            }
        }
        // The document is laid out once, for the scanner, the frame reader and the line model.
        let layout = DocumentLayout(text)
        ClaimScanner.scan(layout).forEach(take)
        // A subject, its work and a word that leans one way, in one sentence, whatever else its words are.
        ClaimFrames.candidates(layout).forEach(take)
        // Lines the line model takes for claims where no statement was read: judged where they lean one way, else listed.
        let read = Set(claims.compactMap(\.line) + unjudged.map(\.line))
        let (all, sections) = (layout.lines, layout.sections)
        // A line that goes on with a sentence read on the line above ("… cannot run in" / "parallel: the GIL …") is that statement's.
        func continues(_ line: Int) -> Bool {
            guard line >= 2, read.contains(line - 1), let last = all[line - 2].trimmingCharacters(in: .whitespaces).last else { return false }
            return !".。!！?？:：|".contains(last) && all[line - 1].range(of: ClaimReader.listItem, options: .regularExpression) == nil
        }
        for (line, likelihood) in ClaimLineModel.claimLines(layout) where !read.contains(line) && !continues(line) {
            // One that leans one way on speed or parallelism is read and judged by that bound ("多线程仍然有价值").
            if let leaning = ClaimSuggestion.leaning(line: line, lines: all, headings: sections[line - 1]) {
                let before = (claims.count, unjudged.count)
                take(leaning)
                if claims.count > before.0 { continue }
                unjudged.removeLast(unjudged.count - before.1)
            }
            let suggested = ClaimSuggestion.suggest(line: line, lines: all, headings: sections[line - 1])
            unjudged.append(UnjudgedClaim(quote: all[line - 1], document: document, line: line, stated: StatedValue(unit: .times, text: ""),
                                          reading: suggested?.reading ?? ClaimReading(), why: .notRead(likelihood: likelihood),
                                          measure: suggested?.measure))
        }
        // In line order, those of one line in the order they were read.
        unjudged = unjudged.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return ClaimsFile(claims: claims, unjudged: unjudged)
    }

    /// What judges a claim: a scenario's declaration, and for a comparison
    /// the other subject's and the stated ratio.
    struct Judged {
        var scenario: ScenarioSpec
        var judge: ClaimJudge
        var against: ClaimJudge?
        var stated: StatedValue?
        /// The subject a comparison is set against where the document names none.
        var implied: ClaimSubject?
    }

    /// The scenario that judges the claim, or why none does.
    static func judged(_ candidate: ClaimScanner.Candidate, _ reading: ClaimReading) -> Result<Judged, Unjudged> {
        // A system named in the statement's own clause ("数据库的QPS"), not one listed beside it as an example.
        let clause = ClaimReader.clause(of: candidate)
        if let words = ClaimReader.first(ClaimReader.thirdParty, in: clause) { return .failure(.thirdParty(words: words)) }
        guard let subject = reading.subject else { return .failure(.noSubject) }
        // Set against another subject by a quantity both are measured by: judged by the ratio of the two.
        // A cost in words that names no other ("进程的启动开销较大") is set against the usual one.
        let figureless = candidate.stated.min == nil && candidate.stated.max == nil
        if let quantity = reading.quantity, ClaimComparison.comparable.contains(quantity), figureless || candidate.stated.unit == .times {
            let said = candidate.direction ?? ClaimComparison.direction(in: candidate.stated.text, quantity: quantity)
            let named = reading.comparedWith.flatMap { $0 == subject ? nil : $0 }
            let direction = said ?? (named == nil ? nil : ClaimComparison.direction(in: clause, quantity: quantity))
            if let direction, let other = named ?? (figureless ? ClaimComparison.usual(for: subject, direction, quantity) : nil) {
                if let found = ClaimComparison.judges(subject, against: other, quantity, reading: reading) {
                    return .success(Judged(scenario: found.scenario, judge: found.judge, against: found.against,
                                           stated: ClaimComparison.stated(direction, from: candidate.stated), implied: named == nil ? other : nil))
                }
                // One the document names is a comparison no scenario judges; one it does not is a quality in words.
                if named != nil {
                    return .failure(subject.runtime.map(Unjudged.otherRuntime) ?? other.runtime.map(Unjudged.otherRuntime)
                        ?? .comparison(subject, with: other))
                }
            }
        }
        if figureless {
            return .failure(subject.runtime.map(Unjudged.otherRuntime) ?? .noFigure)
        }
        guard let quantity = reading.quantity else { return .failure(subject.runtime.map(Unjudged.otherRuntime) ?? .noQuantity) }
        if let other = reading.comparedWith, other != subject, [.speedup, .switchCost, .wallTime].contains(quantity) {
            return .failure(.comparison(subject, with: other))
        }
        guard let found = Catalogue.judge(subject, quantity, workload: reading.workload, words: reading.subjectWords) else {
            // Another runtime's claim, which no row of that runtime measures yet ("needs Java").
            return .failure(subject.runtime.map(Unjudged.otherRuntime) ?? .noScenario(subject: subject, quantity: quantity))
        }
        if let missing = found.judge.unstated(in: reading) { return .failure(.unstated(missing)) }
        return .success(Judged(scenario: found.scenario, judge: found.judge))
    }

    /// The range a statement is judged against. A figure stated alone is
    /// read as the reference claims file reads "about X": X/2 to 3X/2. A
    /// fraction of the time is a speedup ("1/4 of the time": 4×), read per
    /// core where the line names as many cores ("在4核CPU上"): 0.75–1.05 of
    /// a core each, as the reference file reads it.
    static func statedRange(_ stated: StatedValue, reading: ClaimReading, line: String) -> StatedValue {
        var range = stated
        if reading.quantity == .speedup, stated.text.range(of: #"^\d+\s*/\s*\d+$"#, options: .regularExpression) != nil,
           let fraction = stated.min, fraction > 0 {
            let cores = ClaimReader.first(#"\d+\s*(?=核|[- ]?cores?)"#, in: line).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if let cores, abs(cores * fraction - 1) < 0.01 {
                return StatedValue(min: 0.75, max: 1.05, unit: .times, text: stated.text, perCore: true)
            }
            range.min = 1 / fraction
            range.max = 1 / fraction
        }
        if let low = range.min, let high = range.max, low == high, stated.unit != .count {
            range.min = low / 2
            range.max = high * 3 / 2
        }
        return range
    }
}
