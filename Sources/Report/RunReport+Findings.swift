import Console
import Contract
import Foundation
import Measure

/// What a scenario found, said first: at most five sentences, each with its
/// figures. Whether rows ran in parallel is read from their own (peak)
/// concurrency, beside what native threads reached in
/// the same rounds; with several builds, a variant whose finding differs
/// between builds is said per build.
extension RunReport {
    static let findingsLimit = 5

    /// How a parallel row's threads or processes ran, from its own (peak)
    /// concurrency: parallel when it reaches 70 % of the way from one to as
    /// many as the cores allow; serialised when it stays at 1.15 or below.
    enum Parallelism: Int, Comparable {
        case serialised, partly, parallel

        static func < (a: Parallelism, b: Parallelism) -> Bool { a.rawValue < b.rawValue }

        var words: String {
            switch self {
            case .serialised: return "no parallelism"
            case .partly: return "partly parallel"
            case .parallel: return "in parallel"
            }
        }
    }

    static func parallelism(of row: VariantResult, cores: Int) -> Parallelism? {
        let width = max(row.workers, row.threads ?? 1)
        guard width > 1, row.status == .ok, row.speedup != nil,
              // Waiting rows (sleeps) keep no core busy: their speedup is overlap, not parallelism.
              (row.parallelism ?? 0) >= 0.5,
              let concurrency = row.ownConcurrency else { return nil }
        if concurrency >= 1 + 0.7 * (Double(min(width, max(1, cores))) - 1) { return .parallel }
        if concurrency <= 1.15 { return .serialised }
        return .partly
    }

    /// The scenario's findings, in the order a reader asks: how each
    /// language's parallel rows ran, Swift beside Python on the same work,
    /// and what the machine gave.
    public func findings(for scenario: ScenarioResult) -> [String] {
        var lines: [String] = []
        // The rows at each variant's largest thread count (the GIL study's series).
        let widest = Self.variantGroups(scenario).compactMap(Self.widest)
        let classified = widest.compactMap { row in Self.parallelism(of: row, cores: machine.cores).map { (row, $0) } }
        for language in [Language.python, .swift] {
            let mine = classified.filter { $0.0.language == language }
            guard !mine.isEmpty else { continue }
            let builds = Set(mine.compactMap(\.0.build))
            if builds.count > 1 {
                lines += perBuild(mine, language: language)
            } else {
                lines.append(sentence(language.name, mine))
            }
        }
        // The other runtimes' rows (Go, Rust, C++, …) in one line, so the first screen keeps its findings.
        let others = classified.filter { ![.python, .swift].contains($0.0.language) }
        if !others.isEmpty {
            let names = Language.allCases.filter { language in others.contains { $0.0.language == language } }.map(\.name)
            lines.append(sentence(names.joined(separator: ", "), others))
        }
        if let pair = scenario.counterparts?.first(where: \.sameWork), builds == nil,
           let py = scenario.variants.first(where: { $0.id == pair.python && $0.status == .ok }),
           let swift = scenario.variants.first(where: { $0.id == pair.swift && $0.status == .ok }) {
            let ratios = VariantResult.pairedRatios(py, over: swift)
            // Said only where every round's interval lies on one side of 1.
            if let median = Statistics.median(ratios), let interval = Statistics.medianInterval(ratios), ratios.count >= Summary.conclusiveCount {
                if interval.low > 1 {
                    lines.append("Swift did the same work \(Self.times(median)) faster than Python (\(pair.swift) beside \(pair.python); "
                        + "\(Self.times(interval.low))–\(Self.times(interval.high)) over \(ratios.count) rounds).")
                } else if interval.high < 1 {
                    lines.append("Python did the same work \(Self.times(1 / median)) faster than Swift (\(pair.python) beside \(pair.swift); "
                        + "\(Self.times(1 / interval.high))–\(Self.times(1 / interval.low)) over \(ratios.count) rounds).")
                }
            }
        }
        if let native = nativeOnCores(scenario), !classified.isEmpty {
            lines.append("Native threads reached \(Format.ratio(native.spread.median)) on \(native.threads) threads in the same rounds "
                + "(\(native.spread.ratioRange))"
                + (native.small ? ": the machine gave about \(Format.number(native.spread.median)) cores, so every speedup is small." : "."))
        }
        return Array(lines.prefix(Self.findingsLimit))
    }

