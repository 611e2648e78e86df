import Console
import Contract

extension Spread {
    /// "1.05×–1.20×": the lowest and highest of speedups or parallelisms.
    public var ratioRange: String { "\(Format.ratio(min))–\(Format.ratio(max))" }
}
