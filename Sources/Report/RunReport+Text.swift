import Console
import Contract
import Foundation
import Measure

/// What every textual rendering of a run shows: the metadata lines, one
/// table per scenario, its summary lines and the warnings.
extension RunReport {
    public var metadataLines: [String] {
        var lines = ["machine: \(machine.cpuModel) · \(machine.cores) cores"
            + (machine.nativeParallelism.map { " · native parallelism \(Format.number($0)) (median of the rounds)" } ?? "")
            + " · \(machine.kernel) · Swift \(machine.swiftVersion) "
            + "\(machine.buildConfiguration) build · load \(Format.number(machine.loadAverage)) at start"
            + (machine.cpuGovernor.map { " · governor \($0)" } ?? "") + (machine.aslr.map { " · ASLR \($0)" } ?? "")]
        if let pyvs, let version = pyvs["version"] {
            lines.append("measured by pyvs \(version)" + (pyvs["commit"].map { " (commit \($0))" } ?? ""))
        }
        if builds != nil {
            lines += buildLines
        } else if let python {
            lines.append("python: \(python.implementation == "cpython" ? "CPython" : python.implementation) \(python.version) · library \(python.library) · "
                + "executable \(python.executable) · start method \(python.startMethod) · "
                + "switch interval \(Format.duration(python.switchIntervalSeconds))"
                + (python.gilEnabled ? "" : " · free-threaded (no GIL)"))
            if let speed = python.speedLine { lines.append(speed) }
        }
        return lines
    }

    /// Columns a narrow terminal loses first, in this order.
    public static let optionalColumns = ["how", "CPU", "peak RSS", "min–max", "workers", "threads", "±", "tree RSS", "tree PSS", "of native", "parallel"]

    /// Every column; `compact` puts the result check in the status column
    /// (ok, MISMATCH, or the status alone: reasons go below the table).
    public func table(for scenario: ScenarioResult, compact: Bool = false) -> Table {
        let showThreads = scenario.variants.contains { $0.threads != nil }
        var columns: [(String, Table.Alignment)] = [("variant", .left), ("how", .left)]
        columns.append(showThreads ? ("threads", .right) : ("workers", .right))
        // A scenario without a baseline (every speedup empty) has no speedup column.
        let showSpeedup = scenario.variants.contains { $0.speedup != nil }
        columns += [("wall", .right), ("min–max", .right), ("±", .right), ("CPU", .right), ("parallel", .right)]
        if showSpeedup { columns.append(("speedup", .right)) }
        // A parallel row's speedup over native threads' in the same rounds.
        let showNative = scenario.variants.contains { $0.native?.share != nil }
        if showNative { columns.append(("of native", .right)) }
        let memory = TreeMemory.kind(of: scenario.variants)
        columns += [("peak RSS", .right), (memory.label, .right)]
        let metrics = scenario.metrics ?? []
        columns += metrics.map { ($0.label, .right) }
        columns += compact ? [("status", .left)] : [("result", .left), ("status", .left)]
        var table = Table(columns)
        var lastLanguage: Language?
        for variant in scenario.variants {
            if let lastLanguage, lastLanguage != variant.language { table.separate() }
            lastLanguage = variant.language
            let wall = variant.wallSeconds
            var cells: [String] = [
                showThreads ? variant.id : variant.label, variant.title,
                String(showThreads ? (variant.threads ?? variant.workers) : variant.workers),
                Format.duration(wall?.median),
                wall.map { "\(Format.duration($0.min))–\(Format.duration($0.max))" } ?? "–",
                wall.map { Format.percent($0.spread) } ?? "–",
                Format.duration(variant.cpuSeconds?.median),
                Format.number(variant.ownConcurrency) + Self.flag(variant, speedup: false),
            ]
            if showSpeedup { cells.append(Format.ratio(variant.speedup) + Self.flag(variant, speedup: true)) }
            if showNative { cells.append(Format.number(variant.native?.share)) }
            cells += [Format.bytes(variant.peakRSSBytes), Format.bytes(variant.treeMemory(memory))]
            cells += metrics.map { $0.unit.format(variant.extra?[$0.key]) }
            if compact {
                cells.append(variant.status != .ok ? variant.status.rawValue : variant.resultOK == false ? "MISMATCH" : "ok")
            } else {
                cells.append(variant.resultOK.map { $0 ? "ok" : "MISMATCH" } ?? "–")
                cells.append(variant.status == .ok ? "ok" : "\(variant.status.rawValue): \(ProblemWords.reason(variant.reason) ?? "")")
            }
            table.add(cells)
        }
        return table
    }

