import Foundation

// MARK: - The claims file (input, `pyvs.claims-file/1`)

/// A document's numeric claims, each with the experiment that tests it, and
/// the document's code blocks that a scenario reproduces.
public struct ClaimsFile: Codable, Sendable {
    public static let schemaTag = "pyvs.claims-file/1"
    public var schema: String
    public var claims: [Claim]
    public var blocks: [BlockLink]?
    /// Statements found in the document that no scenario judges, and why
    /// (written by `pyvs claims --scan`; not run).
    public var unjudged: [UnjudgedClaim]?

    public init(claims: [Claim], blocks: [BlockLink]? = nil, unjudged: [UnjudgedClaim]? = nil) {
        schema = Self.schemaTag; self.claims = claims; self.blocks = blocks; self.unjudged = unjudged
    }
}

/// One claim, in the document's own words, and how to test it.
public struct Claim: Codable, Sendable {
    public var id: String
    /// The claim as the document words it.
    public var quote: String
    /// What it says, in English (shown beside the quote).
    public var meaning: String?
    public var document: String
    /// 1-based line of the quote, when the document is at hand.
    public var line: Int?
    /// Where it is stated when no line can be given ("§1.2", "memory table").
    public var section: String?
    public var stated: StatedValue
    public var measure: ClaimMeasure
    /// Shown with the verdict (what the claim confused, for example).
    public var note: String?
    /// The builds the claim is about, when the document means only some
    /// ("threads do not speed up CPU-bound work" is about GIL builds).
    public var scope: ClaimScope?
    /// How pyvs read a claim it found in the document (none for one written by hand).
    public var reading: ClaimReading?

    enum CodingKeys: String, CodingKey {
        case id, quote, meaning, document, line, section, stated, measure, note, scope, reading = "read_as"
    }

    public init(id: String, quote: String, meaning: String? = nil, document: String, line: Int? = nil, section: String? = nil,
                stated: StatedValue, measure: ClaimMeasure, note: String? = nil, scope: ClaimScope? = nil) {
        self.id = id; self.quote = quote; self.meaning = meaning; self.document = document; self.line = line
        self.section = section; self.stated = stated; self.measure = measure; self.note = note; self.scope = scope
    }
}

/// Which Python builds a claim speaks of.
public enum ClaimScope: String, Codable, Sendable {
    /// Builds with a GIL (every CPython before 3.13, and 3.13+ without --disable-gil).
    case gilBuilds = "gil-builds"
    /// Free-threaded builds (--disable-gil) running without the GIL.
    case freeThreadedBuilds = "free-threaded-builds"
}

/// The stated value: a range (either end may be open) in `unit`.
public struct StatedValue: Codable, Sendable {
    public var min: Double?
    public var max: Double?
    public var unit: StatedUnit
    /// How the document states it ("5-10 µs", "about 2 KB", "no speedup").
    public var text: String
    /// The range is per core of the machine (a speedup "near-linear" in cores).
    public var perCore: Bool?

    enum CodingKeys: String, CodingKey { case min, max, unit, text, perCore = "per_core" }

    public init(min: Double? = nil, max: Double? = nil, unit: StatedUnit, text: String, perCore: Bool? = nil) {
        self.min = min; self.max = max; self.unit = unit; self.text = text; self.perCore = perCore
    }
}

/// The experiment: one row of a scenario, and the figure of it to compare.
public struct ClaimMeasure: Codable, Sendable {
    public var scenario: String
    public var variant: String
    /// Parameters of the run (a series parameter, such as massive's tasks, included).
    public var params: [String: Int]?
    /// wall, cpu, speedup, parallelism, peak_rss, tree_peak_rss (a shared
    /// page once per process), tree_peak_pss (once over the tree), or a metric
    /// key of the scenario (per_switch_s, resident_per_task_bytes, ...).
    public var metric: String
    /// Multiply the figure by this parameter (bytes per task × tasks).
    public var times: String?
    /// A claim that compares its subject with another ("a process costs
    /// more to start than a thread"): the other's row of the same scenario,
    /// whose same figure divides this one's; the stated range is of that ratio.
    public var against: ComparedRow?

