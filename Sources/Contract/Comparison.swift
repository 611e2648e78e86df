import Foundation

/// What changed between two saved runs, variant by variant: median wall
/// time and memory, with a Mann–Whitney test over the raw samples so that
/// noise is called "not significant" instead of a winner.
public struct Comparison: Codable, Sendable, JSONDocument {
    public struct Row: Codable, Sendable {
        public var scenario: String
        public var variant: String
        public var wallA: Double
        public var wallB: Double
        /// (B − A) / A: positive means B is slower.
        public var change: Double
        public var memoryA: Int?
        public var memoryB: Int?
        public var p: Double?
        public var significant: Bool
        public var verdict: String

        enum CodingKeys: String, CodingKey {
            case scenario, variant, wallA = "wall_a_s", wallB = "wall_b_s", change, memoryA = "memory_a_bytes"
            case memoryB = "memory_b_bytes", p, significant, verdict
        }

        public init(scenario: String, variant: String, wallA: Double, wallB: Double, change: Double, memoryA: Int?, memoryB: Int?,
                    p: Double?, significant: Bool, verdict: String) {
            self.scenario = scenario; self.variant = variant; self.wallA = wallA; self.wallB = wallB; self.change = change
            self.memoryA = memoryA; self.memoryB = memoryB; self.p = p; self.significant = significant; self.verdict = verdict
        }
    }

    public var schema = "pyvs.compare/1"
    public var a: String
    public var b: String
    public var alpha: Double
    public var rows: [Row]
    /// Variants measured in one run only.
    public var unmatched: [String]
    public var notes: [String]
    /// Tables leave out the rows whose change is not significant (JSON keeps them).
    public var hideInsignificant = false
    /// Which tree memory the rows' memory_a/b_bytes are: "PSS" when both
    /// runs read it for every row, else "RSS".
    public var memory = "RSS"

    enum CodingKeys: String, CodingKey { case schema, a, b, alpha, rows, unmatched, notes, geometricMean = "geometric_mean", memory }

    /// The geometric mean of B's median wall over A's, over the matched
    /// variants (as pyperf's compare_to sums up): above 1, B is slower.
    public var geometricMean: Double? {
        let ratios = rows.map { $0.wallB / $0.wallA }.filter { $0 > 0 && $0.isFinite }
        guard !ratios.isEmpty else { return nil }
        return exp(ratios.map(log).reduce(0, +) / Double(ratios.count))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(a, forKey: .a)
        try container.encode(b, forKey: .b)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(rows, forKey: .rows)
        try container.encode(unmatched, forKey: .unmatched)
        try container.encode(notes, forKey: .notes)
        try container.encodeIfPresent(geometricMean, forKey: .geometricMean)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        a = try container.decode(String.self, forKey: .a)
        b = try container.decode(String.self, forKey: .b)
        alpha = try container.decode(Double.self, forKey: .alpha)
        rows = try container.decode([Row].self, forKey: .rows)
        unmatched = try container.decode([String].self, forKey: .unmatched)
        notes = try container.decode([String].self, forKey: .notes)
    }

    public init(a: String, b: String, alpha: Double, rows: [Row], unmatched: [String], notes: [String]) {
        self.a = a; self.b = b; self.alpha = alpha; self.rows = rows; self.unmatched = unmatched; self.notes = notes
    }

    /// Variants significantly slower in B by more than `percent`.
    public func regressions(over percent: Double) -> [Row] {
        rows.filter { $0.significant && $0.change * 100 > percent }
    }
}

/// Several runs, each compared with the first (as pyperf's compare_to):
/// one section per later run.
public struct ComparisonSet: Codable, Sendable, JSONDocument {
    public var schema = "pyvs.compare-set/1"
    public var comparisons: [Comparison]

    public init(_ comparisons: [Comparison]) { self.comparisons = comparisons }
}
