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

    /// Samples far from the others: a modified Z-score (0.6745 × distance
    /// from the median over the median absolute deviation) above 3.5, as
    /// Iglewicz and Hoaglin define outliers. None when the deviation is 0.
    public var outliers: [Double] {
        guard samples.count >= 3 else { return [] }
        let deviations = samples.map { abs($0 - median) }.sorted()
        let middle = deviations.count / 2
        let mad = deviations.count % 2 == 1 ? deviations[middle] : (deviations[middle - 1] + deviations[middle]) / 2
        guard mad > 0 else { return [] }
        return samples.filter { 0.6745 * abs($0 - median) / mad > 3.5 }
    }
}

public enum Statistics {
    public static func median(_ values: [Double]) -> Double? { Summary(values)?.median }
}
