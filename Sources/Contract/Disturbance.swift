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
        guard let walls = times.processWallSeconds?.samples else { return }
        otherWork.disturbedRuns = walls.indices.filter { !disturbances(ofRun: $0, walls: walls, cores: cores).isEmpty }
    }

    /// What disturbed one run: only what crossed its threshold.
    func disturbances(ofRun index: Int, walls: [Double], cores: Int) -> [Disturbance] {
        let limit = max(Self.disturbanceFloor(cores: cores), Self.disturbanceShare * walls[index])
        var found: [Disturbance] = []
        if let foreign = otherWork.foreignCPUSeconds, index < foreign.count, foreign[index] >= limit {
            found.append(.otherPrograms(seconds: foreign[index], share: foreign[index] / max(walls[index], 1e-9)))
        }
        if let steal = otherWork.stealSeconds, index < steal.count, steal[index] >= limit {
            found.append(.steal(seconds: steal[index]))
        }
        return found
    }

    /// The rounds of the disturbed runs.
    public var disturbedRounds: Set<Int> {
        guard let rounds = times.rounds else { return [] }
        return Set((otherWork.disturbedRuns ?? []).compactMap { $0 < rounds.count ? rounds[$0] : nil })
    }

    /// Each disturbed run and what disturbed it.
    public func disturbedRunCauses(cores: Int) -> [(run: Int, causes: [Disturbance])] {
        guard let walls = times.processWallSeconds?.samples else { return [] }
        return (otherWork.disturbedRuns ?? []).filter { $0 < walls.count }.map { ($0, disturbances(ofRun: $0, walls: walls, cores: cores)) }
    }
}

/// What disturbed a counted run.
public enum Disturbance: Sendable {
    /// Programs outside the run and pyvs used the CPU (`share`: of the run's wall).
    case otherPrograms(seconds: Double, share: Double)
    /// The hypervisor ran something else on the CPUs.
    case steal(seconds: Double)

    public enum Kind: CaseIterable, Sendable {
        case otherPrograms, steal
    }

    public var kind: Kind {
        switch self {
        case .otherPrograms: return .otherPrograms
        case .steal: return .steal
        }
    }

    /// The figure its ranges are made of: a share of a core, or seconds.
    public var figure: Double {
        switch self {
        case .otherPrograms(_, let share): return share
        case .steal(let seconds): return seconds
        }
    }
}
