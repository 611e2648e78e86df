import Foundation

/// One row of a scenario: a variant (at one point of its series, on one
/// Python build) and what its runs measured. Its fields are held in groups
/// of one concern each, every group Codable by the compiler; the JSON stays
/// one flat object (`pyvs.run/1`), each group reading and writing its own
/// keys of it. A row reads its groups' fields as its own (`row.speedup` is
/// `row.parallel.speedup`).
@dynamicMemberLookup
public struct VariantResult: Codable, Sendable {
    /// Which row this is.
    public var identity: Identity
    /// How it ended and what it returned.
    public var outcome: Outcome
    /// Its runs' times.
    public var times: Times
    /// Its speedup and parallelism, and what is flagged in them.
    public var parallel: Parallel
    /// Its memory.
    public var memory: Memory
    /// What else used the machine while it ran.
    public var otherWork: OtherWork

    public init(id: String, label: String? = nil, language: Language, model: Model, title: String, workers: Int,
                threads: Int? = nil, status: RunStatus) {
        identity = Identity(id: id, savedLabel: label ?? id, language: language, model: model, title: title,
                            workers: workers, threads: threads)
        outcome = Outcome(status: status)
        times = Times()
        parallel = Parallel()
        memory = Memory()
        otherWork = OtherWork()
    }

