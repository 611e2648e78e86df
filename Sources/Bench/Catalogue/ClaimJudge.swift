import Contract

/// A kind of claim a scenario can judge, declared beside the scenario:
/// what the claim is about (`subject` × `quantity`) and the row, figure and
/// parameters that test it. A count the claim states ("10000个协程") sets
/// the parameter `count` names.
public struct ClaimJudge: Sendable {
    public var subject: ClaimSubject
    public var quantity: ClaimQuantity
    public var variant: String
    /// A row figure or a metric key of the scenario (see `ClaimMeasure.metric`).
    public var metric: String
    public var params: Params
    /// The parameter a stated count sets.
    public var count: String?
    /// Multiply the figure by this parameter (memory per task × tasks).
    public var times: String?
    /// The parameter, in milliseconds, a stated sleep sets.
    public var sleep: String?
    /// What the claim must state for the experiment to be its own (a wall
    /// time means nothing without how many tasks slept how long).
    public var requires: [ClaimRequirement] = []
    /// The waiting work the claim must speak of (I/O, the network); nil for
    /// the rest, CPU-bound work and claims that name none.
    public var workload: ClaimWorkload?
    /// The words, a pattern, the subject must be named by for this row rather
    /// than its kind's ("ProcessPoolExecutor": the executor row, not Pool.map's).
    public var named: String?

    public init(_ subject: ClaimSubject, _ quantity: ClaimQuantity, variant: String, metric: String, params: Params = [:],
                count: String? = nil, times: String? = nil, sleep: String? = nil, requires: [ClaimRequirement] = [],
                workload: ClaimWorkload? = nil, named: String? = nil) {
        self.subject = subject; self.quantity = quantity; self.variant = variant; self.metric = metric; self.params = params
        self.count = count; self.times = times; self.sleep = sleep; self.requires = requires; self.workload = workload
        self.named = named
    }

    /// Whether the subject, named by `words`, is this declaration's: one that names its words needs them.
    func names(_ words: String?) -> Bool {
        guard let named else { return true }
        return words?.range(of: named, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// What of `requires` the reading lacks.
    public func unstated(in reading: ClaimReading) -> ClaimRequirement? {
        requires.first { requirement in
            switch requirement {
            case .count: return reading.count == nil
            case .sleep: return reading.sleepSeconds == nil
            }
        }
    }

    /// The experiment for a claim so read: its count and sleep set the parameters they name.
    public func measure(scenario: String, reading: ClaimReading) -> ClaimMeasure {
        var params = self.params
        if let count, let stated = reading.count { params[count] = stated }
        if let sleep, let seconds = reading.sleepSeconds { params[sleep] = max(1, Int((seconds * 1000).rounded())) }
        return ClaimMeasure(scenario: scenario, variant: variant, params: params.isEmpty ? nil : params, metric: metric, times: times)
    }
}

extension Catalogue {
    /// The scenario and declaration that judge claims of `quantity` about
    /// `subject` (the GIL's claims are its threads') on `workload`, nil when
    /// none does. A claim about waiting work (I/O, the network) goes to a
    /// declaration for that work; any other, to one that names none. A
    /// speedup on waiting work is only that work's (threads speed up I/O,
    /// not CPU-bound work); other quantities fall back to the declaration
    /// that names no work (a wall time of sleeping tasks is massive's).
    public static func judge(_ subject: ClaimSubject, _ quantity: ClaimQuantity, workload: ClaimWorkload? = nil,
                             words: String? = nil) -> (scenario: ScenarioSpec, judge: ClaimJudge)? {
        let asked = subject == .gil ? ClaimSubject.thread : subject
        let waits = workload == .io || workload == .network ? workload : nil
        func declared(for work: ClaimWorkload?) -> (ScenarioSpec, ClaimJudge)? {
            // A declaration for the very words the subject is named by ("ProcessPoolExecutor") first, then its kind's.
            let fitting = scenarios.flatMap { scenario in
                scenario.claims.filter { $0.subject == asked && $0.quantity == quantity && $0.workload == work && $0.names(words) }
                    .map { (scenario, $0) }
            }
            return fitting.first { $0.1.named != nil } ?? fitting.first
        }
        if let found = declared(for: waits) { return found }
        return waits != nil && quantity != .speedup ? declared(for: nil) : nil
    }
}
