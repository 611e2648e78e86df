import Foundation

/// The `pyvs.run/1` document: a run, its machine and Python, and per
/// scenario the variants side by side. This type is the JSON contract.
public struct RunReport: Codable, Sendable, JSONDocument {
    public static let schemaID = "pyvs.run/1"
    public var schema = RunReport.schemaID
    public var createdAt: String
    public var command: [String]
    public var machine: MachineInfo
    public var python: PythonInfo?
    /// Every Python build measured, when the run measured several (`python`
    /// is then the first); rows name theirs in `build`.
    public var builds: [PythonBuildInfo]?
    public var scenarios: [ScenarioResult]
    public var warnings: [String]
    /// True when pyvs was interrupted: the report holds what was measured before.
    public var incomplete: Bool?
    /// The pyvs that measured: its version, the commit it was built from,
    /// and the folder its Python programs, claims and schemas came from.
    public var pyvs: [String: String]?

    enum CodingKeys: String, CodingKey {
        case schema, createdAt = "created_at", command, machine, python, builds, scenarios, warnings, incomplete, pyvs
    }

    public init(command: [String], machine: MachineInfo, python: PythonInfo?, scenarios: [ScenarioResult], warnings: [String] = []) {
        self.createdAt = ISO8601DateFormatter().string(from: Date())
        self.command = command
        self.machine = machine
        self.python = python
        self.scenarios = scenarios
        self.warnings = warnings
    }

    /// True when every variant ran (or was skipped) and every result agrees,
    /// the native reference's included.
    public var allOK: Bool {
        scenarios.allSatisfy { scenario in
            (scenario.variants + (scenario.nativeReference?.rows ?? [])).allSatisfy { ($0.status == .ok || $0.status == .skipped) && $0.resultOK != false }
        }
    }
}

public struct PythonInfo: Codable, Equatable, Sendable {
    public var version: String
    public var implementation: String
    public var build: String
    public var library: String
    public var executable: String
    public var startMethod: String
    public var switchIntervalSeconds: Double
    public var gilEnabled: Bool
    /// Optional packages and whether this interpreter can import them.
    public var extras: [String: Bool]
    /// The C compiler flags CPython was built with (sysconfig's PY_CFLAGS).
    public var buildFlags: String?
    /// configure's arguments (sysconfig's CONFIG_ARGS): PGO and LTO show here.
    public var configureArguments: String?
    /// Built with --disable-gil (sysconfig's Py_GIL_DISABLED); `gilEnabled`
    /// is whether the GIL was on at run time.
    public var freeThreaded: Bool?
    /// How fast this machine runs Python in the embedded library and in the
    /// interpreter's own executable: the best time of the cpu-bound loop
    /// `sum(i*i for i in range(loop_n))` in each, the same code, alternated.
    public var loopEmbeddedSeconds: Double?
    public var loopExecutableSeconds: Double?
    public var loopN: Int?

    /// The embedded library's time over the executable's (above 1: slower).
    public var embeddedSlowdown: Double? {
        guard let embedded = loopEmbeddedSeconds, let executable = loopExecutableSeconds, executable > 0 else { return nil }
        return embedded / executable
    }

    enum CodingKeys: String, CodingKey {
        case version, implementation, build, library, executable
        case startMethod = "start_method", switchIntervalSeconds = "switch_interval_s"
        case gilEnabled = "gil_enabled", extras, buildFlags = "build_flags"
        case configureArguments = "configure_args", freeThreaded = "free_threaded"
        case loopEmbeddedSeconds = "loop_embedded_s", loopExecutableSeconds = "loop_executable_s", loopN = "loop_n"
    }

    public init(version: String, implementation: String, build: String, library: String, executable: String,
                startMethod: String, switchIntervalSeconds: Double, gilEnabled: Bool, extras: [String: Bool]) {
        self.version = version; self.implementation = implementation; self.build = build
        self.library = library; self.executable = executable; self.startMethod = startMethod
        self.switchIntervalSeconds = switchIntervalSeconds; self.gilEnabled = gilEnabled; self.extras = extras
    }
}

/// One Python build of a run that measured several: its name as `--python`
/// takes it, what it is, and what its workers ran with.
public struct PythonBuildInfo: Codable, Equatable, Sendable {
    public var name: String
    public var python: PythonInfo?
    /// Set in its workers' environment (PYTHON_GIL=1: the GIL forced on).
    public var environment: [String: String]?
    /// The pyvs binary embedding it.
    public var pyvs: String

