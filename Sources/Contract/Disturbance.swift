import Foundation

/// Counted runs that other work on the machine disturbed: during them,
/// programs outside the run and pyvs used the CPU (or the hypervisor took
/// it) for at least 5 % of the run's process wall time, and for more than
/// /proc/stat's rounding: it counts each CPU in clock ticks, so a reading
/// before and after a run can be off by two ticks per CPU (0.04 s on 2
/// cores); the floor is one tick above that. Measured per run
/// (`foreign_cpu_s`, `steal_s`), not guessed from a load average that lags
/// a minute; decided when the run is measured (`disturbed_runs`).
extension VariantResult {
    /// Share of a run's wall above which other work disturbed it.
    public static let disturbanceShare = 0.05

    /// Seconds of other work that rounding alone can make on `cores` CPUs, plus a tick.
    public static func disturbanceFloor(cores: Int) -> Double {
        Double(2 * max(1, cores) + 1) / Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
    }

    /// Finds the disturbed counted runs (indices into `wall_s.samples`).
    public mutating func markDisturbance(cores: Int) {
        guard let walls = processWallSeconds?.samples else { return }
        disturbedRuns = walls.indices.filter { !disturbances(ofRun: $0, walls: walls, cores: cores).isEmpty }
    }

    /// What disturbed one run: only what crossed its threshold.
    func disturbances(ofRun index: Int, walls: [Double], cores: Int) -> [Disturbance] {
        let limit = max(Self.disturbanceFloor(cores: cores), Self.disturbanceShare * walls[index])
        var found: [Disturbance] = []
        if let foreign = foreignCPUSeconds, index < foreign.count, foreign[index] >= limit {
            found.append(.otherPrograms(seconds: foreign[index], share: foreign[index] / max(walls[index], 1e-9)))
        }
        if let steal = stealSeconds, index < steal.count, steal[index] >= limit {
            found.append(.steal(seconds: steal[index]))
        }
        return found
    }

    /// The rounds of the disturbed runs.
    public var disturbedRounds: Set<Int> {
        guard let rounds else { return [] }
        return Set((disturbedRuns ?? []).compactMap { $0 < rounds.count ? rounds[$0] : nil })
    }

    /// "run 2 (other programs 0.21 s of CPU, 18 % of a core)" for each
    /// disturbed run, on a machine of `cores` CPUs.
    public func disturbanceNotes(cores: Int) -> [String] {
        disturbedRunCauses(cores: cores).map(Self.note)
    }

    static func note(_ run: (run: Int, causes: [Disturbance])) -> String {
        "run \(run.run + 1) (\(run.causes.map(\.description).joined(separator: "; ")))"
    }

    /// Each disturbed run and what disturbed it.
    func disturbedRunCauses(cores: Int) -> [(run: Int, causes: [Disturbance])] {
        guard let walls = processWallSeconds?.samples else { return [] }
        return (disturbedRuns ?? []).filter { $0 < walls.count }.map { ($0, disturbances(ofRun: $0, walls: walls, cores: cores)) }
    }

    /// The disturbed runs of `rows` in one phrase: each run named when there
    /// are at most three, else counted by cause, with the range of each
    /// ("other programs at 6–41 % of a core in 48 runs (py.serial 5, …)"); nil when none was.
    public static func disturbanceSummary(_ rows: [VariantResult], cores: Int) -> String? {
        summarized(rows, cores: cores)?.text
    }

    /// The same after a figure it explains: "other work during py.serial
    /// run 2 (...)" where the runs are named, "other work took the CPU
    /// during their runs — other programs at ..." where they are counted.
    public static func disturbanceClause(_ rows: [VariantResult], cores: Int) -> String? {
        summarized(rows, cores: cores).map { ($0.named ? "other work during " : "other work took the CPU during their runs — ") + $0.text }
    }

    private static func summarized(_ rows: [VariantResult], cores: Int) -> (text: String, named: Bool)? {
        let disturbed = rows.map { ($0.label, $0.disturbedRunCauses(cores: cores)) }.filter { !$0.1.isEmpty }
        let count = disturbed.reduce(0) { $0 + $1.1.count }
        guard count > 0 else { return nil }
        if count <= 3 {
            return (disturbed.map { label, runs in "\(label) " + runs.map(note).joined(separator: ", ") }.joined(separator: "; "), true)
        }
        return (Disturbance.Kind.allCases.compactMap { kind -> String? in
            let perRow = disturbed.map { label, runs in (label, runs.flatMap(\.causes).filter { $0.kind == kind }) }.filter { !$0.1.isEmpty }
            let all = perRow.flatMap(\.1)
            guard let low = all.map(\.figure).min(), let high = all.map(\.figure).max() else { return nil }
            return "\(kind.phrase(low, high)) in \(all.count) run\(all.count == 1 ? "" : "s") ("
                + perRow.map { "\($0.0) \($0.1.count)" }.joined(separator: ", ") + ")"
        }.joined(separator: "; "), false)
    }

    static func seconds(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded())) s" : "\((value * 100).rounded() / 100) s"
    }
}

/// What disturbed a counted run.
public enum Disturbance: Sendable, CustomStringConvertible {
    /// Programs outside the run and pyvs used the CPU (`share`: of the run's wall).
    case otherPrograms(seconds: Double, share: Double)
    /// The hypervisor ran something else on the CPUs.
    case steal(seconds: Double)

    public enum Kind: CaseIterable, Sendable {
        case otherPrograms, steal

        /// The phrase for a range of the kind's figures.
        func phrase(_ low: Double, _ high: Double) -> String {
            func range(_ text: (Double) -> String) -> String { low == high ? text(low) : "\(text(low))–\(text(high))" }
            switch self {
            case .otherPrograms: return "other programs at \(range { "\(Int((100 * $0).rounded()))" }) % of a core"
            case .steal: return "hypervisor steal of \(range { VariantResult.seconds($0) })"
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .otherPrograms: return .otherPrograms
        case .steal: return .steal
        }
    }

    /// The figure its ranges are made of.
    var figure: Double {
        switch self {
        case .otherPrograms(_, let share): return share
        case .steal(let seconds): return seconds
        }
    }

    public var description: String {
        switch self {
        case .otherPrograms(let seconds, let share):
            return "other programs \(VariantResult.seconds(seconds)) of CPU, \(Int((100 * share).rounded())) % of a core"
        case .steal(let seconds): return "hypervisor steal \(VariantResult.seconds(seconds))"
        }
    }
}
