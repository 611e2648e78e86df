extension VariantResult {
    /// `a`'s wall over `b`'s in each round both ran (empty when the rows
    /// were not measured in rounds). The rounds in which other work
    /// disturbed either run are left out while enough clean ones remain to
    /// conclude from (`Summary.conclusiveCount`).
    public static func pairedRatios(_ a: VariantResult, over b: VariantResult) -> [Double] {
        let pairs = roundRatios(a, over: b)
        let disturbed = a.disturbedRounds.union(b.disturbedRounds)
        let clean = pairs.filter { !disturbed.contains($0.round) }
        return (clean.count >= Summary.conclusiveCount ? clean : pairs).map(\.ratio)
    }

    /// `a`'s wall over `b`'s in every round both ran, disturbed or not, with the round.
    public static func roundRatios(_ a: VariantResult, over b: VariantResult) -> [(round: Int, ratio: Double)] {
        guard let aRounds = a.rounds, let bRounds = b.rounds, let aWalls = a.wallSeconds?.samples, let bWalls = b.wallSeconds?.samples,
              aRounds.count == aWalls.count, bRounds.count == bWalls.count else { return [] }
        let bByRound = Dictionary(zip(bRounds, bWalls), uniquingKeysWith: { first, _ in first })
        return zip(aRounds, aWalls).compactMap { round, wall in
            guard let other = bByRound[round], other > 0 else { return nil }
            return (round, wall / other)
        }
    }
}
