import Console
import Contract
import Foundation
import Measure
import Processes

/// Measures variants, each run in a fresh worker process (the pyvs binary in
/// its hidden worker mode), and aggregates them into report rows.
public final class Runner: Sendable {
    public let options: RunOptions
    public let progress: ProgressLine
    /// Every worker is registered with it; its interruption stops the runs.
    public let supervisor: Supervisor

    public init(options: RunOptions, progress: ProgressLine, supervisor: Supervisor) {
        self.options = options
        self.progress = progress
        self.supervisor = supervisor
    }

    /// Runs one worker process (the pyvs of `build`) and turns what happened
    /// into a sample or a failure.
    public func measure(_ job: WorkerJob, build: PythonBuild = .host, limits: Limits? = nil,
                        pssKnownUpToRSS: Int = 0) -> Result<RunSample, RunFailure> {
        let child = Worker.process(job, build: build, limits: limits ?? options.limits, captureLimitBytes: Worker.runCaptureBytes,
                                   pssKnownUpToRSS: pssKnownUpToRSS)
        return Outcome.interpret(child.run(in: supervisor))
    }

    /// One run with a service: what the service served during it, per run of
    /// the variant, becomes the sample's `servedKey` metric.
    func measure(_ job: WorkerJob, build: PythonBuild, counting service: (any RunningService)?,
                 pssKnownUpToRSS: Int) -> Result<RunSample, RunFailure> {
        let before = service?.served()
        let result = measure(job, build: build, pssKnownUpToRSS: pssKnownUpToRSS)
        guard let service, let before, case .success(var sample) = result, let after = service.served() else { return result }
        sample.output?.metrics[Self.servedKey] = Double(after - before) / Double(max(1, sample.calls))
        return .success(sample)
    }

    /// Where a row keeps what the scenario's service served per run.
    public static let servedKey = "served"

    /// The rows one scenario will measure: variant by variant, at each point
    /// of its series, and a variant that runs Python once per build.
    public func plannedRows(_ scenario: ScenarioSpec) -> Int {
        let (variants, points) = selected(scenario)
        let references = variants.isEmpty ? 0 : referenceThreads(scenario, points: points).count
        return variants.reduce(0) { $0 + ($1.runsPython ? options.builds.count : 1) } * points.count + references
    }

    /// The variants `--only` keeps, and the points of the series (or the one point without a series).
    func selected(_ scenario: ScenarioSpec) -> (variants: [VariantSpec], points: [Int?]) {
        (scenario.variants.filter { options.only?.contains($0.id) ?? true },
         scenario.points(quick: options.quick, override: scenario.series.flatMap { options.seriesOverrides[$0.name] }))
    }

    /// The native reference's thread counts for this scenario (1 first), none without a rule.
    func referenceThreads(_ scenario: ScenarioSpec, points: [Int?]) -> [Int] {
        scenario.reference?.threadCounts(params: scenario.resolve(quick: options.quick, overrides: options.overrides), points: points) ?? []
    }

