import Contract
import Measure

/// How a scenario's rows are scheduled: warm-ups, then rounds of every
/// row in a shuffled order, until `RoundsPolicy` says they end.
extension Runner {
    /// One row on its way: what it runs, and what its runs gave so far.
    struct Slot {
        var row: VariantResult
        let job: WorkerJob
        let build: PythonBuild
        var samples: [RunSample] = []
        /// The warm-up runs' samples (not counted).
        var warmups: [RunSample] = []
        /// The round of each counted sample.
        var rounds: [Int] = []
        /// Why the row stopped (or never ran); nil while it runs.
        var failure: RunFailure?
        /// The summed RSS at the row's last PSS reading: its runs all do
        /// the same work, so the next one reads the PSS only past it.
        var pssKnownUpToRSS: Int { (warmups + samples).compactMap(\.pssReadAtRSS).max() ?? 0 }
    }

    /// Every row's warm-up runs, one row after another; then the counted
    /// runs in rounds, every row once per round in a shuffled order, so
    /// that a slow minute of the machine falls on every row alike and the
    /// rows of one round can be compared with each other. A row whose run
    /// fails stops there; the others go on. The rounds go on as
    /// `options.rounds` says (`RoundsPolicy`); returns how many ran and why
    /// they stopped.
    func measureInRounds(_ slots: inout [Slot], spec: ScenarioSpec, service: (any RunningService)?) -> RoundsRecord {
        let scenario = spec.name
        func once(_ index: Int, detail: String) -> Result<RunSample, RunFailure> {
            progress.step("\(scenario) \(slots[index].row.label)", detail: detail)
            return measure(slots[index].job, build: slots[index].build, counting: service,
                           pssKnownUpToRSS: slots[index].pssKnownUpToRSS)
        }
        func stop(_ index: Int, _ failure: RunFailure, remaining: Int) {
            progress.note("\(scenario) \(slots[index].row.label): \(failure.status.rawValue): \(options.problemWords(failure.reason))")
            progress.skip(remaining)
            slots[index].failure = failure
        }
        func interrupted(_ index: Int, remaining: Int) -> Bool {
            guard let signal = supervisor.interruption.signal else { return false }
            if slots[index].failure == nil {
                let runs = slots[index].samples.count
                slots[index].failure = RunFailure(status: .skipped, reason: .interrupted(signal: signal, started: runs > 0, runs: runs > 0 ? runs : nil))
                progress.skip(remaining)
            }
            return true
        }
        for index in slots.indices where slots[index].failure == nil {
            for warm in 0..<options.warmup {
                if interrupted(index, remaining: options.runsPerRow - warm) { break }
                switch once(index, detail: "warm-up \(warm + 1)/\(options.warmup)") {
                case .success(let sample): slots[index].warmups.append(sample)
                case .failure(let failure):
                    stop(index, failure, remaining: options.runsPerRow - warm - 1)
                }
                if slots[index].failure != nil { break }
            }
        }
        // Rounds as planned. Auto rounds plan, after each round, as many as
        // the budget allows at the pace so far, so that the progress line's
        // estimate is the most that is left; those not run are taken back.
        var planned = options.repeatCount
        var round = 0
        let started = Clock.now()
        while true {
            round += 1
            let active = slots.indices.filter { slots[$0].failure == nil }
            if round > planned {
                planned = round
                progress.plan(active.count)
            }
            let of: String
            switch options.rounds {
            case .fixed: of = "\(planned)"
            case .auto(let rule): of = planned > rule.minimum ? "\(rule.minimum)–\(planned)" : "\(rule.minimum)+"
            }
            for index in active.shuffled() {
                let remaining = planned - round + 1
                if interrupted(index, remaining: remaining) { continue }
                let result = once(index, detail: "round \(round)/\(of)")
                if case .success(let sample) = result {
                    slots[index].samples.append(sample)
                    slots[index].rounds.append(round)
                }
                if interrupted(index, remaining: remaining - 1) { continue }
                if case .failure(let failure) = result { stop(index, failure, remaining: remaining - 1) }
            }
            let seconds = Clock.now() - started
            let stillActive = slots.indices.filter { slots[$0].failure == nil }.count
            if let record = roundsEnd(after: round, slots: slots, scenario: spec, seconds: seconds) {
                if planned > round { progress.skip((planned - round) * stillActive) }
                return record
            }
            if case .auto(let rule) = options.rounds {
                let affordable = min(rule.maximum, max(rule.minimum, Int(rule.budget / max(seconds / Double(round), 1e-9))))
                if affordable > planned {
                    progress.plan((affordable - planned) * stillActive)
                    planned = affordable
                }
            }
        }
    }

    /// Whether the rounds stop after `round` (`RoundsPolicy`); nil to go on.
    func roundsEnd(after round: Int, slots: [Slot], scenario: ScenarioSpec, seconds: Double) -> RoundsRecord? {
        if supervisor.interruption.signal != nil { return RoundsRecord(count: round, stop: .interrupted) }
        let rows = slots.filter { !$0.samples.isEmpty }.map { slot -> VariantResult in
            var row = slot.row
            Aggregate.fill(&row, samples: slot.samples, failure: nil)
            row.rounds = slot.rounds
            return row
        }
        return RoundsPolicy.end(after: round, rows: rows, rounds: options.rounds, speedup: scenario.speedup,
                                groups: Dictionary(uniqueKeysWithValues: scenario.variants.map { ($0.id, $0.group ?? "") }), seconds: seconds)
    }
}
