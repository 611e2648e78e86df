import Console
import Contract

/// The words of a claim's reason (`ClaimReason`), made here once: "measured
/// 1.28× against 1.50–2.10×, 1.17× below its low end (py.pool ×2, median of
/// 5 runs)".
public enum ClaimWords {
    static func reason(_ reason: ClaimReason, measured: Double?, samples: Int, of claim: ClaimResult, cores: Int) -> String {
        switch reason {
        case let .notRun(variant):
            return "the run did not measure \(variant)"
        case let .rowFailed(row, status, detail):
            return "\(row) was \(status.rawValue)" + (detail.map { ": " + ProblemWords.text($0) } ?? "")
        case let .flagged(row, metric, flag):
            return "\(row)'s \(metric) cannot be taken as measured: " + FlagWords.reason(flag, rows: [], cores: cores)
        case let .noFigure(row, metric):
            return "\(row) did not give \(metric)"
        case let .compared(row, figure, other, otherFigure, unit):
            guard let measured else { return "\(row) gave no figure" }
            return position(measured, of: claim) + " (\(row) \(unit.format(figure)) over \(other) \(unit.format(otherFigure)), "
                + "medians of \(samples) run\(samples == 1 ? "" : "s"))"
        case let .measured(row, perCore):
            guard let measured else { return "\(row) gave no figure" }
            var text = position(measured, of: claim) + " (\(row), median of \(samples) run\(samples == 1 ? "" : "s"))"
            if let perCore {
                text += "; per core the machine gave: native threads reached \(Format.ratio(perCore.native.median)) on \(perCore.threads) "
                    + "threads in the same rounds (\(perCore.native.ratioRange))"
            }
            return text
        }
    }

    /// "measured 1.28× against 1.50–2.10×, 1.17× below its low end".
    static func position(_ measured: Double, of claim: ClaimResult) -> String {
        let quantity = claim.stated.unit.quantity
        let (low, high) = (claim.statedMin, claim.statedMax)
        var text = "measured \(quantity.format(measured)) against \(range(low, high, as: quantity))"
        switch RangePosition(measured, low: low, high: high) {
        case .below: text += measured > 0 ? ", \(Format.ratio((low ?? 0) / measured)) below its low end" : ", below its low end"
        case .above: text += ", \(Format.ratio(measured / (high ?? 1))) above its high end"
        case .inside: break
        }
        return text
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

extension ClaimResult {
    /// Why the claim got its verdict, in words.
    public func because(cores: Int) -> String {
        ClaimWords.reason(reason, measured: measured, samples: samples, of: self, cores: cores)
    }
}

extension BuildVerdict {
    /// Why the claim got its verdict on this build, in words.
    public func because(in claim: ClaimResult, cores: Int) -> String {
        ClaimWords.reason(reason, measured: measured, samples: samples, of: claim, cores: cores)
    }
}
