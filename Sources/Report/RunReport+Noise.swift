import Console
import Contract
import Foundation

/// What the machine gave while a scenario ran, said once under its table:
/// native threads over the rounds, other work measured during the runs,
/// the rows whose walls spread, and whether a conclusion is weaker for it.
/// The run-by-run details are in the JSON and, on the terminal, behind
/// --verbose (`detailWarnings`).
extension RunReport {
    /// Rows whose walls spread more than this share of their median are counted.
    static let spreadShown = 0.10

    public func noiseParagraph(for scenario: ScenarioResult) -> String? {
        var parts: [String] = [roundsPhrase(scenario.rounds)].compactMap { $0 }
        let native = nativeOnCores(scenario)
        if let native {
            parts.append("native threads \(Format.ratio(native.spread.median)) on \(native.threads) threads "
                + "(\(native.spread.ratioRange))")
        }
        let rows = scenario.variants + (scenario.nativeReference?.rows ?? [])
        let runs = rows.reduce(0) { $0 + ($1.wallSeconds?.samples.count ?? 0) }
        let disturbed = rows.reduce(0) { $0 + ($1.disturbedRuns ?? []).count }
        if disturbed > 0 { parts.append("other work in \(disturbed) of \(runs) runs") }
        let spread = scenario.variants.filter { ($0.wallSeconds?.samples.count ?? 0) > 1 && ($0.wallSeconds?.spread ?? 0) > Self.spreadShown }
        if !spread.isEmpty {
            parts.append("\(spread.count) row\(spread.count == 1 ? "'s walls" : "s' walls") spread over \(Int(Self.spreadShown * 100)) %")
        }
        guard !parts.isEmpty, !(parts.count == 1 && scenario.rounds?.stop == .fixed) else { return nil }
        let flagged = scenario.variants.filter { $0.flag != nil }.map(\.label)
        var text = "Machine during the run: " + parts.joined(separator: "; ") + "."
        if let native, native.small {
            text += " It gave about \(Format.number(native.spread.median)) cores, so every parallel speedup is small;"
                + " parallelism is judged by each row's own concurrency."
        }
        if !flagged.isEmpty { text += " Flagged (!): \(flagged.joined(separator: ", "))." }
        return text
    }

    /// Native threads on as many threads as the cores (or nearest) over the
    /// scenario's rounds; `small` when they reached under 80 % of them.
    func nativeOnCores(_ scenario: ScenarioResult) -> (threads: Int, spread: Spread, small: Bool)? {
        guard let reference = scenario.nativeReference, let threads = reference.threads(for: machine.cores, cores: machine.cores),
              let spread = reference.spread(threads: threads) else { return nil }
        return (threads, spread, spread.median < 0.8 * Double(min(threads, machine.cores)))
    }

    /// "12 rounds (every speedup within ±5.0 %; widest interval: py.pool
    /// ±4.1 %)", "23 rounds (the 100 s budget ended them; widest ...)".
    func roundsPhrase(_ record: RoundsRecord?) -> String? {
        guard let record else { return nil }
        let rounds = "\(record.count) round\(record.count == 1 ? "" : "s")"
        let widest = record.widest.map { label in "; widest interval: \(label) ±\(Format.percent(record.widestShare ?? 0))" } ?? ""
        let tolerance = Format.percent(record.tolerance ?? 0)
        switch record.stop {
        case .fixed: return rounds
        case .converged: return "\(rounds) (every speedup within ±\(tolerance)\(widest))"
        case .budget: return "\(rounds) (the \(Format.duration(record.budgetSeconds)) budget ended them\(widest))"
        case .maximum: return "\(rounds) (the most auto runs\(widest))"
        case .interrupted: return "\(rounds) (interrupted)"
        }
    }

    /// Run-by-run warnings (outliers, walls that vary, disturbed runs):
    /// the JSON keeps their figures; the terminal shows them with --verbose.
    public var detailWarnings: [String] {
        var lines: [String] = []
        for scenario in scenarios {
            if let summary = VariantResult.disturbanceSummary(scenario.variants, cores: machine.cores) {
                let runs = scenario.variants.reduce(0) { $0 + ($1.wallSeconds?.samples.count ?? 0) }
                let count = scenario.variants.reduce(0) { $0 + ($1.disturbedRuns ?? []).count }
                lines.append("\(scenario.name): other work took the CPU during \(count) of \(runs) counted runs (\(summary)); "
                    + "the rounds they fell in are left out of speedups and comparisons where \(Summary.conclusiveCount) clean rounds remain.")
            }
            for variant in scenario.variants {
                if let wall = variant.wallSeconds, !wall.outliers.isEmpty {
                    let count = wall.outliers.count
                    let outlierRuns = wall.samples.indices.filter { wall.outliers.contains(wall.samples[$0]) }
                    let explained = outlierRuns.filter { (variant.disturbedRuns ?? []).contains($0) }
                    let cause = variant.foreignCPUSeconds == nil ? "Other programs on the machine may have interfered"
                        : explained.isEmpty ? "No other work was measured during \(count == 1 ? "it" : "them"): the variant itself varies"
                        : "Other work was measured during \(explained.count == count ? (count == 1 ? "it" : "them") : "\(explained.count) of them")"
                    lines.append("\(scenario.name) \(variant.label): \(count) of \(wall.samples.count) runs \(count == 1 ? "is an outlier" : "are outliers") "
                        + "(\(wall.outliers.map { Format.duration($0) }.joined(separator: ", ")) against a median of \(Format.duration(wall.median)); "
                        + "modified Z-score above 3.5). \(cause); consider re-running on a quiet system.")
                }
                if let wall = variant.wallSeconds, wall.isUnstable() {
                    lines.append("\(scenario.name) \(variant.label): wall times vary by \(Format.percent(wall.spread)) of the median "
                        + "(\(Format.duration(wall.min))–\(Format.duration(wall.max))). Consider re-running on a quiet system or with more --repeat.")
                }
            }
        }
        return lines
    }
}
