/// Repeated measurements of one figure, as every output states them:
/// median, range, spread and the samples themselves.
public struct Summary: Codable, Equatable, Sendable {
    public var median: Double
    public var min: Double
    public var max: Double
    /// Standard deviation over the median (pyperf warns above 10 %).
    public var spread: Double
    public var samples: [Double]

    public init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        min = sorted.first!
        max = sorted.last!
        self.samples = samples
        spread = median > 0 ? Self.deviation(samples) / median : 0
    }

    /// Runs a side needs before pyvs states a conclusion from them (a
    /// winner, a verdict that is conclusive); fewer say "not conclusive".
    public static let conclusiveCount = 3

    /// How to get enough runs to conclude from.
    public static let moreRunsAdvice = "run with --repeat \(conclusiveCount) or more (the default is auto; --quick makes 1)"

    public var mean: Double { samples.reduce(0, +) / Double(samples.count) }

    /// The sample standard deviation (0 from one sample).
    public var standardDeviation: Double { Self.deviation(samples) }

    private static func deviation(_ samples: [Double]) -> Double {
        guard samples.count > 1 else { return 0 }
        let mean = samples.reduce(0, +) / Double(samples.count)
        return (samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1)).squareRoot()
    }

    /// True when the samples vary by more than `limit` of the median.
    public func isUnstable(limit: Double = 0.10) -> Bool { samples.count > 1 && spread > limit }
}
