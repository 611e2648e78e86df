import Foundation
import Contract

extension Summary {
    /// Samples far from the others: a modified Z-score (0.6745 × distance
    /// from the median over the median absolute deviation) above 3.5, as
    /// Iglewicz and Hoaglin define outliers. None when the deviation is 0.
    public var outliers: [Double] {
        guard samples.count >= 3 else { return [] }
        guard let mad = Statistics.median(samples.map { abs($0 - median) }), mad > 0 else { return [] }
        return samples.filter { 0.6745 * abs($0 - median) / mad > 3.5 }
    }
}

public enum Statistics {
    public static func median(_ values: [Double]) -> Double? { Summary(values)?.median }

    /// A distribution-free interval for the median of `values`: the order
    /// statistics x(k) and x(n+1-k) with the largest k whose coverage,
    /// 1 - 2·P(Binomial(n, ½) < k), is still at least `confidence`. With few
    /// values no k reaches it and the interval is their whole range (five
    /// values: 93.75 %). Nil without values.
    public static func medianInterval(_ values: [Double], confidence: Double = 0.95) -> (low: Double, high: Double, coverage: Double)? {
        let sorted = values.sorted()
        let n = sorted.count
        guard n > 0 else { return nil }
        // cdf[j] = P(B <= j) for B ~ Binomial(n, 1/2).
        var cdf: [Double] = []
        var pmf = pow(0.5, Double(n)), total = 0.0
        for j in 0...n {
            total += pmf
            cdf.append(total)
            pmf = pmf * Double(n - j) / Double(j + 1)
        }
        var k = 1
        var coverage = 1 - 2 * cdf[0]
        if n >= 4 {
            for candidate in 2...((n + 1) / 2) {
                let wider = 1 - 2 * cdf[candidate - 1]
                guard wider >= confidence else { break }
                (k, coverage) = (candidate, wider)
            }
        }
        return (sorted[k - 1], sorted[n - k], n == 1 ? 0 : coverage)
    }
}

/// The Mann–Whitney U test (Wilcoxon rank-sum), two-sided: are two sets of
/// timings drawn from the same distribution? Rank-based, so one outlier
/// cannot make a difference look significant. Exact p-value for small
/// samples (no ties assumed in the count; tied values get mid-ranks), the
/// normal approximation for large ones.
public enum MannWhitney {
    public struct Result: Equatable, Sendable {
        public var u: Double
        public var p: Double
    }

    public static func test(_ a: [Double], _ b: [Double]) -> Result? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let n1 = a.count, n2 = b.count
        let pooled = (a.map { ($0, 0) } + b.map { ($0, 1) }).sorted { $0.0 < $1.0 }
        var ranks = [Double](repeating: 0, count: pooled.count)
        var index = 0
        while index < pooled.count {
            var end = index
            while end + 1 < pooled.count && pooled[end + 1].0 == pooled[index].0 { end += 1 }
            let rank = Double(index + end) / 2 + 1
            for k in index...end { ranks[k] = rank }
            index = end + 1
        }
        let rankSumA = zip(pooled, ranks).filter { $0.0.1 == 0 }.reduce(0) { $0 + $1.1 }
        let u1 = rankSumA - Double(n1 * (n1 + 1)) / 2
        let u = min(u1, Double(n1 * n2) - u1)
        if n1 * n2 <= 400 {
            return Result(u: u, p: min(1, 2 * exactLowerTail(Int(u.rounded(.down)), n1, n2)))
        }
        let mean = Double(n1 * n2) / 2
        let sd = (Double(n1 * n2 * (n1 + n2 + 1)) / 12).squareRoot()
        let z = (u - mean + 0.5) / sd
        return Result(u: u, p: min(1, erfc(abs(z) / 2.0.squareRoot())))
    }

    /// The smallest two-sided p any two samples of these sizes can give
    /// (every value of one beyond every value of the other): 2 / C(n+m, n).
    /// At or above alpha, no difference can be significant.
    public static func smallestP(_ n: Int, _ m: Int) -> Double {
        guard n > 0, m > 0 else { return 1 }
        var orderings = 1.0
        for k in 0..<min(n, m) { orderings = orderings * Double(n + m - k) / Double(k + 1) }
        return min(1, 2 / orderings)
    }

    /// P(U ≤ u) when both samples come from one distribution: the share of
    /// the C(n1+n2, n1) orderings whose U is at most u.
    static func exactLowerTail(_ u: Int, _ n1: Int, _ n2: Int) -> Double {
        // counts[m][k]: orderings of m of the first sample and (current) n of the second with U = k.
        var table = Array(repeating: Array(repeating: [Double](), count: n2 + 1), count: n1 + 1)
        for i in 0...n1 {
            for j in 0...n2 {
                var counts = [Double](repeating: 0, count: i * j + 1)
                if i == 0 || j == 0 {
                    counts[0] = 1
                } else {
                    // The largest value belongs to sample 1 (adding j to U) or to sample 2.
                    for (k, ways) in table[i - 1][j].enumerated() { counts[k + j] += ways }
                    for (k, ways) in table[i][j - 1].enumerated() { counts[k] += ways }
                }
                table[i][j] = counts
            }
        }
        let all = table[n1][n2]
        let total = all.reduce(0, +)
        return all.prefix(max(0, u) + 1).reduce(0, +) / total
    }
}
