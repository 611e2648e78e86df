import Console
import Contract
import Foundation
import Report

/// A claim's verdict from the row that measured it.
extension ClaimChecker {
    /// The verdict on one claim from its row.
    /// A claim stated per core ("about 1/cores of the time") is judged per
    /// core the machine gave: what native threads reached in the same
    /// rounds as the row, where it was measured beside them.
    static func judge(_ claim: Claim, row: VariantResult?, cores: Int) -> ClaimResult {
        let perCore = claim.stated.perCore == true
        let capacity = perCore ? (row?.native?.native.median ?? Double(cores)) : 1
        let factor = claim.stated.unit.factor * capacity
        let (low, high) = (claim.stated.min.map { $0 * factor }, claim.stated.max.map { $0 * factor })
        func result(_ measured: Double?, _ samples: Int, _ verdict: ClaimVerdict, _ reason: String) -> ClaimResult {
            ClaimResult(claim: claim, statedMin: low, statedMax: high, measured: measured, samples: samples,
                        verdict: verdict, reason: reason)
        }
        guard let row else { return result(nil, 0, .notMeasurable, "the run did not measure \(claim.measure.variant)") }
        guard row.status == .ok else {
            return result(nil, 0, .notMeasurable, "\(row.label) was \(row.status.rawValue)" + (row.reason.map { ": \($0)" } ?? ""))
        }
        let samples = row.wallSeconds?.samples.count ?? 0
        if let flag = row.flag, claim.measure.metric == (flag.flagsSpeedup ? RowFigure.speedup : RowFigure.parallelism).rawValue {
            return result(nil, samples, .notMeasurable, "\(row.label)'s \(claim.measure.metric) cannot be taken as measured: "
                + FlagWords.reason(flag, rows: [row], cores: cores))
        }
        guard var measured = figure(claim.measure.metric, of: row) else {
            return result(nil, samples, .notMeasurable, "\(row.label) did not give \(claim.measure.metric)")
        }
        if let times = claim.measure.times, let multiplier = claim.measure.params?[times] { measured *= Double(multiplier) }
        // A figure on a bound is inside it: the stated value went through a unit's
        // factor (10 µs is 9.999999999999999e-06 s), so allow for the last bits.
        let slack = 1e-9
        let inside = (low.map { measured >= $0 - abs($0) * slack } ?? true) && (high.map { measured <= $0 + abs($0) * slack } ?? true)
        let quantity = claim.stated.unit.quantity
        var reason = "measured \(quantity.format(measured)) against \(range(low, high, as: quantity))"
        if !inside, let low, measured < low { reason += measured > 0 ? ", \(Format.ratio(low / measured)) below its low end" : ", below its low end" }
        if !inside, let high, measured > high { reason += ", \(Format.ratio(measured / high)) above its high end" }
        reason += " (\(row.label), median of \(samples) run\(samples == 1 ? "" : "s"))"
        if perCore, let native = row.native {
            reason += "; per core the machine gave: native threads reached \(Format.ratio(native.native.median)) on \(native.threads) "
                + "threads in the same rounds (\(native.native.ratioRange))"
        }
        return result(measured, samples, inside ? .holds : .doesNotHold, reason)
    }

    /// A row's figure by name, in base units: one of the row's own
    /// figures, or a metric of the scenario.
    static func figure(_ metric: String, of row: VariantResult) -> Double? {
        RowFigure(rawValue: metric).map { $0.value(of: row) } ?? row.extra?[metric]
    }

    static func range(_ low: Double?, _ high: Double?, as quantity: Quantity) -> String {
        switch (low, high) {
        case let (low?, high?): return low == high ? quantity.format(low) : "\(quantity.format(low))–\(quantity.format(high))"
        case let (low?, nil): return "at least \(quantity.format(low))"
        case let (nil, high?): return "at most \(quantity.format(high))"
        default: return "any value"
        }
    }
}

/// The figures of a row a claim may name (besides the scenario's metrics),
/// in base units.
enum RowFigure: String, CaseIterable {
    case wall, cpu, speedup, parallelism, peakRSS = "peak_rss", treePeakRSS = "tree_peak_rss", treePeakPSS = "tree_peak_pss"

    func value(of row: VariantResult) -> Double? {
        switch self {
        case .wall: return row.wallSeconds?.median
        case .cpu: return row.cpuSeconds?.median
        case .speedup: return row.speedup
        case .parallelism: return row.parallelism
        case .peakRSS: return row.peakRSSBytes.map(Double.init)
        case .treePeakRSS: return row.treePeakRSSBytes.map(Double.init)
        case .treePeakPSS: return row.treePeakPSSBytes.map(Double.init)
        }
    }
}