    // Every group reads from, and writes to, the one object of the row.
    public init(from decoder: Decoder) throws {
        identity = try Identity(from: decoder)
        outcome = try Outcome(from: decoder)
        times = try Times(from: decoder)
        parallel = try Parallel(from: decoder)
        memory = try Memory(from: decoder)
        otherWork = try OtherWork(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try identity.encode(to: encoder)
        try outcome.encode(to: encoder)
        try times.encode(to: encoder)
        try parallel.encode(to: encoder)
        try memory.encode(to: encoder)
        try otherWork.encode(to: encoder)
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Identity, T>) -> T {
        get { identity[keyPath: path] }
        set { identity[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Outcome, T>) -> T {
        get { outcome[keyPath: path] }
        set { outcome[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Times, T>) -> T {
        get { times[keyPath: path] }
        set { times[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Parallel, T>) -> T {
        get { parallel[keyPath: path] }
        set { parallel[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Memory, T>) -> T {
        get { memory[keyPath: path] }
        set { memory[keyPath: path] = newValue }
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<OtherWork, T>) -> T {
        get { otherWork[keyPath: path] }
        set { otherWork[keyPath: path] = newValue }
    }

    public struct Identity: Codable, Sendable {
        public var id: String
        /// Unique within its scenario: the id, and the series value when rows
        /// repeat a variant ("py.threads ×2"). Reports and compare key on it.
        public var label: String {
            get { savedLabel ?? threads.map { "\(id) ×\($0)" } ?? id }
            set { savedLabel = newValue }
        }
        /// The label as saved (reports saved before rows had labels hold none:
        /// the id and the thread count then).
        var savedLabel: String?
        public var language: Language
        public var model: Model
        public var title: String
        public var workers: Int
        public var threads: Int?
        /// The Python build a row that runs Python ran on (`--python` names it).
        public var build: String?
        /// Whether the GIL was enabled in the row's workers after the variant
        /// ran (its imports can turn it back on in a free-threaded build).
        public var gilEnabled: Bool?

        enum CodingKeys: String, CodingKey {
            case id, savedLabel = "label", language, model, title, workers, threads, build, gilEnabled = "gil_enabled"
        }
    }

    public struct Outcome: Codable, Sendable {
        public var status: RunStatus
        /// Why the row has no result, or one not to be trusted.
        @SentenceOrProblem public var reason: RowProblem?
        public var result: String?
        public var resultOK: Bool?
        /// What the row's threads did, where its scenario judges rows (the GIL
        /// study). Reports saved before verdicts were typed hold a sentence
        /// here: read as none.
        @NoneIfUnreadable public var verdict: RowVerdict?
        public var contextSwitches: ContextSwitches?
        /// Scenario-specific figures (medians), e.g. "gil_wait_s".
        public var extra: [String: Double]?

        init(status: RunStatus) { self.status = status }

        enum CodingKeys: String, CodingKey {
            case status, reason, result, resultOK = "result_ok", verdict, contextSwitches = "context_switches", extra
        }
    }

    public struct Times: Codable, Sendable {
        /// Wall seconds of the measured region (interpreter start-up excluded).
        public var wallSeconds: Summary?
        /// CPU seconds (user + system) of the measured region, children included.
        public var cpuSeconds: Summary?
        /// Wall seconds of the whole worker process, start-up included.
        public var processWallSeconds: Summary?
        /// The measured region's CPU split into user and system seconds (medians).
        public var userSeconds: Double?
        public var systemSeconds: Double?
        /// Times the measured region ran in a row per process; figures are per
        /// loop: the median loop's where loops took 1 ms or more, else the mean.
        public var loops: Int?
        /// The round of each counted run (the same order as `wall_s.samples`):
        /// every row of a scenario runs once per round, so runs of one round
        /// were measured minutes apart at most and are compared pairwise.
        public var rounds: [Int]?
        /// Wall seconds (per loop) of each warm-up run, in order: not counted
        /// in any figure, kept for tools that want them (pyperf files).
        public var warmupWallSeconds: [Double]?

        enum CodingKeys: String, CodingKey {
            case wallSeconds = "wall_s", cpuSeconds = "cpu_s", processWallSeconds = "process_wall_s"
            case userSeconds = "user_s", systemSeconds = "sys_s", loops, rounds, warmupWallSeconds = "warmup_wall_s"
        }
    }

    public struct Parallel: Codable, Sendable {
        public var parallelism: Double?
        public var speedup: Double?
        /// The speedup's interval: the range of the per-round ratios (baseline
        /// over row, same round) that holds their median with about 95 %
        /// confidence (all of them with few rounds).
        public var speedupInterval: [Double]?
        /// Measured concurrency (sum of per-thread CPU over wall), where measured.
        public var concurrency: Double?
        /// The interval over the runs that holds the median of the row's own
        /// concurrency (its threads' CPU over the wall where they measure it,
        /// else the CPU of its process and children over the wall): what
        /// parallelism verdicts rest on, whatever speed the cores ran at.
        public var concurrencyInterval: [Double]?
        /// The highest of the row's own concurrency over its runs: its least
        /// disturbed run's, as the speedup is taken from fastest runs (other
        /// work on the machine only takes CPU from a run, never adds it).
        public var peakConcurrency: Double?
        /// A parallel row beside native threads in the same rounds.
        public var native: NativeComparison?
        /// Why the row's speedup or parallelism cannot be taken as measured
        /// (above the cores, or a speedup above the row's own concurrency); no
        /// conclusion or claim verdict rests on a flagged figure.
        public var flag: FigureFlag?

        enum CodingKeys: String, CodingKey {
            case parallelism, speedup, speedupInterval = "speedup_interval", concurrency
            case concurrencyInterval = "concurrency_interval", peakConcurrency = "concurrency_peak", native, flag
        }
    }

    public struct Memory: Codable, Sendable {
        public var peakRSSBytes: Int?
        /// Each counted run's own peak RSS (the same order as `wall_s.samples`).
        public var peakRSSBytesPerRun: [Int]?
        public var treePeakRSSBytes: Int?
        /// How many processes the group had when its memory peaked.
        public var treePeakProcesses: Int?
        /// The process tree's peak summed PSS: each page its processes share
        /// counted once — what the machine spent (`tree_peak_rss_bytes` counts
        /// a page once per process that maps it).
        public var treePeakPSSBytes: Int?

        enum CodingKeys: String, CodingKey {
            case peakRSSBytes = "peak_rss_bytes", peakRSSBytesPerRun = "peak_rss_bytes_runs"
            case treePeakRSSBytes = "tree_peak_rss_bytes", treePeakProcesses = "tree_peak_processes", treePeakPSSBytes = "tree_peak_pss_bytes"
        }
    }

    public struct OtherWork: Codable, Sendable {
        /// Per counted run (the order of `wall_s.samples`): CPU seconds other
        /// programs used meanwhile (the machine's busy time, /proc/stat, less the
        /// run's tree and pyvs), the hypervisor's steal time, and the CPU pyvs
        /// itself used watching the run.
        public var foreignCPUSeconds: [Double]?
        public var stealSeconds: [Double]?
        public var observerCPUSeconds: [Double]?
        /// The counted runs other work disturbed (indices into `wall_s.samples`; see `markDisturbance`).
        public var disturbedRuns: [Int]?

        enum CodingKeys: String, CodingKey {
            case foreignCPUSeconds = "foreign_cpu_s", stealSeconds = "steal_s", observerCPUSeconds = "observer_cpu_s"
            case disturbedRuns = "disturbed_runs"
        }
    }
}

extension VariantResult {
    /// What parallelism verdicts and flags rest on: the row's peak
    /// concurrency, else its threads' concurrency, else its CPU over wall.
    public var ownConcurrency: Double? { parallel.peakConcurrency ?? parallel.concurrency ?? parallel.parallelism }
}
