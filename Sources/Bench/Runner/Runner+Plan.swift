import Contract

/// Which rows a scenario runs: the variants `--only` keeps, at each point
/// of the series, on each build, and the native reference's rows; the one
/// place that decides it, for the run and for the progress's plan.
extension Runner {
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
}
