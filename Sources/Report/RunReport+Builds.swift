import Console
import Contract
import Foundation

extension PythonInfo {
    /// "GIL build", or "free-threaded, GIL on/off" as it was at start.
    public var gilState: String {
        (freeThreaded ?? !gilEnabled) ? "free-threaded, GIL \(gilEnabled ? "on" : "off")" : "GIL build"
    }
}

extension PythonBuildInfo {
    /// What the build's workers run with, "PYTHON_GIL=1"; nil when nothing.
    public var environmentText: String? {
        guard let environment, !environment.isEmpty else { return nil }
        return environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}

/// A run over several Python builds: a line per build, the rows of one
/// variant on each build side by side, and the rows whose GIL was not what
/// their build runs with.
extension RunReport {
    /// "python 3.13t: CPython 3.13.5 · free-threaded, GIL off · no PGO/LTO · ...", one per build.
    var buildLines: [String] {
        (builds ?? []).map { build in
            guard let python = build.python else { return "python \(build.name): facts not read (\(build.pyvs))" }
            var parts = ["\(python.implementation == "cpython" ? "CPython" : python.implementation) \(python.version)", python.gilState]
            if let environment = build.environmentText { parts.append(environment) }
            if let optimizations = python.optimizations { parts.append(optimizations) }
            parts.append("library \(python.library)")
            if let slowdown = python.embeddedSlowdown {
                parts.append("Python embedded \(Format.ratio(slowdown)) the time in \(URL(fileURLWithPath: python.executable).lastPathComponent)")
            }
            return "python \(build.name): " + parts.joined(separator: " · ")
        }
    }

    /// Whether the GIL was on in `build`'s workers before any variant ran.
    func gilAtStart(of build: String) -> Bool? {
        builds?.first { $0.name == build }?.python?.gilEnabled
    }

    /// Rows that ran with the GIL in another state than their build starts
    /// in: an import turned it back on (or it was forced).
    public func gilNotes(for scenario: ScenarioResult) -> [String] {
        scenario.variants.compactMap { row in
            guard let build = row.build, let ran = row.gilEnabled, let start = gilAtStart(of: build) ?? python?.gilEnabled,
                  ran != start else { return nil }
            return ran ? "\(row.label): the GIL was enabled after the variant ran, although build \(build) starts without it "
                       + "(a module it imported does not declare that it runs without the GIL)."
                       : "\(row.label): the GIL was disabled after the variant ran, although build \(build) starts with it."
        }
    }

    /// Python rows of one variant on each build: median wall, and its ratio
    /// to the first build's (the builds in the order they were measured).
    /// Nil unless the run measured several builds.
    public func buildsTable(for scenario: ScenarioResult) -> Table? {
        guard let names = builds?.map(\.name), names.count > 1 else { return nil }
        let suffixes = names.map { " [\($0)]" }
        var order: [String] = []
        var measured: [String: [String: VariantResult]] = [:]
        for row in scenario.variants {
            guard let build = row.build, let suffix = suffixes.first(where: { row.label.hasSuffix($0) }) else { continue }
            let base = String(row.label.dropLast(suffix.count))
            if !order.contains(base) { order.append(base) }
            if row.status == .ok, row.wallSeconds != nil { measured[base, default: [:]][build] = row }
        }
        guard !order.isEmpty else { return nil }
        var table = Table([("variant", .left)] + names.map { ($0, .right) })
        for base in order {
            let first = measured[base]?[names[0]]?.wallSeconds?.median
            table.add([base] + names.enumerated().map { index, name in
                guard let row = measured[base]?[name], let wall = row.wallSeconds?.median else { return "–" }
                var cell = Format.duration(wall)
                if index > 0, let first, first > 0 { cell += " (\(Format.ratio(wall / first)))" }
                if let speedup = row.speedup { cell += " · \(Format.ratio(speedup))" + Self.flag(row, speedup: true) }
                return cell
            })
        }
        return table
    }

    /// The heading of the builds table.
    func buildsCaption(_ scenario: ScenarioResult) -> String {
        let runs = Set(scenario.variants.compactMap { $0.wallSeconds?.samples.count })
        let few = (runs.min() ?? 0) < Summary.conclusiveCount
        return "the same variant on each build: median wall (× the time on \(builds?.first?.name ?? "the first build")) · speedup"
            + (few ? " (fewer than \(Summary.conclusiveCount) runs a row: figures, not conclusions)" : "")
    }
}

extension PythonInfo {
    /// "speed: Python runs 1.23× slower in the embedded library than in
    /// /usr/bin/python3.11 (sum(i*i for i in range(300000)): 20.1 ms beside
    /// 16.3 ms, best of each)", where it was measured.
    public var speedLine: String? {
        guard let slowdown = embeddedSlowdown, let embedded = loopEmbeddedSeconds, let command = loopExecutableSeconds else { return nil }
        let relation = slowdown >= 1 ? "\(Format.ratio(slowdown)) slower" : "\(Format.ratio(1 / slowdown)) faster"
        return "speed: Python runs \(relation) in the embedded library than in \(executable) "
            + "(the loop sum(i*i for i in range(\(loopN.map(String.init) ?? "n"))): \(Format.duration(embedded)) beside \(Format.duration(command)), best of each)"
    }
}
