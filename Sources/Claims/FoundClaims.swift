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
        for candidate in ClaimScanner.scan(text) {
            for reading in ClaimReader.readings(candidate) {
                let stated = statedRange(candidate.stated, reading: reading, line: candidate.text)
                switch judged(candidate, reading) {
                case .success(let (scenario, judge)):
                    let measure = judge.measure(scenario: scenario.name, reading: reading)
                    // One claim per line and experiment: a line that states it twice is judged once.
                    let key = "\(candidate.line) \(measure.scenario) \(measure.variant) \(measure.metric) \(measure.params ?? [:])"
                    guard seen.insert(key).inserted else { continue }
                    var claim = Claim(id: "line-\(candidate.line)-\(claims.count + 1)", quote: candidate.text, document: document,
                                      line: candidate.line, stated: stated, measure: measure)
                    claim.reading = reading
                    if reading.quantity == .speedup, [.thread, .gil].contains(reading.subject), (stated.max ?? .infinity) <= 1.1 {
                        claim.scope = .gilBuilds  // "threads do not speed up" speaks of the GIL
                    }
                    claims.append(claim)
                case .failure(let why):
                    unjudged.append(UnjudgedClaim(quote: candidate.text, document: document, line: candidate.line, stated: stated,
                                                  reading: reading, why: why))
                }
            }
        }
        return ClaimsFile(claims: claims, unjudged: unjudged)
    }

    /// The scenario that judges the claim, or why none does.
    static func judged(_ candidate: ClaimScanner.Candidate, _ reading: ClaimReading)
        -> Result<(ScenarioSpec, ClaimJudge), Unjudged> {
        // A system named in the statement's own clause ("数据库的QPS"), not one listed beside it as an example.
        let clause = ClaimReader.clause(of: candidate)
        if let words = ClaimReader.first(ClaimReader.thirdParty, in: clause) { return .failure(.thirdParty(words: words)) }
        guard let subject = reading.subject else { return .failure(.noSubject) }
        if candidate.stated.min == nil && candidate.stated.max == nil {
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
        return .success(found)
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