    public init(name: String, python: PythonInfo?, environment: [String: String]?, pyvs: String) {
        self.name = name; self.python = python; self.environment = environment; self.pyvs = pyvs
    }
}

public struct ScenarioResult: Codable, Sendable {
    public var name: String
    public var title: String
    /// Where the reference document makes the claim.
    public var source: String?
    public var params: [String: Int]
    /// The result every variant must return, where it is known in closed form.
    public var expectedResult: String?
    public var variants: [VariantResult]
    /// The scenario's conclusions, drawn when it was measured. (Reports
    /// saved before they were typed hold sentences under `verdicts`, not read.)
    public var conclusions: [Conclusion]?
    /// Which Swift variant stands beside which Python one.
    public var counterparts: [Counterpart]?
    /// The scenario's own figures, kept in each row's `extra`.
    public var metrics: [MetricSpec]?
    /// Native threads in every round of the scenario, where it measures parallel work.
    public var nativeReference: NativeReference?
    /// How many rounds ran, and why they stopped.
    public var rounds: RoundsRecord?

    enum CodingKeys: String, CodingKey {
        case name, title, source, params, expectedResult = "expected_result", variants, conclusions, counterparts, metrics
        case nativeReference = "native_reference", rounds
    }

    public init(name: String, title: String, source: String? = nil, params: [String: Int], expectedResult: String? = nil,
                variants: [VariantResult], conclusions: [Conclusion]? = nil, counterparts: [Counterpart]? = nil, metrics: [MetricSpec]? = nil,
                nativeReference: NativeReference? = nil, rounds: RoundsRecord? = nil) {
        self.name = name; self.title = title; self.source = source; self.params = params
        self.expectedResult = expectedResult; self.variants = variants; self.conclusions = conclusions
        self.counterparts = counterparts; self.metrics = metrics; self.nativeReference = nativeReference
        self.rounds = rounds
    }
}

/// A Python variant and the Swift variant that stands beside it. When
/// they do the same work the same way (the same workers sharing the same
/// tasks), a ratio of their times says which language is faster; when
/// they differ in model (`differs` says how: one thread per task beside one
/// per worker), no ratio is given.
public struct Counterpart: Codable, Equatable, Sendable {
    public var python: String
    public var swift: String
    /// How the pair's models differ; nil when they do the same work alike.
    public var differs: String?

    public init(python: String, swift: String, differs: String? = nil) {
        self.python = python; self.swift = swift; self.differs = differs
    }

    /// Their times compare languages, not models.
    public var sameWork: Bool { differs == nil }
}

/// A figure a scenario reports beyond wall, CPU and memory (items/s, µs per
/// switch, time waiting for the GIL), stored under `key` in a row's `extra`.
public struct MetricSpec: Codable, Equatable, Sendable {
    public var key: String
    public var label: String
    public var unit: Quantity
    /// A throughput: this parameter's value (or, without such a parameter,
    /// this metric of the row) over the row's median wall time.
    public var perWallOf: String?
    /// How a worker that ran its region several times sums up the figure of
    /// each call (not written to JSON: the row holds the summary).
    public var perCall: PerCall = .median

    /// How the figures of a region's calls become the run's figure.
    public enum PerCall: Sendable, Equatable {
        /// The median call (a time, a count).
        case median
        /// The mean over the calls: for a 0-or-1 flag per call, the share of calls.
        case mean
    }

    enum CodingKeys: String, CodingKey { case key, label, unit, perWallOf = "per_wall_of" }

    public init(key: String, label: String, unit: Quantity, perWallOf: String? = nil, perCall: PerCall = .median) {
        self.key = key; self.label = label; self.unit = unit; self.perWallOf = perWallOf; self.perCall = perCall
    }
}

public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case ok, failed, timeout, crashed, skipped

    /// Failed, timed out or crashed: what `-x` stops at and exit status 1 counts.
    public var isFailure: Bool { self == .failed || self == .timeout || self == .crashed }
}

public struct ContextSwitches: Codable, Equatable, Sendable {
    public var voluntary: Int
    public var involuntary: Int
    public init(voluntary: Int, involuntary: Int) { self.voluntary = voluntary; self.involuntary = involuntary }
}

extension RunReport {
    public static func load(_ data: Data) throws -> RunReport {
        try JSONDecoder().decode(RunReport.self, from: data)
    }
}
