/// How many rounds of counted runs a scenario ran, and why they stopped.
public struct RoundsRecord: Codable, Sendable, Equatable {
    public enum Stop: String, Codable, Sendable {
        /// `--repeat N`: the rounds asked for.
        case fixed
        /// Every speedup's interval lay within ±`tolerance` of its median.
        case converged
        /// The scenario's rounds took the time budget before that.
        case budget
        /// The most rounds auto runs (`maximum`) ran before that.
        case maximum
        /// Ctrl-C or a signal.
        case interrupted
    }

    public var count: Int
    public var stop: Stop
    /// Auto rounds: the tolerance and the budget in seconds they ran under.
    public var tolerance: Double?
    public var budgetSeconds: Double?
    /// The row whose speedup interval was widest when the rounds stopped,
    /// and how far its interval reached from the median, as a share of it.
    public var widest: String?
    public var widestShare: Double?

    enum CodingKeys: String, CodingKey {
        case count, stop, tolerance, budgetSeconds = "budget_s", widest, widestShare = "widest_share"
    }

    public init(count: Int, stop: Stop, tolerance: Double? = nil, budgetSeconds: Double? = nil, widest: String? = nil, widestShare: Double? = nil) {
        self.count = count; self.stop = stop; self.tolerance = tolerance; self.budgetSeconds = budgetSeconds
        self.widest = widest; self.widestShare = widestShare
    }
}
