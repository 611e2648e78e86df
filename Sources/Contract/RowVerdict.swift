/// What a row's threads did, as a scenario judges it (the GIL study): the
/// kind of finding and the figures it rests on. Facts only; the words are
/// Report's.
public struct RowVerdict: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The row did not run (`status`, `reason`).
        case notRun = "not_run"
        /// One thread: the baseline of the speedups.
        case baseline
        /// Too few runs to conclude (`runs`).
        case notConclusive = "not_conclusive"
        /// Sleeping threads: their waits overlapped, or did not.
        case waitsOverlap = "waits_overlap"
        case waitsDidNotOverlap = "waits_did_not_overlap"
        /// The threads' own (peak) concurrency reached 70 % of the way to the cores.
        case parallel
        case partlyParallel = "partly_parallel"
        /// At most 1.15, in threads that share the GIL: the GIL's doing.
        case serialisedByGIL = "serialised_by_gil"
        /// At most 1.15 in threads that do not share a GIL.
        case notParallel = "not_parallel"
        /// No concurrency figure to judge from.
        case concurrencyNotMeasured = "concurrency_not_measured"
    }

    public var kind: Kind
    /// Who the threads are ("Python threads").
    public var subject: String
    public var threads: Int
    public var speedup: Double?
    /// The concurrency the verdict rests on (the row's peak), and the interval over its runs.
    public var concurrency: Double?
    public var concurrencyInterval: [Double]?
    /// Native threads' parallelism on as many threads in the same rounds.
    public var native: Spread?
    /// Counted runs, where too few.
    public var runs: Int?
    /// The threads ran with the GIL off (a free-threaded build).
    public var gilDisabled: Bool?
    /// The waits release the GIL (time.sleep in threads that share it).
    public var releasesGIL: Bool?
    /// Why a row did not run.
    public var status: RunStatus?
    @SentenceOrProblem public var reason: RowProblem?

    enum CodingKeys: String, CodingKey {
        case kind, subject, threads, speedup, concurrency, concurrencyInterval = "concurrency_interval", native, runs
        case gilDisabled = "gil_disabled", releasesGIL = "releases_gil", status, reason
    }

    public init(kind: Kind, subject: String, threads: Int, speedup: Double? = nil, concurrency: Double? = nil,
                concurrencyInterval: [Double]? = nil, native: Spread? = nil) {
        self.kind = kind; self.subject = subject; self.threads = threads; self.speedup = speedup
        self.concurrency = concurrency; self.concurrencyInterval = concurrencyInterval; self.native = native
    }
}
