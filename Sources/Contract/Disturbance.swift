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
        let floor = Self.disturbanceFloor(cores: cores)
        disturbedRuns = walls.indices.filter { index in
            let limit = max(floor, Self.disturbanceShare * walls[index])
            return (foreignCPUSeconds.map { index < $0.count && $0[index] >= limit } ?? false)
                || (stealSeconds.map { index < $0.count && $0[index] >= limit } ?? false)
        }
    }

    /// The rounds of the disturbed runs.
    public var disturbedRounds: Set<Int> {
        guard let rounds else { return [] }
        return Set((disturbedRuns ?? []).compactMap { $0 < rounds.count ? rounds[$0] : nil })
    }

    /// "run 2 (other programs 0.21 s of CPU, 18 % of a core)" for each disturbed run.
    public var disturbanceNotes: [String] {
        (disturbedRuns ?? []).map { index in
            let wall = processWallSeconds.map { index < $0.samples.count ? $0.samples[index] : 0 } ?? 0
            var parts: [String] = []
            if let foreign = foreignCPUSeconds, index < foreign.count, foreign[index] > 0 {
                parts.append("other programs \(Self.seconds(foreign[index])) of CPU, \(Int((100 * foreign[index] / max(wall, 1e-9)).rounded())) % of a core")
            }
            if let steal = stealSeconds, index < steal.count, steal[index] > 0 {
                parts.append("hypervisor steal \(Self.seconds(steal[index]))")
            }
            return "run \(index + 1) (\(parts.joined(separator: "; ")))"
        }
    }

    static func seconds(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded())) s" : "\((value * 100).rounded() / 100) s"
    }
}