    /// Why each row that is not ok (or whose result is wrong) is so: what
    /// follows a compact table. Rows with the same status and reason share
    /// a line ("go.serial, go.goroutines: skipped: needs Go: …").
    func reasonLines(for scenario: ScenarioResult) -> [String] {
        var lines: [(labels: [String], said: String)] = []
        for variant in scenario.variants where variant.status != .ok || variant.resultOK == false {
            let said = variant.status.rawValue + (ProblemWords.reason(variant.reason).map { ": \($0)" } ?? "")
            if let index = lines.firstIndex(where: { $0.said == said }) { lines[index].labels.append(variant.label) } else { lines.append(([variant.label], said)) }
        }
        return lines.map { $0.labels.joined(separator: ", ") + ": " + $0.said }
    }

    /// "!" after a flagged figure (`flagNotes` says why).
    static func flag(_ row: VariantResult, speedup: Bool) -> String {
        row.flag.map { $0.flagsSpeedup == speedup ? "!" : "" } ?? ""
    }

    /// One line per row whose figures cannot be taken as measured.
    public func flagNotes(for scenario: ScenarioResult) -> [String] {
        FlagWords.notes(for: scenario, cores: machine.cores)
    }

    public func paramsLine(for scenario: ScenarioResult) -> String {
        scenario.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    /// The scenario's conclusions, as it stated them when it was measured,
    /// and its Swift-to-Python ratio against the python command too.
    public func summaryLines(for scenario: ScenarioResult) -> [String] {
        rowVerdictLines(for: scenario) + (scenario.conclusions ?? []).map(ConclusionWords.text) + [commandRatioLine(for: scenario)].compactMap { $0 }
    }

    /// One line per variant whose rows have verdicts: the row that did not
    /// run, else its row at the largest thread count (per build).
    func rowVerdictLines(for scenario: ScenarioResult) -> [String] {
        Self.variantGroups(scenario).compactMap { rows in
            let row = rows.first { $0.status != .ok } ?? Self.widest(rows)
            let build = builds == nil ? nil : row?.build
            return row?.verdict.map { (build.map { "[\($0)] " } ?? "") + VerdictWords.text($0) }
        }
    }

    /// The first same-work pair's ratio as it would be against the python
    /// executable a reader runs, from the embedded library's measured
    /// slowdown (one build only: with several, each build has its own):
    /// the median of the per-round ratios (of the medians, for rows saved
    /// before rounds) over the slowdown.
    func commandRatioLine(for scenario: ScenarioResult) -> String? {
        guard builds == nil, let python, let slowdown = python.embeddedSlowdown,
              let pair = scenario.counterparts?.first(where: \.sameWork),
              let py = scenario.variants.first(where: { $0.id == pair.python }), let pyWall = py.wallSeconds?.median,
              let swift = scenario.variants.first(where: { $0.id == pair.swift }), let swiftWall = swift.wallSeconds?.median,
              swiftWall > 0 else { return nil }
        let paired = VariantResult.pairedRatios(py, over: swift)
        let ratio = Statistics.median(paired) ?? pyWall / swiftWall
        let rounds = paired.isEmpty ? min(py.wallSeconds?.samples.count ?? 0, swift.wallSeconds?.samples.count ?? 0) : paired.count
        let command = URL(fileURLWithPath: python.executable).lastPathComponent
        return "Against the \(command) command, which runs Python \(Format.ratio(slowdown)) "
            + (slowdown >= 1 ? "faster" : "slower") + " than the embedded library here, \(pair.python)'s time over "
            + "\(pair.swift)'s would be about \(Format.number(ratio / slowdown, digits: ratio / slowdown >= 10 ? 1 : 2))× "
            + (rounds >= Summary.conclusiveCount ? "(from \(rounds) rounds)." : "(from \(rounds) round\(rounds == 1 ? "" : "s") — not conclusive).")
    }

    /// Every warning: the run's own (the machine, the builds) and the
    /// run-by-run details.
    public var allWarnings: [String] { warnings + detailWarnings }

    /// The terminal rendering with every column.
    public func terminalText() -> String { terminalText(width: nil) }

    /// The terminal rendering; in `width` columns, the table loses columns
    /// (see `optionalColumns`; spread columns go when every row has one
    /// run) and the reasons of rows that are not ok follow it.
    /// In `width` columns, tables fit it and every line of prose is
    /// wrapped between words (`Format.wrap`).
    public func terminalText(width: Int?) -> String { terminalText(width: width, verbose: false) }

    /// The same; `verbose` adds the run-by-run warnings (outliers, walls
    /// that vary, disturbed runs) that the machine paragraph sums up.
    public func terminalText(width: Int?, verbose: Bool) -> String {
        var out: [String] = []
        func say(_ lines: [String]) { out += lines.flatMap { Format.wrap($0, width: width) } }
        say(metadataLines)
        for scenario in scenarios {
            out.append("")
            say(["\(scenario.name): \(scenario.title)  (\(paramsLine(for: scenario)))"])
            say(findings(for: scenario).map { "  " + $0 })
            if let width {
                let oneRun = scenario.variants.allSatisfy { ($0.wallSeconds?.samples.count ?? 0) <= 1 }
                let dropping = (oneRun ? ["±", "min–max"] : []) + Self.optionalColumns
                out.append(table(for: scenario, compact: true).fitted(to: width, dropping: dropping, shrinking: ["variant"]).terminal())
                say(reasonLines(for: scenario).map { "  " + $0 })
            } else {
                out.append(table(for: scenario).terminal())
            }
            if let between = buildsTable(for: scenario) {
                say(["  \(buildsCaption(scenario)):"])
                out.append((width.map { between.fitted(to: $0, dropping: [], shrinking: ["variant"]) } ?? between).terminal())
            }
            say(summaryLines(for: scenario).map { "  " + $0 })
            say((flagNotes(for: scenario) + gilNotes(for: scenario) + [noiseParagraph(for: scenario)].compactMap { $0 }).map { "  " + $0 })
        }
        let warnings = verbose ? allWarnings : self.warnings
        if !warnings.isEmpty {
            out.append("")
            say(warnings.map { "warning: " + $0 })
        }
        let details = verbose ? 0 : detailWarnings.count
        if details > 0 {
            say(["(\(details) run-by-run warning\(details == 1 ? "" : "s") with --verbose; every figure is in --format json)"])
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// "pyvs run" or "pyvs gil": the command that measured this report.
    public var heading: String {
        let subcommand = command.dropFirst().first { !$0.hasPrefix("-") } ?? "run"
        return "pyvs " + (["run", "gil"].contains(subcommand) ? subcommand : "run")
    }

    /// The Markdown rendering, without charts.
    public func markdownText() -> String { markdownText(chartLinks: [:]) }

    /// The Markdown rendering with links to charts written beside it.
    func markdownText(chartLinks: [String: [String]]) -> String {
        var out = ["# \(heading)", ""] + metadataLines.map { "- " + $0 }
        for scenario in scenarios {
            out += ["", "## \(scenario.name): \(scenario.title)", "", "Parameters: `\(paramsLine(for: scenario))`", ""]
            let found = findings(for: scenario)
            if !found.isEmpty { out += ["**Findings**", ""] + found.map { "- " + $0 } + [""] }
            out.append(table(for: scenario).markdown())
            out.append("")
            if let between = buildsTable(for: scenario) {
                let caption = buildsCaption(scenario)
                out += ["\(caption.prefix(1).uppercased() + caption.dropFirst()):", "", between.markdown(), ""]
            }
            out += summaryLines(for: scenario).map { "- " + $0 }
            out += (flagNotes(for: scenario) + gilNotes(for: scenario)).map { "- " + $0 }
            if let noise = noiseParagraph(for: scenario) { out += ["", noise] }
            for link in chartLinks[scenario.name] ?? [] { out += ["", link] }
        }
        let warnings = allWarnings
        if !warnings.isEmpty {
            out += ["", "## Warnings", ""] + warnings.map { "- " + $0 }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
