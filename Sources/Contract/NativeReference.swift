import Foundation

/// The native kernel on one thread and on W threads, measured as rows of
/// every round of a scenario (shuffled in with its other rows, under the
/// same observer): what the machine let native threads do while the rows
/// ran. Each round has its own native parallelism, W × wall(1) / wall(W):
/// the machine's capacity moves within minutes, so a figure taken once
/// before the runs cannot judge them.
public struct NativeReference: Codable, Sendable {
    /// Loop length of the kernel on each thread.
    public var n: Int
    /// The reference's rows, `native ×1` and `native ×W`, measured like
    /// every row (their runs, rounds and disturbances).
    public var rows: [VariantResult]
    /// Each round's native parallelism on each thread count above one.
    public var rounds: [ReferenceRound]

    public init(n: Int, rows: [VariantResult], rounds: [ReferenceRound]) {
        self.n = n; self.rows = rows; self.rounds = rounds
    }

    /// The thread counts above one the reference measured.
    public var threadCounts: [Int] { Array(Set(rounds.map(\.threads))).sorted() }

    /// The per-round native parallelism on `threads` threads, in round order.
    public func parallelism(threads: Int) -> [ReferenceRound] {
        rounds.filter { $0.threads == threads }.sorted { $0.round < $1.round }
    }

    /// Its lowest, median and highest over the rounds.
    public func spread(threads: Int) -> Spread? {
        Spread(parallelism(threads: threads).map(\.parallelism))
    }

    /// The thread count to set beside a row of `workers` workers on `cores`
    /// cores: the largest measured one up to both, else the smallest.
    public func threads(for workers: Int, cores: Int) -> Int? {
        let counts = threadCounts
        return counts.last { $0 <= min(workers, cores) } ?? counts.first
    }
}

/// One round's native parallelism on `threads` threads.
public struct ReferenceRound: Codable, Sendable, Equatable {
    public var round: Int
    public var threads: Int
    public var parallelism: Double

    public init(round: Int, threads: Int, parallelism: Double) {
        self.round = round; self.threads = threads; self.parallelism = parallelism
    }
}

/// The lowest, median and highest of a set of figures.
public struct Spread: Codable, Sendable, Equatable {
    public var min: Double
    public var median: Double
    public var max: Double
    public var count: Int

    public init?(_ values: [Double]) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        let middle = sorted.count / 2
        min = first; max = last; count = sorted.count
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// A parallel row beside native threads in the same rounds: how many
/// threads the reference ran, what they reached, and the row's speedup
/// as a share of theirs round by round.
public struct NativeComparison: Codable, Sendable, Equatable {
    /// The reference's thread count set beside the row.
    public var threads: Int
    /// Native parallelism over the rounds the row ran in.
    public var native: Spread
    /// The row's speedup over native threads' of the same round: the
    /// median of the rounds, and the interval that holds it.
    public var share: Double?
    public var shareInterval: [Double]?

    enum CodingKeys: String, CodingKey { case threads, native, share, shareInterval = "share_interval" }

    public init(threads: Int, native: Spread, share: Double?, shareInterval: [Double]?) {
        self.threads = threads; self.native = native; self.share = share; self.shareInterval = shareInterval
    }
}

/// Why a row's speedup or parallelism cannot be taken as measured: no
/// conclusion or claim verdict rests on a flagged figure. Facts only; the
/// words are Report's.
public struct FigureFlag: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// The speedup passes the machine's cores.
        case speedupAboveCores = "speedup_above_cores"
        /// The speedup passes the row's own measured concurrency by more
        /// than the rounds' noise: the same work took less CPU than in the
        /// baseline, so the baseline ran slow in those rounds.
        case speedupAboveConcurrency = "speedup_above_concurrency"
        /// CPU over wall passes the cores.
        case parallelismAboveCores = "parallelism_above_cores"
    }

    public var kind: Kind
    /// The flagged figure, and the low end of its interval where it has one.
    public var figure: Double
    public var low: Double?
    /// What it passed: the cores, or the high end of the row's concurrency
    /// interval over its baseline's concurrency.
    public var bound: Double
    /// The row a flagged speedup is taken against (its label).
    public var baseline: String?
    /// A row of the baseline's group that did the same work on one core
    /// faster than the baseline in every round, where one did.
    public var slowBaseline: SlowBaseline?

    enum CodingKeys: String, CodingKey { case kind, figure, low, bound, baseline, slowBaseline = "slow_baseline" }

    public init(kind: Kind, figure: Double, low: Double? = nil, bound: Double, baseline: String? = nil, slowBaseline: SlowBaseline? = nil) {
        self.kind = kind; self.figure = figure; self.low = low; self.bound = bound; self.baseline = baseline; self.slowBaseline = slowBaseline
    }

    /// Which of the row's figures is flagged.
    public var flagsSpeedup: Bool { kind != .parallelismAboveCores }
}

/// Evidence that a baseline ran slow: `peer` beat `baseline` on one core
/// in every round, by `ratio` (the median of the rounds) within `interval`.
public struct SlowBaseline: Codable, Sendable, Equatable {
    public var baseline: String
    public var peer: String
    public var ratio: Double
    public var interval: [Double]
    public var rounds: Int
    public var coverage: Double

    public init(baseline: String, peer: String, ratio: Double, interval: [Double], rounds: Int, coverage: Double) {
        self.baseline = baseline; self.peer = peer; self.ratio = ratio; self.interval = interval
        self.rounds = rounds; self.coverage = coverage
    }
}
