import Bench
import Console
import Contract
import Foundation
import Processes

/// `pyvs claims`: reads a claims file, runs the experiment behind each
/// claim (one run per scenario and parameters, with only the variants the
/// claims need), and gives every claim its verdict. The steps live beside
/// this file: reading and checking the file, planning the runs, judging.
public enum ClaimChecker {
    /// The claims file pyvs ships: the reference document's claims.
    public static var builtInFile: String {
        URL(fileURLWithPath: Paths.dataDirectory).appendingPathComponent("claims/reference.json").path
    }

    /// Runs every experiment and judges every claim. `collected`: the
    /// machine and builds already read by the caller.
    public static func check(_ file: ClaimsFile, path: String, options: RunOptions, progress: ProgressLine,
                             supervisor: Supervisor, collected: RunMetadata.Collected? = nil) -> ClaimsReport {
        let experiments = experiments(for: file.claims)
        var planned = options.builds.count
        for experiment in experiments {
            let rows = experiment.variants.reduce(0) { $0 + (experiment.scenario.variant($1)?.runsPython == true ? options.builds.count : 1) }
            planned += rows * options.runsPerRow
        }
        progress.plan(planned)
        let (collectedMachine, builds, warnings) = collected ?? RunMetadata.collect(options: options, progress: progress, supervisor: supervisor)
        var runs: [ScenarioResult] = []
        for experiment in experiments {
            var runOptions = options
            runOptions.only = experiment.variants
            runOptions.overrides = experiment.params
            if let series = experiment.scenario.series, let value = experiment.params[series.name] {
                runOptions.seriesOverrides = [series.name: [value]]
            }
            let runner = Runner(options: runOptions, progress: progress, supervisor: supervisor)
            runs.append(runner.run(experiment.scenario, pythons: builds))
        }
        let machine = RunMetadata.machine(collectedMachine, measuredIn: runs)
        let results = file.claims.map { claim -> ClaimResult in
            // One row per build for a Python variant, one for a Swift one.
            func rows(_ variant: String, at params: [String: Int]) -> [VariantResult] {
                let index = experiments.firstIndex { $0.scenario.name == claim.measure.scenario && $0.params == params }
                return index.map { runs[$0].variants.filter { $0.id == variant } } ?? []
            }
            let params = claim.measure.params ?? [:]
            let measured = rows(claim.measure.variant, at: params)
            let others = claim.measure.against.map { rows($0.variant, at: $0.params ?? params) } ?? []
            // A comparison sets a build's row against the same build's; a Swift row (no build) serves every build.
            func row(_ rows: [VariantResult], of build: String?) -> VariantResult? {
                rows.first { $0.build == build } ?? rows.first { $0.build == nil } ?? (build == nil ? rows.first : nil)
            }
            var result = judge(claim, row: measured.first, against: row(others, of: measured.first?.build), cores: machine.cores)
            let named = (measured + others).compactMap(\.build).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if builds.count > 1, !named.isEmpty {
                result.builds = named.map { build in
                    let (mine, theirs) = (row(measured, of: build), claim.measure.against == nil ? nil : row(others, of: build))
                    return BuildVerdict(build: build, result: judge(claim, row: mine, against: theirs, cores: machine.cores),
                                        gilEnabled: (mine?.build == build ? mine : theirs)?.gilEnabled)
                }
            }
            return result
        }
        var report = ClaimsReport(claimsFile: path, machine: machine, python: builds.first?.python, claims: results, runs: runs, warnings: warnings)
        report.builds = RunMetadata.record(builds)
        report.pyvs = RunMetadata.pyvsRecord
        if let signal = supervisor.interruption.signal {
            report.incomplete = true
            report.warnings.append("interrupted by \(Format.signal(signal)): claims after it are not measurable.")
        }
        return report
    }

    /// The scenario that measures the block opening at `line` of `document`,
    /// if the claims file links one. Documents match by file name without
    /// its extension (guide.md is guide.txt saved as Markdown).
    public static func scenario(forBlockAt line: Int, of document: String, in file: ClaimsFile?) -> String? {
        func stem(_ path: String) -> String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
        return file?.blocks?.first { $0.line == line && stem($0.document) == stem(document) }?.scenario
    }
}
