/// Counted runs that other work on the machine disturbed: during them,
/// programs outside the run and pyvs used the CPU (or the hypervisor took
/// it) for at least 5 % of the run's process wall time, and for at least
/// three clock ticks (30 ms: /proc/stat counts in ticks, so less cannot be
/// told from rounding). Measured per run (`foreign_cpu_s`, `steal_s`), not
/// guessed from a load average that lags a minute.
extension VariantResult {
    /// Share of a run's wall above which other work disturbed it.
    public static let disturbanceShare = 0.05
    /// Seconds of other work below which nothing can be told apart from rounding.
    public static let disturbanceFloor = 0.03

    /// Indices (into `wall_s.samples`) of the disturbed counted runs.
    public var disturbedRuns: [Int] {
        guard let walls = processWallSeconds?.samples else { return [] }
        return walls.indices.filter { index in
            let limit = max(Self.disturbanceFloor, Self.disturbanceShare * walls[index])
            return (foreignCPUSeconds.map { index < $0.count && $0[index] >= limit } ?? false)
                || (stealSeconds.map { index < $0.count && $0[index] >= limit } ?? false)
        }
    }

    /// The rounds of the disturbed runs.
    public var disturbedRounds: Set<Int> {
        guard let rounds else { return [] }
        return Set(disturbedRuns.compactMap { $0 < rounds.count ? rounds[$0] : nil })
    }

    /// "run 2 (other programs 0.21 s of CPU, 18 % of a core)" for each disturbed run.
    public var disturbanceNotes: [String] {
        disturbedRuns.map { index in
            let wall = processWallSeconds?.samples[index] ?? 0
            var parts: [String] = []
            if let foreign = foreignCPUSeconds?[index], foreign >= Self.disturbanceFloor {
                parts.append("other programs \(Self.seconds(foreign)) of CPU, \(Int((100 * foreign / max(wall, 1e-9)).rounded())) % of a core")
            }
            if let steal = stealSeconds?[index], steal >= Self.disturbanceFloor {
                parts.append("hypervisor steal \(Self.seconds(steal))")
            }
            return "run \(index + 1) (\(parts.joined(separator: "; ")))"
        }
    }

    static func seconds(_ value: Double) -> String {
        value >= 10 ? "\(Int(value.rounded())) s" : "\((value * 100).rounded() / 100) s"
    }
}