    public init(scenario: String, variant: String, params: [String: Int]? = nil, metric: String, times: String? = nil,
                against: ComparedRow? = nil) {
        self.scenario = scenario; self.variant = variant; self.params = params; self.metric = metric; self.times = times
        self.against = against
    }
}

/// The row a comparison sets its subject against: a variant of the same
/// scenario, at its own parameters (a thread's memory at 1000 threads, a
/// coroutine's at 100000).
public struct ComparedRow: Codable, Sendable, Equatable {
    public var variant: String
    public var params: [String: Int]?

    public init(variant: String, params: [String: Int]? = nil) { self.variant = variant; self.params = params }
}

/// A code block of a document (by its opening fence's line) that a scenario
/// measures beside Swift.
public struct BlockLink: Codable, Sendable {
    public var document: String
    public var line: Int
    public var scenario: String

    public init(document: String, line: Int, scenario: String) {
        self.document = document; self.line = line; self.scenario = scenario
    }
}

// MARK: - The claims report (output, `pyvs.claims/1`)

public enum ClaimVerdict: String, Codable, Sendable {
    case holds
    case doesNotHold = "does_not_hold"
    case notMeasurable = "not_measurable"
}

/// Why a claim got its verdict: the row and figure it was judged from,
/// or why nothing could be measured. Facts only; the words are Report's.
public enum ClaimReason: Codable, Sendable, Equatable {
    /// The run did not measure the claim's variant.
    case notRun(variant: String)
    /// The row did not run to the end (`status`, with the row's reason).
    case rowFailed(row: String, status: RunStatus, detail: RowProblem?)
    /// The row's figure is flagged: it cannot be taken as measured.
    case flagged(row: String, metric: String, flag: FigureFlag)
    /// The row gave no such figure.
    case noFigure(row: String, metric: String)
    /// Measured (the result's `measured` against `stated_min`–`stated_max`),
    /// from `row`; a claim stated per core beside native threads in the same rounds.
    case measured(row: String, perCore: NativeComparison?)
    /// A comparison measured: the result's `measured` is `figure` (of
    /// `row`) over `otherFigure` (of `other`), the claim's metric in `unit`.
    case compared(row: String, figure: Double, other: String, otherFigure: Double, unit: Quantity)

    enum CodingKeys: String, CodingKey {
        case notRun = "not_run", rowFailed = "row_failed", flagged, noFigure = "no_figure", measured, compared
    }
    enum MeasuredCodingKeys: String, CodingKey { case row, perCore = "per_core" }
    enum ComparedCodingKeys: String, CodingKey { case row, figure, other, otherFigure = "other_figure", unit }
}

public struct ClaimResult: Codable, Sendable {
    public var id: String
    public var quote: String
    public var meaning: String?
    public var document: String
    public var line: Int?
    public var section: String?
    public var stated: StatedValue
    /// The stated range in base units (seconds, bytes, ratio, count), per
    /// core already multiplied out.
    public var statedMin: Double?
    public var statedMax: Double?
    /// The measured figure in base units (the row's median), when there is one.
    public var measured: Double?
    /// Counted runs behind it.
    public var samples: Int
    /// Whether those runs are enough to conclude (3 or more).
    public var conclusive: Bool
    public var verdict: ClaimVerdict
    /// Why: the figure against the range, or why nothing could be measured.
    public var reason: ClaimReason
    public var note: String?
    /// The command that repeats the experiment (spelled by the command line).
    public var command = ""
    public var scope: ClaimScope?
    /// With several Python builds measured, the verdict on each (the
    /// fields above are the first build's).
    public var builds: [BuildVerdict]?
    /// How pyvs read a claim it found, and the experiment it chose.
    public var reading: ClaimReading?
    public var measure: ClaimMeasure?

