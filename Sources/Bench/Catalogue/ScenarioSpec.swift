import Contract
import Measure

/// How a row's speedup is computed.
public enum SpeedupRule: Sendable {
    /// Against the same language's variant of this model (its serial one)
    /// in the same group.
    case againstModel(Model)
    /// Work counted per thread: threads × wall(1 thread) / wall(N threads) of the same variant.
    case perThread
    /// No baseline: the rows differ in what they do (cost per switch,
    /// throughput, safety), so no row has a speedup.
    case noBaseline

    /// Whether a group's variants do the same work (against a model), so
    /// that one of them beating the baseline on one core says it ran slow.
    public var comparesVariants: Bool {
        if case .againstModel = self { return true }
        return false
    }
}

/// What a scenario's conclusions are computed from: its rows, each beside
/// the variant it measured, and what native threads reached in its rounds.
public struct ScenarioOutcome: Sendable {
    public var rows: [VariantResult]
    public var variants: [VariantSpec]
    public var params: Params
    public var context: MachineContext
    /// Each row's expected result (same order as `rows`), where one is known.
    public var expected: [String?] = []

    /// The variant each row measured (same order as `rows`).
    public func variant(of row: VariantResult) -> VariantSpec? { variants.first { $0.id == row.id } }
}

/// A scenario of the catalogue, declared in one place: the claim it
/// measures, its parameters, its variants (Python functions and Swift
/// implementations), the right result, which Swift variant stands beside
/// which Python one, its extra metrics, and how its rows are concluded.
public struct ScenarioSpec: Sendable {
    public let name: String
    public let title: String
    /// Where the reference document makes the claim.
    public let source: String
    public let pythonModule: String
    public var parameters: [ParameterSpec]
    public var series: SeriesSpec?
    public var variants: [VariantSpec]
    public var counterparts: [Counterpart] = []
    public var metrics: [MetricSpec] = []
    /// Figures rows return that are not table columns (the conclusions state them).
    public var hiddenMetrics: [MetricSpec] = []
    public var speedup: SpeedupRule = .againstModel(.serial)
    /// The native reference measured in every round beside the rows, where
    /// the scenario's rows run work in parallel.
    public var reference: ReferenceRule?
    /// The exact result every variant must return (per row's parameters).
    public var expected: @Sendable (Params) -> String? = { _ in nil }
    /// A process the variants talk to, running while the scenario runs.
    public var service: ServiceSpec?
    /// A check beyond the result: a row's failure reason, or nil when it holds.
    public var validate: (@Sendable (VariantResult, Params) -> RowProblem?)?
    /// Why a row must not start at these parameters (it would not fit in
    /// memory under this limit, in bytes, or the system's limits): the row is
    /// then skipped with that reason before a worker starts.
    public var refuse: (@Sendable (VariantSpec, Params, _ memoryLimit: Int) -> RowProblem?)?
    /// What the scenario's Python side needs from Swift, made ready in the
    /// worker before CPython starts (the GIL study registers its built-in
    /// module `pyvs_native` of Swift functions).
    public var beforePython: (@Sendable () -> Void)?
    /// The kinds of claim found in a document that this scenario judges
    /// (`pyvs check` on a document without a claims file).
    public var claims: [ClaimJudge] = []
    /// A one-line verdict per row, when the scenario states one.
    public var rowVerdict: (@Sendable (VariantResult, VariantSpec, MachineContext) -> RowVerdict?)?
    /// Conclusions particular to the scenario, after the common ones.
    public var conclude: (@Sendable (ScenarioOutcome) -> [Conclusion])?

    public init(name: String, title: String, source: String, pythonModule: String, parameters: [ParameterSpec],
                series: SeriesSpec? = nil, variants: [VariantSpec]) {
        self.name = name; self.title = title; self.source = source; self.pythonModule = pythonModule
        self.parameters = parameters; self.series = series; self.variants = variants
    }

    public func variant(_ id: String) -> VariantSpec? { variants.first { $0.id == id } }

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

    /// Parameters: defaults (or quick sizes), then the user's overrides of
    /// this scenario's parameters (others are ignored).
    public func resolve(quick: Bool, overrides: Params) -> Params {
        var params: Params = [:]
        for parameter in parameters { params[parameter.name] = quick ? parameter.quickValue : parameter.defaultValue }
        for (name, value) in overrides where params[name] != nil { params[name] = value }
        return params
    }

    /// The series' values: the user's, else the defaults (or quick ones); one nil without a series.
    public func points(quick: Bool, override: [Int]?) -> [Int?] {
        guard let series else { return [nil] }
        let values = override ?? (quick ? series.quickValues : series.defaultValues)
        return Array(Set(values)).sorted()
    }
}

/// What the machine gave while a scenario ran: its cores, and native
/// threads in the same rounds (nil where the scenario measures none).
public struct MachineContext: Sendable {
    public var cores: Int
    public var reference: NativeReference?

    public init(cores: Int, reference: NativeReference?) {
        self.cores = cores; self.reference = reference
    }
}
