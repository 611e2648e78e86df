import Console
import Contract
import Foundation
import Measure
import Processes

/// Measures variants, each run in a fresh worker process (the pyvs binary in
/// its hidden worker mode), and aggregates them into report rows: which
/// rows run is planned in Runner+Plan, when each runs is scheduled in
/// Runner+Rounds, and the runs become a row's figures in `Aggregate`.
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
}