    enum CodingKeys: String, CodingKey {
        case id, quote, meaning, document, line, section, stated, statedMin = "stated_min", statedMax = "stated_max"
        case measured, samples, conclusive, verdict, reason, note, command, scope, builds, reading = "read_as", measure
    }

    public init(claim: Claim, statedMin: Double?, statedMax: Double?, measured: Double?, samples: Int,
                verdict: ClaimVerdict, reason: ClaimReason) {
        id = claim.id; quote = claim.quote; meaning = claim.meaning; document = claim.document; line = claim.line
        section = claim.section; stated = claim.stated; self.statedMin = statedMin; self.statedMax = statedMax
        self.measured = measured; self.samples = samples; conclusive = samples >= Summary.conclusiveCount; self.verdict = verdict; self.reason = reason
        note = claim.note; scope = claim.scope; reading = claim.reading; measure = claim.reading == nil ? nil : claim.measure
    }
}

/// A claim's verdict on one Python build.
public struct BuildVerdict: Codable, Sendable, Equatable {
    public var build: String
    public var measured: Double?
    public var samples: Int
    public var conclusive: Bool
    public var verdict: ClaimVerdict
    public var reason: ClaimReason
    /// Whether the GIL was on in the row's workers.
    public var gilEnabled: Bool?

    enum CodingKeys: String, CodingKey { case build, measured, samples, conclusive, verdict, reason, gilEnabled = "gil_enabled" }

    public init(build: String, result: ClaimResult, gilEnabled: Bool?) {
        self.build = build; measured = result.measured; samples = result.samples; conclusive = result.conclusive
        verdict = result.verdict; reason = result.reason; self.gilEnabled = gilEnabled
    }
}

public struct ClaimsReport: Codable, Sendable, JSONDocument {
    public static let schemaTag = "pyvs.claims/1"
    public var schema = ClaimsReport.schemaTag
    public var pyvs: [String: String]?
    public var claimsFile: String
    public var machine: MachineInfo
    public var python: PythonInfo?
    /// Every Python build measured, when there were several.
    public var builds: [PythonBuildInfo]?
    public var claims: [ClaimResult]
    /// The runs the verdicts come from, as `pyvs run` reports them.
    public var runs: [ScenarioResult]
    public var warnings: [String]
    public var incomplete: Bool?
    /// Statements found in the document that no scenario judges, and why.
    public var unjudged: [UnjudgedClaim]?

    enum CodingKeys: String, CodingKey {
        case schema, pyvs, claimsFile = "claims_file", machine, python, builds, claims, runs, warnings, incomplete, unjudged
    }

    public init(claimsFile: String, machine: MachineInfo, python: PythonInfo?, claims: [ClaimResult],
                runs: [ScenarioResult], warnings: [String]) {
        self.claimsFile = claimsFile; self.machine = machine; self.python = python; self.claims = claims
        self.runs = runs; self.warnings = warnings
    }

    public var count: (holds: Int, doesNotHold: Int, notMeasurable: Int) {
        (claims.filter { $0.verdict == .holds }.count, claims.filter { $0.verdict == .doesNotHold }.count,
         claims.filter { $0.verdict == .notMeasurable }.count)
    }
}

/// Where a measured figure lies against a claim's stated range.
public enum RangePosition: Sendable {
    case below, inside, above

    /// A figure on a bound is inside it: the stated value went through a
    /// unit's factor (10 µs is 9.999999999999999e-06 s), so the last bits
    /// are allowed for.
    public init(_ measured: Double, low: Double?, high: Double?) {
        let slack = 1e-9
        if let low, measured < low - abs(low) * slack { self = .below }
        else if let high, measured > high + abs(high) * slack { self = .above }
        else { self = .inside }
    }
}
