import Contract
import Foundation
import Measure

/// How to measure: repeats, limits, sizes, interpreter and start method.
public struct RunOptions: Sendable {
    public var repeatCount = 5
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

    public init() {}

    /// Counted and warm-up runs of one row.
    public var runsPerRow: Int { warmup + repeatCount }
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
    public var reason: String
}
