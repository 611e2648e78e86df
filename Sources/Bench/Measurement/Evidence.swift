import Console
import Contract
import Measure

/// What the samples of a run can support. A conclusion ("faster", "the
/// best", "parallel") is stated only from at least `minimumSamples` runs on
/// each side, and only when the two sides' runs do not overlap; otherwise
/// the line says it is not conclusive and how to make it so.
public enum Evidence {
    public static let minimumSamples = Summary.conclusiveCount

    /// How to get enough runs.
    public static let advice = Summary.moreRunsAdvice

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

    /// "84.9 ± 2.1×" (or "84.9×" from one run a side).
    public static func describe(_ ratio: (value: Double, deviation: Double)) -> String {
        let digits = digits(ratio.value)
        let value = Format.number(ratio.value, digits: digits)
        return ratio.deviation > 0 ? "\(value) ± \(Format.number(ratio.deviation, digits: digits))×" : "\(value)×"
    }

    static func digits(_ value: Double) -> Int { value >= 100 ? 0 : value >= 10 ? 1 : 2 }

    /// Ratios measured round by round (slow over fast, each pair from one
    /// round): their median and the interval that holds it, "1.89×
    /// (1.85–1.93× in 5 rounds, 94 % interval)". Conclusive from enough
    /// rounds whose interval lies above 1. Nil without ratios.
    public static func paired(_ ratios: [Double]) -> (text: String, conclusive: Bool)? {
        guard let median = Statistics.median(ratios), let interval = Statistics.medianInterval(ratios) else { return nil }
        let d = digits(median)
        let n = ratios.count
        guard n > 1 else { return ("\(Format.number(median, digits: d))× in 1 round", false) }
        let range = "\(Format.number(interval.low, digits: d))–\(Format.number(interval.high, digits: d))×"
        return ("\(Format.number(median, digits: d))× (\(range) in \(n) rounds, \(Format.percent(interval.coverage)) interval)",
                beats(ratios) != nil)
    }

    /// The per-round ratios' median and the interval that holds it, when
    /// they come from enough rounds and the interval lies above 1: the
    /// slow side was slower, conclusively. Nil otherwise.
    public static func beats(_ ratios: [Double]) -> (median: Double, low: Double, high: Double, coverage: Double)? {
        guard ratios.count >= minimumSamples, let median = Statistics.median(ratios),
              let interval = Statistics.medianInterval(ratios), interval.low > 1 else { return nil }
        return (median, interval.low, interval.high, interval.coverage)
    }

    /// "1 run each", "5 and 3 runs".
    public static func runs(_ a: Summary, _ b: Summary) -> String {
        let (n, m) = (a.samples.count, b.samples.count)
        return n == m ? "\(n) run\(n == 1 ? "" : "s") each" : "\(n) and \(m) runs"
    }
}
