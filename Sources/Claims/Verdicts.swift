import Bench
import Contract
import Foundation

/// A claim's verdict from the row that measured it.
extension ClaimChecker {
    /// The verdict on one claim from its row.
    /// A claim stated per core ("about 1/cores of the time") is judged per
    /// core the machine gave: what native threads reached in the same
    /// rounds as the row, where it was measured beside them.
    static func judge(_ claim: Claim, row: VariantResult?, against other: VariantResult? = nil, cores: Int) -> ClaimResult {
        let perCore = claim.stated.perCore == true
        let capacity = perCore ? (row?.native?.native.median ?? Double(cores)) : 1
        let factor = claim.stated.unit.factor * capacity
        let (low, high) = (claim.stated.min.map { $0 * factor }, claim.stated.max.map { $0 * factor })
        func result(_ measured: Double?, _ samples: Int, _ verdict: ClaimVerdict, _ reason: ClaimReason) -> ClaimResult {
            ClaimResult(claim: claim, statedMin: low, statedMax: high, measured: measured, samples: samples,
                        verdict: verdict, reason: reason)
        }
        /// The row's figure, or why it has none: the same checks for a claim's row and for the row it is compared with.
        func figure(of row: VariantResult) -> Figure {
            guard row.status == .ok else {
                return .unmeasured(result(nil, 0, .notMeasurable, .rowFailed(row: row.label, status: row.status, detail: row.reason)))
            }
            let samples = row.wallSeconds?.samples.count ?? 0
            if let flag = row.flag, claim.measure.metric == (flag.flagsSpeedup ? RowFigure.speedup : RowFigure.parallelism).rawValue {
                return .unmeasured(result(nil, samples, .notMeasurable, .flagged(row: row.label, metric: claim.measure.metric, flag: flag)))
            }
            guard let value = Self.figure(claim.measure.metric, of: row) else {
                return .unmeasured(result(nil, samples, .notMeasurable, .noFigure(row: row.label, metric: claim.measure.metric)))
            }
            return .figure(value, samples: samples)
        }
        guard let row else { return result(nil, 0, .notMeasurable, .notRun(variant: claim.measure.variant)) }
        let mine: (value: Double, samples: Int)
        switch figure(of: row) {
        case .unmeasured(let verdict): return verdict
        case let .figure(value, samples): mine = (value, samples)
        }
        guard let against = claim.measure.against else {
            var measured = mine.value
            if let times = claim.measure.times, let multiplier = claim.measure.params?[times] { measured *= Double(multiplier) }
            let inside = RangePosition(measured, low: low, high: high) == .inside
            return result(measured, mine.samples, inside ? .holds : .doesNotHold, .measured(row: row.label, perCore: perCore ? row.native : nil))
        }
        // A comparison: this row's figure over the other's, against the stated ratio.
        guard let other else { return result(nil, 0, .notMeasurable, .notRun(variant: against.variant)) }
        let theirs: (value: Double, samples: Int)
        switch figure(of: other) {
        case .unmeasured(let verdict): return verdict
        case let .figure(value, samples): theirs = (value, samples)
        }
        guard theirs.value > 0 else {
            return result(nil, mine.samples, .notMeasurable, .noFigure(row: other.label, metric: claim.measure.metric))
        }
        let ratio = mine.value / theirs.value
        let inside = RangePosition(ratio, low: low, high: high) == .inside
        return result(ratio, min(mine.samples, theirs.samples), inside ? .holds : .doesNotHold,
                      .compared(row: row.label, figure: mine.value, other: other.label, otherFigure: theirs.value, unit: unit(of: claim.measure)))
    }

    /// What a claim's metric measures: a row figure's quantity, or the scenario's metric's.
    static func unit(of measure: ClaimMeasure) -> Quantity {
        RowFigure(rawValue: measure.metric)?.quantity
            ?? runScenario(measure.scenario)?.metrics.first { $0.key == measure.metric }?.unit ?? .ratio
    }

    /// A row's figure by name, in base units: one of the row's own
    /// figures, or a metric of the scenario.
    static func figure(_ metric: String, of row: VariantResult) -> Double? {
        RowFigure(rawValue: metric).map { $0.value(of: row) } ?? row.extra?[metric]
    }
}

/// A row's figure for a claim, or the verdict on a claim whose row gives none.
enum Figure {
    case figure(Double, samples: Int)
    case unmeasured(ClaimResult)
}

/// The figures of a row a claim may name (besides the scenario's metrics),
/// in base units.
enum RowFigure: String, CaseIterable {
    case wall, cpu, speedup, parallelism, peakRSS = "peak_rss", treePeakRSS = "tree_peak_rss", treePeakPSS = "tree_peak_pss"

    var quantity: Quantity {
        switch self {
        case .wall, .cpu: return .seconds
        case .speedup, .parallelism: return .ratio
        case .peakRSS, .treePeakRSS, .treePeakPSS: return .bytes
        }
    }

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
