/// A process tree's memory as reports show it: the summed PSS (each page
/// its processes share counted once — what the machine spent) where it was
/// read, else the summed RSS (a page shared after fork counted once per
/// process: a 200 MB parent with 4 forked children sums to about 1 GB).
public enum TreeMemory: String, Sendable {
    case pss = "PSS", rss = "RSS"

    /// "tree PSS", "tree RSS": the column's label.
    public var label: String { "tree \(rawValue)" }

    /// The kind a set of rows can all be shown in: PSS when every row with
    /// a tree figure has its PSS (so a column never mixes the two).
    public static func kind(of rows: [VariantResult]) -> TreeMemory {
        rows.allSatisfy { $0.treePeakRSSBytes == nil || $0.treePeakPSSBytes != nil } ? .pss : .rss
    }
}

extension VariantResult {
    /// The tree's peak memory of `kind`.
    public func treeMemory(_ kind: TreeMemory) -> Int? {
        kind == .pss ? memory.treePeakPSSBytes : memory.treePeakRSSBytes
    }
}
