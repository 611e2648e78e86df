import Console
import Foundation
import Measure

/// `pyvs claims`: reads a claims file, runs the experiment behind each
/// claim (one run per scenario and parameters, with only the variants the
/// claims need), and gives every claim its verdict.
public enum ClaimChecker {
    /// Figures of a row a claim may name, besides the scenario's own metrics.
    public static let rowFigures = ["wall", "cpu", "speedup", "parallelism", "peak_rss", "tree_peak_rss"]

    /// What is wrong with a claims file, in one line.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// The claims file pyvs ships: the reference document's claims.
    public static var builtInFile: String {
        URL(fileURLWithPath: Paths.pythonDirectory).deletingLastPathComponent()
            .appendingPathComponent("claims/reference.json").path
    }

    /// Reads and checks a claims file against the catalogue.
    public static func load(_ path: String) throws -> ClaimsFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Problem("cannot read the claims file \(path): \((error as NSError).localizedDescription)")
        }
        let file: ClaimsFile
        do { file = try JSONDecoder().decode(ClaimsFile.self, from: data) } catch {
            throw Problem("\(path) is not a claims file (\(ClaimsFile.schemaTag) JSON): \(describe(error))")
        }
        guard file.schema == ClaimsFile.schemaTag else {
            throw Problem("\(path): schema is '\(file.schema)'; accepted: \(ClaimsFile.schemaTag)")
        }
        guard !file.claims.isEmpty else { throw Problem("\(path) holds no claims") }
        var ids: Set<String> = []
        for claim in file.claims {
            guard ids.insert(claim.id).inserted else { throw Problem("\(path): claim id '\(claim.id)' appears twice") }
            if let problem = self.problem(with: claim) { throw Problem("\(path): claim '\(claim.id)': \(problem)") }
        }
        for block in file.blocks ?? [] where Catalogue.scenario(named: block.scenario) == nil {
            throw Problem("\(path): the block at \(block.document):\(block.line) names unknown scenario '\(block.scenario)'; "
                + "accepted: \(Catalogue.all.map(\.name).joined(separator: ", "))")
        }
        return file
    }

    /// A scenario of `pyvs run` (claims are measured as its rows).
    static func runScenario(_ name: String) -> ScenarioSpec? { Catalogue.scenarios.first { $0.name == name } }

    /// Why a claim cannot be tested as written (nil when it can).
    static func problem(with claim: Claim) -> String? {
        guard let scenario = runScenario(claim.measure.scenario) else {
            return "unknown scenario '\(claim.measure.scenario)'; accepted: \(Catalogue.names.joined(separator: ", "))"
        }
        guard scenario.variant(claim.measure.variant) != nil else {
            return "unknown variant '\(claim.measure.variant)' of \(scenario.name); accepted: \(scenario.variants.map(\.id).joined(separator: ", "))"
        }
        let metrics = rowFigures + scenario.metrics.map(\.key)
        guard metrics.contains(claim.measure.metric) else {
            return "unknown metric '\(claim.measure.metric)' for \(scenario.name); accepted: \(metrics.joined(separator: ", "))"
        }
        for (name, value) in claim.measure.params ?? [:] {
            if let parameter = scenario.parameter(name) {
                if !parameter.range.contains(value) {
                    return "\(name)=\(value) is out of range; accepted: \(parameter.range.lowerBound)...\(parameter.range.upperBound)"
                }
            } else if let series = scenario.series, series.name == name {
                if !series.range.contains(value) {
                    return "\(name)=\(value) is out of range; accepted: \(series.range.lowerBound)...\(series.range.upperBound)"
                }
            } else {
                let names = scenario.parameters.map(\.name) + (scenario.series.map { [$0.name] } ?? [])
                return "\(scenario.name) has no parameter '\(name)'; accepted: \(names.joined(separator: ", "))"
            }
        }
        if let times = claim.measure.times, claim.measure.params?[times] == nil {
            return "'times' names \(times), which the claim's params do not set"
        }
        guard ClaimUnit.factors[claim.stated.unit] != nil else {
            return "unknown unit '\(claim.stated.unit)'; accepted: \(ClaimUnit.accepted)"
        }
        guard claim.stated.min != nil || claim.stated.max != nil else { return "the stated value needs a min, a max or both" }
        if let min = claim.stated.min, let max = claim.stated.max, min > max { return "the stated min is above its max" }
        if let line = claim.line, line < 1 { return "line must be 1 or more" }
        return nil
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription) at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return String(describing: error)
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }

    // MARK: - Running the experiments

    /// One run: a scenario at one set of parameters, and the variants it needs.
    struct Experiment {
        var scenario: ScenarioSpec
        var params: [String: Int]
        var variants: Set<String>
    }

    /// The claims' experiments, in the order the claims first need them.
    static func experiments(for claims: [Claim]) -> [Experiment] {
        var experiments: [Experiment] = []
        for claim in claims {
            guard let scenario = runScenario(claim.measure.scenario) else { continue }
            let params = claim.measure.params ?? [:]
            var needed: Set<String> = [claim.measure.variant]
            if claim.measure.metric == "speedup", let variant = scenario.variant(claim.measure.variant) {
                needed.formUnion(baselines(of: variant, in: scenario))
            }
            if let index = experiments.firstIndex(where: { $0.scenario.name == scenario.name && $0.params == params }) {
                experiments[index].variants.formUnion(needed)
            } else {
                experiments.append(Experiment(scenario: scenario, params: params, variants: needed))
            }
        }
        return experiments
    }

    /// The variants a speedup of `variant` is measured against.
    static func baselines(of variant: VariantSpec, in scenario: ScenarioSpec) -> [String] {
        switch scenario.speedup {
        case .perThread: return []
        case .againstModel(let model):
            return scenario.variants.filter { $0.model == model && $0.language == variant.language && $0.group == variant.group }.map(\.id)
        }
    }

    /// Runs every experiment and judges every claim.
    public static func check(_ file: ClaimsFile, path: String, options: RunOptions, progress: ProgressLine) -> ClaimsReport {
        let experiments = experiments(for: file.claims)
        var planned = 1
        for experiment in experiments { planned += experiment.variants.count * options.runsPerRow }
        progress.plan(planned)
        let (machine, python, warnings) = RunMetadata.collect(options: options, progress: progress)
        var runs: [ScenarioResult] = []
        for experiment in experiments {
            var runOptions = options
            runOptions.only = experiment.variants
            runOptions.overrides = experiment.params
            if let series = experiment.scenario.series, let value = experiment.params[series.name] {
                runOptions.seriesOverrides = [series.name: [value]]
            }
            let runner = Runner(options: runOptions, progress: progress)
            runs.append(runner.run(experiment.scenario, python: python, nativeParallelism: machine.nativeParallelism))
        }
        let results = file.claims.map { claim -> ClaimResult in
            let index = experiments.firstIndex { $0.scenario.name == claim.measure.scenario && $0.params == (claim.measure.params ?? [:]) }
            let row = index.flatMap { runs[$0].variants.first { $0.id == claim.measure.variant } }
            return judge(claim, row: row, cores: machine.cores)
        }
        var report = ClaimsReport(claimsFile: path, machine: machine, python: python, claims: results, runs: runs, warnings: warnings)
        report.pyvs = ["version": PyvsVersion.number].merging(PyvsVersion.commit.map { ["commit": $0] } ?? [:]) { $1 }
        if let signal = ActiveChildren.shared.interruption {
            report.incomplete = true
            report.warnings.append("interrupted by \(Outcome.signalName(signal)): claims after it are not measurable.")
        }
        return report
    }

    /// The verdict on one claim from its row.
    static func judge(_ claim: Claim, row: VariantResult?, cores: Int) -> ClaimResult {
        let factor = (ClaimUnit.factors[claim.stated.unit] ?? 1) * (claim.stated.perCore == true ? Double(cores) : 1)
        let (low, high) = (claim.stated.min.map { $0 * factor }, claim.stated.max.map { $0 * factor })
        let command = self.command(for: claim)
        func result(_ measured: Double?, _ samples: Int, _ verdict: ClaimVerdict, _ reason: String) -> ClaimResult {
            ClaimResult(claim: claim, statedMin: low, statedMax: high, measured: measured, samples: samples,
                        verdict: verdict, reason: reason, command: command)
        }
        guard let row else { return result(nil, 0, .notMeasurable, "the run did not measure \(claim.measure.variant)") }
        guard row.status == .ok else {
            return result(nil, 0, .notMeasurable, "\(row.label) was \(row.status.rawValue)" + (row.reason.map { ": \($0)" } ?? ""))
        }
        let samples = row.wallSeconds?.samples.count ?? 0
        guard var measured = figure(claim.measure.metric, of: row) else {
            return result(nil, samples, .notMeasurable, "\(row.label) did not give \(claim.measure.metric)")
        }
        if let times = claim.measure.times, let multiplier = claim.measure.params?[times] { measured *= Double(multiplier) }
        let inside = (low.map { measured >= $0 } ?? true) && (high.map { measured <= $0 } ?? true)
        let unit = claim.stated.unit
        var reason = "measured \(ClaimUnit.format(measured, unit: unit)) against \(range(low, high, unit: unit))"
        if !inside, let low, measured < low { reason += measured > 0 ? ", \(Format.ratio(low / measured)) below its low end" : ", below its low end" }
        if !inside, let high, measured > high { reason += ", \(Format.ratio(measured / high)) above its high end" }
        reason += " (\(row.label), median of \(samples) run\(samples == 1 ? "" : "s"))"
        return result(measured, samples, inside ? .holds : .doesNotHold, reason)
    }

    /// A row's figure by name, in base units.
    static func figure(_ metric: String, of row: VariantResult) -> Double? {
        switch metric {
        case "wall": return row.wallSeconds?.median
        case "cpu": return row.cpuSeconds?.median
        case "speedup": return row.speedup
        case "parallelism": return row.parallelism
        case "peak_rss": return row.peakRSSBytes.map(Double.init)
        case "tree_peak_rss": return row.treePeakRSSBytes.map(Double.init)
        default: return row.extra?[metric]
        }
    }

    static func range(_ low: Double?, _ high: Double?, unit: String) -> String {
        switch (low, high) {
        case let (low?, high?): return low == high ? ClaimUnit.format(low, unit: unit) : "\(ClaimUnit.format(low, unit: unit))–\(ClaimUnit.format(high, unit: unit))"
        case let (low?, nil): return "at least \(ClaimUnit.format(low, unit: unit))"
        case let (nil, high?): return "at most \(ClaimUnit.format(high, unit: unit))"
        default: return "any value"
        }
    }

    /// `pyvs run` with the claim's scenario, variant and parameters.
    public static func command(for claim: Claim) -> String {
        var words = ["pyvs run", claim.measure.scenario, "--only", claim.measure.variant]
        for (name, value) in (claim.measure.params ?? [:]).sorted(by: { $0.key < $1.key }) {
            words.append("--\(name.replacingOccurrences(of: "_", with: "-")) \(value)")
        }
        return words.joined(separator: " ")
    }

    /// The command that measures a scenario: `pyvs gil` for the GIL study.
    public static func runCommand(_ scenario: String) -> String {
        Catalogue.gilStudy.contains { $0.name == scenario } ? "pyvs gil" : "pyvs run \(scenario)"
    }

    /// The scenario that measures the block opening at `line` of `document`,
    /// if the claims file links one. Documents match by file name without
    /// its extension (guide.md is guide.txt saved as Markdown).
    public static func scenario(forBlockAt line: Int, of document: String, in file: ClaimsFile?) -> String? {
        func stem(_ path: String) -> String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        return file?.blocks?.first { $0.line == line && stem($0.document) == stem(document) }?.scenario
    }
}
