import Foundation
import Measure

/// From counted runs to a report row, and from rows to comparisons.
public enum Aggregate {
    /// Fills a row from its samples. A failure marks the row (status and
    /// reason) but keeps whatever was measured before it.
    public static func fill(_ row: inout VariantResult, samples: [RunSample], failure: RunFailure?) {
        row.status = failure?.status ?? .ok
        row.reason = failure?.reason
        guard let last = samples.last else { return }
        row.wallSeconds = Summary(samples.map(\.wall))
        row.cpuSeconds = Summary(samples.map(\.cpu))
        row.processWallSeconds = Summary(samples.map(\.processWall))
        row.userSeconds = Statistics.median(samples.map(\.user))
        row.systemSeconds = Statistics.median(samples.map(\.system))
        if let wall = row.wallSeconds?.median, let cpu = row.cpuSeconds?.median, wall > 0 {
            row.parallelism = cpu / wall
        }
        row.loops = samples.map(\.loops).max()
        row.peakRSSBytes = samples.map(\.peakRSS).max()
        row.treePeakRSSBytes = samples.map(\.treePeakRSS).max()
        row.treePeakProcesses = samples.max { $0.treePeakRSS < $1.treePeakRSS }?.treePeakProcesses
        row.contextSwitches = ContextSwitches(
            voluntary: Int(Statistics.median(samples.map { Double($0.switches.voluntary) }) ?? 0),
            involuntary: Int(Statistics.median(samples.map { Double($0.switches.involuntary) }) ?? 0))
        let distinct = Set(samples.map(\.result))
        row.result = distinct.count == 1 ? last.result : distinct.sorted().joined(separator: " | ")
        var extra: [String: Double] = [:]
        for key in Set(samples.flatMap(\.extra.keys)) {
            extra[key] = Statistics.median(samples.compactMap { $0.extra[key] })
        }
        row.extra = extra.isEmpty ? nil : extra
    }

    /// Speedup against the same language's serial variant, and every result
    /// checked against the expected one (or, without a closed form, against
    /// the serial variant of the first language).
    public static func compare(_ rows: inout [VariantResult], expected: String?, baselineModel: String = "serial") {
        let reference = expected ?? rows.first { $0.model == baselineModel && $0.result != nil }?.result
        for index in rows.indices {
            let row = rows[index]
            if let baseline = rows.first(where: { $0.language == row.language && $0.model == baselineModel })?.wallSeconds?.median,
               let wall = row.wallSeconds?.median, wall > 0 {
                rows[index].speedup = baseline / wall
            }
            if let result = row.result, let reference {
                rows[index].resultOK = result == reference
                if result != reference && row.status == .ok {
                    rows[index].reason = "result \(result) differs from the expected \(reference)"
                }
            }
        }
    }
}
