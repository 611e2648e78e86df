import Contract

/// The words of disturbed runs (`Disturbance`, `disturbed_runs`), made here once.
extension VariantResult {
    /// "run 2 (other programs 0.21 s of CPU, 18 % of a core)" for each
    /// disturbed run, on a machine of `cores` CPUs.
    public func disturbanceNotes(cores: Int) -> [String] {
        disturbedRunCauses(cores: cores).map(Self.note)
    }

    static func note(_ run: (run: Int, causes: [Disturbance])) -> String {
        "run \(run.run + 1) (\(run.causes.map(\.words).joined(separator: "; ")))"
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

extension Disturbance.Kind {
    /// The phrase for a range of the kind's figures.
    func phrase(_ low: Double, _ high: Double) -> String {
        func range(_ text: (Double) -> String) -> String { low == high ? text(low) : "\(text(low))–\(text(high))" }
        switch self {
        case .otherPrograms: return "other programs at \(range { "\(Int((100 * $0).rounded()))" }) % of a core"
        case .steal: return "hypervisor steal of \(range { VariantResult.seconds($0) })"
        }
    }
}

extension Disturbance {
    /// "other programs 0.21 s of CPU, 18 % of a core", "hypervisor steal 0.08 s".
    var words: String {
        switch self {
        case .otherPrograms(let seconds, let share):
            return "other programs \(VariantResult.seconds(seconds)) of CPU, \(Int((100 * share).rounded())) % of a core"
        case .steal(let seconds): return "hypervisor steal \(VariantResult.seconds(seconds))"
        }
    }
}
