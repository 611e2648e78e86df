/// Summary statistics of repeated measurements.
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
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.count > 1
            ? samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(samples.count - 1) : 0
        spread = median > 0 ? variance.squareRoot() / median : 0
        self.samples = samples
    }

    /// True when the samples vary by more than `limit` of the median.
    public func isUnstable(limit: Double = 0.10) -> Bool { samples.count > 1 && spread > limit }
}

public enum Statistics {
    public static func median(_ values: [Double]) -> Double? { Summary(values)?.median }
}
