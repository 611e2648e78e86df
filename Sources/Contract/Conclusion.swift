/// A scenario's conclusion, drawn once when it is measured and kept in the
/// report: which finding it is and the figures it rests on. Facts only;
/// the words are Report's (`ConclusionWords`). In the JSON each is an
/// object with one key, the kind, holding its figures.
public enum Conclusion: Codable, Sendable, Equatable {
    /// `fast` did the same work as `slow` in less time.
    case faster(fast: String, slow: String, ratio: WallRatio)
    /// The same between two builds' one-thread rows.
    case betweenBuilds(fast: String, slow: String, ratio: WallRatio)
    /// A language's highest speedup, and how far it can be called the best.
    case best(BestSpeedup)
    /// No best speedup named: the rows that measured highest are flagged.
    case noBest(language: Language, flagged: [String])
    /// The embedded interpreter's start-up per worker process (median of the Python rows).
    case startup(seconds: Double)
    /// Rows whose result is not the expected one.
    case resultsDiffer(rows: [String])
    /// Every checked result is the expected one; `unchecked` rows' results are findings.
    case resultsAgree(expected: [String], unchecked: [String])
    /// The GIL study: the largest share of the region that starting the
    /// threads took in rows whose threads ran at once, and the rows above 5 %.
    case threadStarts(most: Double, slow: [RowShare])
    /// Host threads' summed wait to enter CPython.
    case gilWait(variant: String, threads: Int, seconds: Double)
    /// The switch-interval sweep: wall and the worker's context switches per interval.
    case sweep(threads: Int, points: [SweepPoint])
    /// I/O: the times one after another and all at once predict.
    case waitsExpected(requests: Int, delay: Double)
    /// I/O: the measured walls of one group of rows.
    case waitsMeasured(over: WaitGroup, rows: [RowShare])
    /// The kernel's count of a handoff row's context switches.
    case kernelSwitches(variant: String, voluntary: Int, involuntary: Int, handoffs: Int, runs: Int)
    /// When a threaded row's threads began to run, and how often two began on one CPU.
    case threadStartup(row: String, startup: Double, wall: Double, concurrency: Double?, shared: Double?)
    /// What an unsafe counter lost.
    case lostUpdates(variant: String, lost: Double, total: Int)
    /// Why the unlocked Python threads lost what they lost, with the GIL on or off.
    case unlockedThreads(lost: Bool, gil: Bool)
    /// Whether multiprocessing.Value += 1 without its lock lost updates.
    case unlockedValue(lost: Bool)
    /// Sleeping tasks: when all woke (against the sleep) and what each cost.
    case wakeups(row: String, wall: Double, sleep: Double, resident: Double, virtual: Double?)
    /// A conclusion drawn on one Python build's rows (beside the Swift ones).
    indirect case onBuild(build: String, conclusion: Conclusion)

    enum CodingKeys: String, CodingKey {
        case faster, betweenBuilds = "between_builds", best, noBest = "no_best", startup, resultsDiffer = "results_differ"
        case resultsAgree = "results_agree", threadStarts = "thread_starts", gilWait = "gil_wait", sweep
        case waitsExpected = "waits_expected", waitsMeasured = "waits_measured", kernelSwitches = "kernel_switches"
        case threadStartup = "thread_startup", lostUpdates = "lost_updates", unlockedThreads = "unlocked_threads"
        case unlockedValue = "unlocked_value", wakeups, onBuild = "on_build"
    }
}

/// slow / fast, with what supports it.
public enum WallRatio: Codable, Sendable, Equatable {
    /// From the per-round ratios: their median and the interval that holds
    /// it over `count` rounds; conclusive from enough rounds whose interval
    /// lies above 1.
    case rounds(median: Double, low: Double, high: Double, coverage: Double, count: Int, conclusive: Bool)
    /// From two rows' runs alone (rows saved before rounds): the ratio of
    /// the means and its deviation; conclusive when every run of the fast
    /// row took less than every run of the slow one, from enough runs.
    case runs(value: Double, deviation: Double, fast: Int, slow: Int, conclusive: Bool)

    public var conclusive: Bool {
        switch self {
        case .rounds(_, _, _, _, _, let conclusive), .runs(_, _, _, _, let conclusive): return conclusive
        }
    }
}

/// A language's highest speedup among its unflagged rows.
public struct BestSpeedup: Codable, Sendable, Equatable {
    public enum Standing: String, Codable, Sendable {
        /// Its runs beat the serial ones and the runner-up's.
        case best
        /// Too few runs on one side to say (`runs`).
        case fewRuns = "few_runs"
        /// Not ahead of the runner-up (`next`, `nextSpeedup`, `nextRatio` round by round).
        case tied
        /// Its runs overlap the serial ones.
        case overlapsSerial = "overlaps_serial"
    }

    public var language: Language
    public var standing: Standing
    public var row: String
    public var speedup: Double?
    public var interval: [Double]?
    public var concurrency: Double?
    public var native: NativeComparison?
    /// Its counted runs.
    public var runs: Int
    public var next: String?
    public var nextSpeedup: Double?
    /// The runner-up's wall over this row's, round by round, where measured so.
    public var nextRatio: WallRatio?

    enum CodingKeys: String, CodingKey {
        case language, standing, row, speedup, interval, concurrency, native, runs, next
        case nextSpeedup = "next_speedup", nextRatio = "next_ratio"
    }

    public init(language: Language, standing: Standing, row: String, speedup: Double?, interval: [Double]?, concurrency: Double?,
                native: NativeComparison?, runs: Int, next: String? = nil, nextSpeedup: Double? = nil, nextRatio: WallRatio? = nil) {
        self.language = language; self.standing = standing; self.row = row; self.speedup = speedup; self.interval = interval
        self.concurrency = concurrency; self.native = native; self.runs = runs; self.next = next
        self.nextSpeedup = nextSpeedup; self.nextRatio = nextRatio
    }
}

/// A row's figure in a conclusion (a wall, or a share of one).
public struct RowShare: Codable, Sendable, Equatable {
    public var row: String
    public var value: Double
    public init(row: String, value: Double) { self.row = row; self.value = value }
}

/// One switch interval of the GIL sweep.
public struct SweepPoint: Codable, Sendable, Equatable {
    public var interval: Double?
    public var wall: Double?
    public var switches: Int
    public var concurrency: Double?
    public init(interval: Double?, wall: Double?, switches: Int, concurrency: Double?) {
        self.interval = interval; self.wall = wall; self.switches = switches; self.concurrency = concurrency
    }
}

/// What the I/O rows wait on.
public enum WaitGroup: String, Codable, Sendable {
    case http, sleep
}
