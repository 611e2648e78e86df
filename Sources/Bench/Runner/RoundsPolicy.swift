import Contract

/// When the rounds of counted runs stop.
public enum RoundsPolicy {
    /// After `round`, with `rows` as measured so far and `seconds` of rounds
    /// behind: the fixed count reached; or, auto, from the least rounds on,
    /// every speedup's interval within the tolerance (converged), the most
    /// rounds run, or the budget about to run out (one more round of the
    /// mean length would pass it). Nil to go on.
    public static func end(after round: Int, rows: [VariantResult], rounds: Rounds, speedup: SpeedupRule,
                           groups: [String: String] = [:], seconds: Double) -> RoundsRecord? {
        guard case .auto(let rule) = rounds else {
            if case .fixed(let count) = rounds, round < count { return nil }
            return RoundsRecord(count: round, stop: .fixed)
        }
        guard round >= rule.minimum else { return nil }
        let widest = Aggregate.widestInterval(rows, rule: speedup, groups: groups)
        func record(_ stop: RoundsRecord.Stop) -> RoundsRecord {
            RoundsRecord(count: round, stop: stop, tolerance: rule.tolerance, budgetSeconds: rule.budget,
                         widest: widest?.label, widestShare: widest?.share)
        }
        if (widest?.share ?? 0) <= rule.tolerance { return record(.converged) }
        if round >= rule.maximum { return record(.maximum) }
        if seconds + seconds / Double(round) > rule.budget { return record(.budget) }
        return nil
    }
}
