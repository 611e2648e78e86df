import Console
import Contract
import Foundation
import Measure

/// The charts and the side-by-side table of a run, shared by the HTML and
/// Markdown reports.
extension RunReport {
    /// Python beside its Swift counterpart, as the scenario pairs them; rows
    /// without a counterpart follow with an empty side.
    public func sideBySide(for scenario: ScenarioResult) -> Table? {
        let python = scenario.variants.filter { $0.language == .python }
        let swift = scenario.variants.filter { $0.language == .swift }
        guard let counterparts = scenario.counterparts, !counterparts.isEmpty, !python.isEmpty, !swift.isEmpty else { return nil }
        let memory = TreeMemory.kind(of: scenario.variants)
        var table = Table([("Python", .left), ("wall", .right), ("speedup", .right), (memory.label, .right),
                           ("Swift", .left), ("wall", .right), ("speedup", .right), (memory.label, .right),
                           ("Swift faster by", .right)])
        var usedPython = Set<String>(), usedSwift = Set<String>()
        func cells(_ variant: VariantResult?) -> [String] {
            guard let variant else { return ["", "", "", ""] }
            return ["\(variant.label) (\(variant.title))", Format.duration(variant.wallSeconds?.median),
                    Format.ratio(variant.speedup), Format.bytes(variant.treeMemory(memory))]
        }
        func ratio(_ py: VariantResult?, _ sw: VariantResult?, _ pair: Counterpart) -> String {
            guard pair.sameWork else { return "different model" }
            guard let a = py?.wallSeconds?.median, let b = sw?.wallSeconds?.median, b > 0 else { return "" }
            return Format.ratio(a / b)
        }
        for pair in counterparts {
            // With several Python builds, the variant's row on each build beside the one Swift row.
            let matching = python.filter { $0.id == pair.python }
            let rows = builds == nil ? Array(matching.prefix(1)) : matching
            let sw = swift.first { $0.id == pair.swift }
            guard !rows.isEmpty || sw != nil else { continue }
            if let sw { usedSwift.insert(sw.id) }
            for py in rows.isEmpty ? [nil] : rows.map(Optional.some) {
                // One build: the first row stands for the variant (its other rows are a series).
                if let py { usedPython.insert(builds == nil ? py.id : py.label) }
                table.add(cells(py) + cells(sw) + [ratio(py, sw, pair)])
            }
        }
        for py in python where !usedPython.contains(builds == nil ? py.id : py.label) { table.add(cells(py) + cells(nil) + [""]) }
        for sw in swift where !usedSwift.contains(sw.id) { table.add(cells(nil) + cells(sw) + [""]) }
        return table
    }

    /// "py.threads beside swift.threads: a thread per task beside one per
    /// worker — different models, no ratio", for each such pair.
    public func differentModels(for scenario: ScenarioResult) -> [String] {
        (scenario.counterparts ?? []).compactMap { pair in
            pair.differs.map { "\(pair.python) beside \(pair.swift): \($0) — different models, so no ratio." }
        }
    }

    /// Wall time with min–max whiskers (log scale: Python and Swift differ
    /// by orders of magnitude), speedup against the machine's measured
    /// native parallelism, and memory of the whole process tree.
    public func charts(for scenario: ScenarioResult) -> [(name: String, chart: BarChart)] {
        let measured = scenario.variants.filter { $0.wallSeconds != nil }
        guard !measured.isEmpty else { return [] }
        let wall = BarChart(
            title: "\(scenario.name): wall time per variant (median, min–max)",
            bars: measured.map { variant in
                let summary = variant.wallSeconds!
                return BarChart.Bar(label: variant.label, value: summary.median, low: summary.min, high: summary.max,
                                    text: Format.duration(summary.median), colour: BarChart.colour(language: variant.language))
            },
            logarithmic: true, axisLabel: "wall seconds (log scale)")
        var charts = [(name: "wall", chart: wall)]
        let withSpeedup = measured.filter { $0.speedup != nil }
        if !withSpeedup.isEmpty {
            let ideal = machine.nativeParallelism ?? Double(machine.cores)
            charts.append((name: "speedup", chart: BarChart(
                title: "\(scenario.name): speedup (ideal: measured native parallelism)",
                bars: withSpeedup.map { variant in
                    BarChart.Bar(label: variant.label, value: variant.speedup!,
                                 text: Format.ratio(variant.speedup) + (variant.concurrency.map { " · c \(Format.number($0))" } ?? ""),
                                 colour: BarChart.colour(language: variant.language))
                },
                lines: [BarChart.Line(value: 1, label: "1×"), BarChart.Line(value: ideal, label: "native \(Format.number(ideal))")],
                axisLabel: "speedup  (c: concurrency, the threads' CPU time over wall time)")))
        }
        let memory = TreeMemory.kind(of: measured)
        let withMemory = measured.filter { $0.treeMemory(memory) != nil }
        if !withMemory.isEmpty {
            charts.append((name: "memory", chart: BarChart(
                title: "\(scenario.name): peak memory of the process tree",
                bars: withMemory.map { variant in
                    BarChart.Bar(label: variant.label, value: Double(variant.treeMemory(memory)!),
                                 text: Format.bytes(variant.treeMemory(memory)), colour: BarChart.colour(language: variant.language))
                },
                axisLabel: memory == .pss ? "memory (PSS summed over processes: each shared page once)" : "memory (RSS summed over processes)")))
        }
        return charts
    }
}
