import Foundation

/// Counted runs that other work on the machine disturbed: during them,
/// programs outside the run and pyvs used the CPU (or the hypervisor took
/// it) for at least 5 % of the run's process wall time, and for more than
/// /proc/stat's rounding: it counts each CPU in clock ticks, so a reading
/// before and after a run can be off by two ticks per CPU (0.04 s on 2
/// cores); the floor is one tick above that. Or the CPUs themselves ran
/// slower around the run than usual in the scenario by more than 15 %
/// (`cpu_speed`): a host that shares their cores with other machines slows
/// them without any steal time. Measured per run (`foreign_cpu_s`,
/// `steal_s`, `cpu_speed`), not guessed from a load average that lags a
/// minute; decided when the run is measured (`disturbed_runs`).
extension VariantResult {
    /// Share of a run's wall above which other work disturbed it.
    public static let disturbanceShare = 0.05
    /// CPU speed (beside the scenario's usual) below which a run was slowed.
    public static let slowCPUSpeed = 0.85

    /// Seconds of other work that rounding alone can make on `cores` CPUs, plus a tick.
    public static func disturbanceFloor(cores: Int) -> Double {
        Double(2 * max(1, cores) + 1) / Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
    }

    /// Finds the disturbed counted runs (indices into `wall_s.samples`).
    public mutating func markDisturbance(cores: Int) {
        guard let walls = processWallSeconds?.samples else { return }
        disturbedRuns = walls.indices.filter { !disturbances(ofRun: $0, walls: walls, cores: cores).isEmpty }
    }

    /// What disturbed one run, each as a phrase: only what crossed its threshold.
    func disturbances(ofRun index: Int, walls: [Double], cores: Int) -> [String] {
        let limit = max(Self.disturbanceFloor(cores: cores), Self.disturbanceShare * walls[index])
        var parts: [String] = []
        if let foreign = foreignCPUSeconds, index < foreign.count, foreign[index] >= limit {
            parts.append("other programs \(Self.seconds(foreign[index])) of CPU, \(Int((100 * foreign[index] / max(walls[index], 1e-9)).rounded())) % of a core")
        }
        if let steal = stealSeconds, index < steal.count, steal[index] >= limit {
            parts.append("hypervisor steal \(Self.seconds(steal[index]))")
        }
        if let speed = cpuSpeed, index < speed.count, speed[index] < Self.slowCPUSpeed {
            parts.append("a CPU at \(Int((100 * speed[index]).rounded())) % of its usual speed")
        }
        return parts
    }

    /// The rounds of the disturbed runs.
    public var disturbedRounds: Set<Int> {
        guard let rounds else { return [] }
        return Set((disturbedRuns ?? []).compactMap { $0 < rounds.count ? rounds[$0] : nil })
    }

    /// "run 2 (other programs 0.21 s of CPU, 18 % of a core)" for each
    /// disturbed run, on a machine of `cores` CPUs.
    public func disturbanceNotes(cores: Int) -> [String] {
        guard let walls = processWallSeconds?.samples else { return [] }
        return (disturbedRuns ?? []).filter { $0 < walls.count }.map { index in
            "run \(index + 1) (\(disturbances(ofRun: index, walls: walls, cores: cores).joined(separator: "; ")))"
        }
    }

    static func seconds(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded())) s" : "\((value * 100).rounded() / 100) s"
    }
}
