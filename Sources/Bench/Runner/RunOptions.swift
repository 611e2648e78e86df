import Contract
import Foundation
import Measure

/// How to measure: repeats, limits, sizes, interpreter and start method.
public struct RunOptions: Sendable {
    /// How many rounds of counted runs each scenario gets.
    public var rounds: Rounds = .fixed(5)
    public var warmup = 1
    public var limits = Limits(timeout: 120)
    public var quick = false
    /// Parameter values given by the user (applied to the scenarios that have them).
    public var overrides: Params = [:]
    /// Series values given by the user, by series name.
    public var seriesOverrides: [String: [Int]] = [:]
    /// The start method, and the executable children start (`--python PATH`).
    public var python = PythonSetup()
    /// The Python builds the Python rows run on: this pyvs's own by default.
    public var builds: [PythonBuild] = [.host]
    /// Variant id -> injected fault (pyvs's own tests).
    public var faults: [String: Fault] = [:]
    /// Only these variant ids, when set.
    public var only: Set<String>?
    /// The words for a row's problem on the progress line (Report's, given
    /// by the command; the kind alone otherwise).
    public var problemWords: @Sendable (RowProblem) -> String = { String(describing: $0) }

    public init() {}

    /// Counted rounds planned at the start: the fixed number, or the least auto runs.
    public var repeatCount: Int {
        switch rounds {
        case .fixed(let count): return max(1, count)
        case .auto(let rule): return rule.minimum
        }
    }

    /// Counted and warm-up runs of one row, as planned at the start.
    public var runsPerRow: Int { warmup + repeatCount }
}

/// Rounds of counted runs: a fixed number (`--repeat N`), or as many as it
/// takes (`--repeat auto`) for every speedup's interval to lie within
/// ±`tolerance` of its median, from `minimum` rounds, until the scenario's
/// rounds have taken `budget` seconds or `maximum` rounds have run.
public enum Rounds: Sendable, Equatable {
    case fixed(Int)
    case auto(AutoRounds)
}

public struct AutoRounds: Sendable, Equatable {
    public var minimum = 5
    public var maximum = 50
    public var budget: Double = AutoRounds.defaultBudget
    public var tolerance = 0.05

    /// Seconds of counted rounds per scenario: a default `make run` (the
    /// cpu-bound scenario) stays under 3 minutes on a quiet 2-core machine.
    public static let defaultBudget: Double = 100

    public init(minimum: Int = 5, maximum: Int = 50, budget: Double = AutoRounds.defaultBudget, tolerance: Double = 0.05) {
        self.minimum = minimum; self.maximum = maximum; self.budget = budget; self.tolerance = tolerance
    }
}

/// One counted run that produced a result.
public struct RunSample: Sendable {
    public var wall: Double
    public var cpu: Double
    public var processWall: Double
    /// The region's user and system CPU seconds per loop (the whole
    /// process's where the worker measured no region).
    public var user: Double
    public var system: Double
    public var peakRSS: Int
    public var treePeakRSS: Int
    public var treePeakProcesses: Int = 1
    /// The tree's peak summed PSS (shared pages counted once), where read,
    /// and the summed RSS at the last reading (what the row's next runs
    /// must go past to read it again).
    public var treePeakPSS: Int?
    public var pssReadAtRSS: Int?
    /// What else the machine did during the run: CPU seconds used outside
    /// the run's tree and pyvs, and the hypervisor's steal time.
    public var foreignCPU: Double = 0
    public var steal: Double = 0
    /// CPU seconds pyvs itself used while it watched the run.
    public var observerCPU: Double = 0
    public var switches: ContextSwitches
    public var output: VariantOutput?
    public var interpreterStart: Double?
    public var python: PythonInfo?
    public var gilEnabled: Bool?
    public var pyvsCommit: String?
    public var loops: Int = 1
    /// Runs of the variant in the worker, the calibrating one included.
    public var calls: Int = 1
}

/// A run that did not produce a result, and why.
public struct RunFailure: Error, Sendable {
    public var status: RunStatus
    public var reason: RowProblem

    public init(status: RunStatus, reason: RowProblem) { self.status = status; self.reason = reason }
}
