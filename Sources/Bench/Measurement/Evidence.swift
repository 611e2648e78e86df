import Contract
import Measure

/// What the samples of a run can support. A conclusion ("faster", "the
/// best", "parallel") is stated only from at least `minimumSamples` runs on
/// each side, and only when the two sides' runs do not overlap; otherwise
/// it is kept as not conclusive (and Report says how to make it so).
public enum Evidence {
    public static let minimumSamples = Summary.conclusiveCount

    /// Enough runs on every side.
    public static func enough(_ summaries: Summary?...) -> Bool {
        summaries.allSatisfy { ($0?.samples.count ?? 0) >= minimumSamples }
    }

    /// `fast` is faster than `slow`: enough runs, and every run of `fast`
    /// took less than every run of `slow`.
    public static func faster(_ fast: Summary, than slow: Summary) -> Bool {
        enough(fast, slow) && fast.max < slow.min
    }

    /// slow / fast as hyperfine states it: the ratio of the means and its
    /// standard deviation, propagated from both sides' spreads.
    public static func ratio(_ slow: Summary, over fast: Summary) -> (value: Double, deviation: Double) {
        let (meanSlow, sdSlow) = (slow.mean, slow.standardDeviation)
        let (meanFast, sdFast) = (fast.mean, fast.standardDeviation)
        guard meanFast > 0, meanSlow > 0 else { return (0, 0) }
        let value = meanSlow / meanFast
        return (value, value * ((sdSlow / meanSlow) * (sdSlow / meanSlow) + (sdFast / meanFast) * (sdFast / meanFast)).squareRoot())
    }

    /// slow / fast from two rows' runs alone: the ratio of the means, and
    /// whether every run of `fast` took less than every run of `slow`.
    public static func unpaired(_ slow: Summary, over fast: Summary) -> WallRatio {
        let (value, deviation) = ratio(slow, over: fast)
        return .runs(value: value, deviation: deviation, fast: fast.samples.count, slow: slow.samples.count,
                     conclusive: faster(fast, than: slow))
    }

    /// Ratios measured round by round (slow over fast, each pair from one
    /// round): their median and the interval that holds it. Conclusive from
    /// enough rounds whose interval lies above 1. Nil without ratios.
    public static func paired(_ ratios: [Double]) -> WallRatio? {
        guard let median = Statistics.median(ratios), let interval = Statistics.medianInterval(ratios) else { return nil }
        return .rounds(median: median, low: interval.low, high: interval.high, coverage: interval.coverage, count: ratios.count,
                       conclusive: beats(ratios) != nil)
    }

    /// The per-round ratios' median and the interval that holds it, when
    /// they come from enough rounds and the interval lies above 1: the
    /// slow side was slower, conclusively. Nil otherwise.
    public static func beats(_ ratios: [Double]) -> (median: Double, low: Double, high: Double, coverage: Double)? {
        guard ratios.count >= minimumSamples, let median = Statistics.median(ratios),
              let interval = Statistics.medianInterval(ratios), interval.low > 1 else { return nil }
        return (median, interval.low, interval.high, interval.coverage)
    }
}