    /// "Python: no parallelism — py.threads 0.99× (concurrency 1.00); in
    /// parallel — py.pool 1.88×, py.executor 1.98× (concurrency 1.87–1.95;
    /// 0.95–1.10 of native threads)."
    func sentence(_ subject: String, _ rows: [(VariantResult, Parallelism)]) -> String {
        let groups = Dictionary(grouping: rows, by: \.1).sorted { $0.key < $1.key }.map { kind, members -> String in
            let rows = members.map(\.0)
            let speedups = rows.map { "\($0.id)\($0.threads.map { " ×\($0)" } ?? "") \(Format.ratio($0.speedup))" + Self.flag($0, speedup: true) }
            var figures = ["concurrency " + Self.range(rows.flatMap(Self.concurrencies), { Format.number($0) })]
            let shares = rows.compactMap { $0.native?.share }
            if kind != .serialised, !shares.isEmpty { figures.append(Self.range(shares, { Format.number($0) }) + " of native threads") }
            return "\(kind.words) — " + speedups.joined(separator: ", ") + " (" + figures.joined(separator: "; ") + ")"
        }
        return "\(subject): " + groups.joined(separator: "; ") + "."
    }

    /// Variants whose finding is the same on every build in one sentence;
    /// each other one in its own, build by build.
    func perBuild(_ rows: [(VariantResult, Parallelism)], language: Language) -> [String] {
        var ids: [String] = []
        for (row, _) in rows where !ids.contains(row.id) { ids.append(row.id) }
        var same: [(VariantResult, Parallelism)] = []
        var lines: [String] = []
        for id in ids {
            let mine = rows.filter { $0.0.id == id }
            if Set(mine.map(\.1)).count == 1 {
                same += mine
                continue
            }
            let byKind = Dictionary(grouping: mine, by: \.1).sorted { $0.key < $1.key }.map { kind, members in
                "\(kind.words) on " + members.map { $0.0.build ?? "" }.joined(separator: ", ") + " ("
                    + members.map { "\(Format.ratio($0.0.speedup))" + Self.flag($0.0, speedup: true) }.joined(separator: ", ")
                    + ", concurrency " + Self.range(members.flatMap { Self.concurrencies($0.0) }, { Format.number($0) }) + ")"
            }
            lines.append("\(id): " + byKind.joined(separator: "; ") + ".")
        }
        if !same.isEmpty {
            let kinds = Dictionary(grouping: same, by: \.1).sorted { $0.key < $1.key }.map { kind, members -> String in
                var names: [String] = []
                for (row, _) in members where !names.contains(row.id) { names.append(row.id) }
                return "\(kind.words) on every build — " + names.joined(separator: ", ") + " ("
                    + Self.range(members.compactMap { $0.0.speedup }, { Format.ratio($0) }) + ", concurrency "
                    + Self.range(members.flatMap { Self.concurrencies($0.0) }, { Format.number($0) }) + ")"
            }
            lines.append("\(language.name): " + kinds.joined(separator: "; ") + ".")
        }
        return lines
    }

    /// The figure a row's finding rests on (its peak concurrency).
    static func concurrencies(_ row: VariantResult) -> [Double] {
        [row.ownConcurrency].compactMap { $0 }
    }

    /// The rows of each variant on each build (its points of a series), in
    /// the order the scenario lists them.
    static func variantGroups(_ scenario: ScenarioResult) -> [[VariantResult]] {
        var groups: [[VariantResult]] = []
        var index: [String: Int] = [:]
        for row in scenario.variants {
            let key = "\(row.id)|\(row.build ?? "")"
            if let at = index[key] { groups[at].append(row) } else { index[key] = groups.count; groups.append([row]) }
        }
        return groups
    }

    /// A variant's row at its largest thread count (or workers).
    static func widest(_ rows: [VariantResult]) -> VariantResult? {
        rows.max { ($0.threads ?? $0.workers) < ($1.threads ?? $1.workers) }
    }

    /// "1.87" or "1.87–1.95".
    static func range(_ values: [Double], _ format: (Double?) -> String) -> String {
        guard let low = values.min(), let high = values.max() else { return "–" }
        let (a, b) = (format(low), format(high))
        return a == b ? a : "\(a)–\(b)"
    }

    /// "96×", "1.27×".
    static func times(_ value: Double) -> String {
        "\(Format.number(value, digits: value >= 100 ? 0 : value >= 10 ? 1 : 2))×"
    }
}

extension Language {
    /// "Python", "Swift".
    public var name: String {
        switch self {
        case .python: return "Python"
        case .swift: return "Swift"
        case .go: return "Go"
        case .rust: return "Rust"
        case .java: return "Java"
        case .node: return "Node.js"
        case .cpp: return "C++"
        }
    }
}