    /// Measures every variant of a scenario (at every point of its series,
    /// and a Python one on every build): each row's warm-up runs, then the
    /// counted runs in rounds (`measureInRounds`). A row whose run fails
    /// stops there; the others still run. Then speedups, result checks and
    /// conclusions (per build when there are several).
    public func run(_ scenario: ScenarioSpec, pythons: [MeasuredBuild]) -> ScenarioResult {
        let pythons = pythons.isEmpty ? [MeasuredBuild(build: .host, python: nil)] : pythons
        let several = pythons.count > 1
        let params = scenario.resolve(quick: options.quick, overrides: options.overrides)
        let (variants, points) = selected(scenario)
        var rows: [VariantResult] = []
        var expected: [String?] = []
        var rowParameters: [Params] = []
        // The scenario's service runs while its rows do; stopped however they end.
        var service: (any RunningService)?
        var serviceFailure: RowProblem?
        if let spec = scenario.service, !variants.isEmpty {
            progress.note("starting the \(spec.name) service for \(scenario.name)")
            do { service = try spec.start(supervisor) } catch { serviceFailure = .serviceFailed(scenario: spec.name, message: "\(error)") }
        }
        defer { service?.stop() }
        // Variant by variant; at each point of the series; a variant that runs Python on each build in turn.
        let plan = variants.flatMap { variant in
            points.flatMap { point in (variant.runsPython ? pythons.map(Optional.some) : [nil]).map { (variant, point, $0) } }
        }
        // Each program variant built (or found missing) once, before any row runs.
        var programs: [String: Result<[String], RowProblem>] = [:]
        let sources = variants.compactMap { variant -> (String, Program)? in
            if case .program(let program) = variant.implementation { return (variant.id, program) } else { return nil }
        }
        let runtimes = sources.isEmpty ? [:] : Runtimes.found(ids: sources.map(\.1.runtime), supervisor: supervisor)
        for (id, program) in sources {
            progress.note("preparing \(id) (\(program.source))")
            programs[id] = ProgramBuild.command(for: program, runtimes: runtimes, supervisor: supervisor)
        }
        var slots: [Slot] = []
        for (variant, point, measured) in plan {
            var rowParams = params.merging(service?.params ?? [:]) { $1 }
            if let point, let series = scenario.series { rowParams[series.name] = point }
            let build = measured?.build ?? .host
            var row = VariantResult(id: variant.id, label: Self.label(variant.id, scenario.series, point,
                                                                      build: several ? measured?.build.name : nil),
                                    language: variant.language, model: variant.model,
                                    title: variant.title, workers: variant.workerCount(rowParams),
                                    threads: rowParams["threads"], status: .ok)
            row.build = measured?.build.name
            expected.append(variant.expectedResult(rowParams, scenario: scenario))
            rowParameters.append(rowParams)
            let setup = PythonSetup(executable: build.executable ?? options.python.executable, startMethod: options.python.startMethod)
            let program = programs[variant.id]
            let job = WorkerJob.variant(VariantJob(scenario: scenario.name, variant: variant.id, params: rowParams,
                                                   python: setup, fault: options.faults[variant.id], command: try? program?.get()))
            var slot = Slot(row: row, job: job, build: build)
            let unbuilt: RowProblem? = if case .failure(let problem) = program { problem } else { nil }
            if let reason = serviceFailure ?? unbuilt ?? variant.unavailable(measured?.python ?? pythons.first?.python)
                ?? scenario.refuse?(variant, rowParams, options.limits.memoryLimitBytes) {
                slot.failure = RunFailure(status: serviceFailure == nil ? .skipped : .failed, reason: reason)
                progress.skip(options.runsPerRow)
            }
            slots.append(slot)
        }
        let referenceSlots = variants.isEmpty ? [] : self.referenceSlots(scenario, points: points)
        slots += referenceSlots
        let roundsRecord = measureInRounds(&slots, spec: scenario, service: service)
        var referenceRows: [VariantResult] = []
        for (index, slot) in slots.enumerated() {
            var row = slot.row
            Aggregate.fill(&row, samples: slot.samples, warmups: slot.warmups, failure: slot.failure)
            row.rounds = slot.samples.isEmpty ? nil : slot.rounds
            row.warmupWallSeconds = slot.warmups.isEmpty ? nil : slot.warmups.map(\.wall)
            if index >= slots.count - referenceSlots.count { referenceRows.append(row) } else { rows.append(row) }
        }
        // The native kernel's results are checked like every row's.
        Aggregate.check(&referenceRows, expected: referenceRows.map { Catalogue.nativeReference.expected(referenceParams(threads: $0.threads ?? 1)) })
        let reference = referenceSlots.isEmpty ? nil
            : NativeReference(n: referenceParams(threads: 1).n, rows: referenceRows, rounds: Aggregate.referenceRounds(referenceRows))
        let context = MachineContext(cores: MachineInfo.onlineCores, reference: reference)
        Aggregate.speedups(&rows, rule: scenario.speedup, groups: Dictionary(uniqueKeysWithValues: scenario.variants.map { ($0.id, $0.group ?? "") }),
                           machine: context)
        Aggregate.check(&rows, expected: expected)
        Aggregate.rates(&rows, metrics: scenario.metrics, params: rowParameters)
        if let validate = scenario.validate {
            for index in rows.indices where rows[index].status == .ok {
                if let reason = validate(rows[index], rowParameters[index]) {
                    rows[index].resultOK = false
                    rows[index].reason = reason
                }
            }
        }
        if let rowVerdict = scenario.rowVerdict {
            for index in rows.indices {
                if let variant = scenario.variant(rows[index].id) {
                    rows[index].verdict = rowVerdict(rows[index], variant, context)
                }
            }
        }
        let outcome = ScenarioOutcome(rows: rows, variants: scenario.variants, params: params, context: context, expected: expected)
        let conclusions = several ? Conclusions.drawn(for: scenario, outcome: outcome, builds: pythons.map(\.build.name))
                                  : Conclusions.drawn(for: scenario, outcome: outcome)
        return ScenarioResult(name: scenario.name, title: scenario.title, source: scenario.source, params: params,
                              expectedResult: scenario.series == nil ? scenario.expected(params) : nil, variants: rows,
                              conclusions: conclusions.isEmpty ? nil : conclusions,
                              counterparts: scenario.counterparts.isEmpty ? nil : scenario.counterparts,
                              metrics: scenario.metrics.isEmpty ? nil : scenario.metrics, nativeReference: reference,
                              rounds: slots.contains { !$0.samples.isEmpty } ? roundsRecord : nil)
    }

    /// The native reference's parameters on `threads` threads: its spec's
    /// loop length (the quick one with --quick).
    func referenceParams(threads: Int) -> Params {
        var params = Catalogue.nativeReference.resolve(quick: options.quick, overrides: [:])
        params["threads"] = threads
        return params
    }

    /// The native reference's rows: the kernel on 1 thread and on each of
    /// the scenario's W, measured in every round beside its rows.
    func referenceSlots(_ scenario: ScenarioSpec, points: [Int?]) -> [Slot] {
        let spec = Catalogue.nativeReference
        return referenceThreads(scenario, points: points).map { threads in
            let params = referenceParams(threads: threads)
            let row = VariantResult(id: ReferenceRule.variantID, label: "native ×\(threads)", language: .swift, model: .threads,
                                    title: spec.variants[0].title, workers: threads, threads: threads, status: .ok)
            let job = WorkerJob.variant(VariantJob(scenario: spec.name, variant: ReferenceRule.variantID, params: params,
                                                   python: PythonSetup(startMethod: options.python.startMethod)))
            return Slot(row: row, job: job, build: .host)
        }
    }

    /// The row's unique name: the id, with the series value when there is
    /// one and the build when a run measures several.
    static func label(_ id: String, _ series: SeriesSpec?, _ point: Int?, build: String? = nil) -> String {
        var label = id
        if let series, let point { label += " \(series.display(point))" }
        if let build { label += " [\(build)]" }
        return label
    }

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
