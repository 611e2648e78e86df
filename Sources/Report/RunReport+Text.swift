import Foundation
import Measure

/// What every textual rendering of a run shows: the metadata lines, one
/// table per scenario, its summary lines and the warnings.
extension RunReport {
    public var metadataLines: [String] {
        var lines = ["machine: \(machine.cpuModel) · \(machine.cores) cores · measured native parallelism "
            + "\(Format.number(machine.nativeParallelism)) · \(machine.kernel) · Swift \(machine.swiftVersion) "
            + "\(machine.buildConfiguration) build · load \(Format.number(machine.loadAverage)) at start"]
        if let python {
            lines.append("python: \(python.implementation == "cpython" ? "CPython" : python.implementation) \(python.version) · library \(python.library) · "
                + "executable \(python.executable) · start method \(python.startMethod) · "
                + "switch interval \(Format.duration(python.switchIntervalSeconds))"
                + (python.gilEnabled ? "" : " · free-threaded (no GIL)"))
        }
        return lines
    }

    public func table(for scenario: ScenarioResult) -> Table {
        let showThreads = scenario.variants.contains { $0.threads != nil }
        var columns: [(String, Table.Alignment)] = [("variant", .left), ("how", .left)]
        columns.append(showThreads ? ("threads", .right) : ("workers", .right))
        columns += [("wall", .right), ("min–max", .right), ("±", .right), ("CPU", .right),
                    ("parallel", .right), ("speedup", .right), ("peak RSS", .right), ("tree RSS", .right),
                    ("result", .left), ("status", .left)]
        var table = Table(columns)
        var lastLanguage: String?
        for variant in scenario.variants {
            if let lastLanguage, lastLanguage != variant.language { table.separate() }
            lastLanguage = variant.language
            let wall = variant.wallSeconds
            table.add([
                variant.id, variant.title,
                String(showThreads ? (variant.threads ?? variant.workers) : variant.workers),
                Format.duration(wall?.median),
                wall.map { "\(Format.duration($0.min))–\(Format.duration($0.max))" } ?? "–",
                wall.map { Format.percent($0.spread) } ?? "–",
                Format.duration(variant.cpuSeconds?.median),
                Format.number(variant.concurrency ?? variant.parallelism),
                Format.ratio(variant.speedup),
                Format.bytes(variant.peakRSSBytes), Format.bytes(variant.treePeakRSSBytes),
                variant.resultOK.map { $0 ? "ok" : "MISMATCH" } ?? "–",
                variant.status == .ok ? "ok" : "\(variant.status.rawValue): \(variant.reason ?? "")",
            ])
        }
        return table
    }

    public func paramsLine(for scenario: ScenarioResult) -> String {
        scenario.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// Plain-language conclusions: Swift against Python, best speedups.
    public func summaryLines(for scenario: ScenarioResult) -> [String] {
        var lines: [String] = []
        let ok = scenario.variants.filter { $0.status == .ok }
        let serial = { (language: String) in ok.first { $0.language == language && $0.model == "serial" }?.wallSeconds?.median }
        if let py = serial("python"), let swift = serial("swift"), swift > 0 {
            lines.append(py >= swift
                ? "Swift serial is \(Format.ratio(py / swift)) faster than Python serial on the same work."
                : "Python serial is \(Format.ratio(swift / py)) faster than Swift serial on the same work.")
        }
        for language in ["python", "swift"] where serial(language) != nil {
            let parallel = ok.filter { $0.language == language && $0.model != "serial" && $0.speedup != nil }
            if let best = parallel.max(by: { $0.speedup! < $1.speedup! }) {
                lines.append("Best \(language == "python" ? "Python" : "Swift") speedup: \(best.id) \(Format.ratio(best.speedup)) "
                    + "(parallelism \(Format.number(best.parallelism)); native parallelism here \(Format.number(machine.nativeParallelism))).")
            }
        }
        let startups = scenario.variants.compactMap { $0.extra?["interpreter_start_s"] }
        if let startup = Statistics.median(startups) {
            lines.append("Embedded CPython start-up per worker process: \(Format.duration(startup)) (median of the Python rows; not in the measured wall).")
        }
        lines += scenario.verdicts ?? []
        for variant in scenario.variants {
            if let wait = variant.extra?["gil_wait_s"], let threads = variant.threads, threads > 1 {
                lines.append("\(variant.id) with \(threads) threads: \(Format.duration(wait)) waiting inside PyGILState_Ensure to enter CPython (summed over the threads).")
            }
        }
        if let expected = scenario.expectedResult {
            let mismatched = scenario.variants.filter { $0.resultOK == false }.map(\.id)
            lines.append(mismatched.isEmpty ? "All results equal \(expected)."
                                            : "Results differ from \(expected): \(mismatched.joined(separator: ", ")).")
        }
        return lines
    }

    /// Instability and environment warnings, hyperfine-style: what to do.
    public var allWarnings: [String] {
        var lines = warnings
        for scenario in scenarios {
            for variant in scenario.variants {
                if let wall = variant.wallSeconds, wall.isUnstable() {
                    let row = variant.threads.map { "\(variant.id) \(variant.model) ×\($0)" } ?? variant.id
                    lines.append("\(scenario.name) \(row): wall times vary by \(Format.percent(wall.spread)) of the median "
                        + "(\(Format.duration(wall.min))–\(Format.duration(wall.max))). Consider re-running on a quiet system or with more --repeat.")
                }
            }
        }
        return lines
    }

    /// The terminal rendering.
    public func terminalText() -> String {
        var out = metadataLines
        for scenario in scenarios {
            out.append("")
            out.append("\(scenario.name): \(scenario.title)  (\(paramsLine(for: scenario)))")
            out.append(table(for: scenario).terminal())
            out += summaryLines(for: scenario).map { "  " + $0 }
        }
        let warnings = allWarnings
        if !warnings.isEmpty {
            out.append("")
            out += warnings.map { "warning: " + $0 }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "pyvs run" or "pyvs gil": the command that measured this report.
    public var heading: String {
        let subcommand = command.dropFirst().first { !$0.hasPrefix("-") } ?? "run"
        return "pyvs " + (["run", "gil"].contains(subcommand) ? subcommand : "run")
    }

    /// The Markdown rendering (charts, where wanted, are written beside it).
    public func markdownText(chartLinks: [String: [String]] = [:]) -> String {
        var out = ["# \(heading)", ""] + metadataLines.map { "- " + $0 }
        for scenario in scenarios {
            out += ["", "## \(scenario.name): \(scenario.title)", "", "Parameters: `\(paramsLine(for: scenario))`", ""]
            out.append(table(for: scenario).markdown())
            out.append("")
            out += summaryLines(for: scenario).map { "- " + $0 }
            for link in chartLinks[scenario.name] ?? [] { out += ["", link] }
        }
        let warnings = allWarnings
        if !warnings.isEmpty {
            out += ["", "## Warnings", ""] + warnings.map { "- " + $0 }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
