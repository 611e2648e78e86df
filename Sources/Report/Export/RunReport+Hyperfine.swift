import Contract
import Foundation

/// A run in the shape of hyperfine's `--export-json`, so that hyperfine's
/// scripts (plot_whisker.py, plot_histogram.py, advanced_statistics.py)
/// plot pyvs's rows. One result per measured row, its `command` the row's
/// name (`scenario/label`); `times` are the counted runs' wall seconds
/// (per loop, start-up excluded, as pyvs measures); `mean`, `stddev`,
/// `median`, `min` and `max` are over them; `user` and `system` are the
/// region's user and system CPU seconds per loop (the medians of the runs:
/// hyperfine's are means); `memory_usage_byte` is each run's peak RSS;
/// `parameters` the scenario's parameters and the row's workers, threads
/// and build.
extension RunReport {
    func hyperfineResults() throws -> String {
        var results: [HyperfineResult] = []
        for (scenario, row, wall) in measuredRows {
            var parameters = scenario.params.mapValues(String.init)
            parameters["workers"] = String(row.workers)
            if let threads = row.threads { parameters["threads"] = String(threads) }
            if let build = row.build { parameters["build"] = build }
            results.append(HyperfineResult(
                command: "\(scenario.name)/\(row.label)", mean: wall.mean,
                stddev: wall.samples.count > 1 ? wall.standardDeviation : nil,
                median: wall.median, user: row.userSeconds ?? 0, system: row.systemSeconds ?? 0,
                min: wall.min, max: wall.max, times: wall.samples,
                memoryUsageByte: row.peakRSSBytesPerRun,
                exitCodes: wall.samples.map { _ in 0 }, parameters: parameters))
        }
        return try Self.exportJSON(["results": results], pretty: true)
    }

    /// Every row with counted runs, its scenario and its wall summary: what
    /// the pyperf and hyperfine files hold (they have no place for the others).
    var measuredRows: [(scenario: ScenarioResult, row: VariantResult, wall: Summary)] {
        scenarios.flatMap { scenario in
            scenario.variants.compactMap { row in
                row.wallSeconds.flatMap { $0.samples.isEmpty ? nil : (scenario, row, $0) }
            }
        }
    }

    /// An export's JSON, keys sorted so that two exports differ only in their figures.
    static func exportJSON(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

struct HyperfineResult: Encodable {
    let command: String
    let mean: Double
    /// Null from one run, as hyperfine writes it.
    let stddev: Double?
    let median: Double
    let user: Double
    let system: Double
    let min: Double
    let max: Double
    let times: [Double]
    let memoryUsageByte: [Int]?
    let exitCodes: [Int]
    let parameters: [String: String]

    enum CodingKeys: String, CodingKey {
        case command, mean, stddev, median, user, system, min, max, times
        case memoryUsageByte = "memory_usage_byte", exitCodes = "exit_codes", parameters
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command); try c.encode(mean, forKey: .mean)
        try c.encode(stddev, forKey: .stddev); try c.encode(median, forKey: .median)
        try c.encode(user, forKey: .user); try c.encode(system, forKey: .system)
        try c.encode(min, forKey: .min); try c.encode(max, forKey: .max); try c.encode(times, forKey: .times)
        try c.encodeIfPresent(memoryUsageByte, forKey: .memoryUsageByte)
        try c.encode(exitCodes, forKey: .exitCodes); try c.encode(parameters, forKey: .parameters)
    }
}
