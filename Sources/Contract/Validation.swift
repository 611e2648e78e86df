import Foundation

extension RunReport {
    /// The first thing in a loaded report that no pyvs run produces: an ok
    /// row without wall times, an empty or negative figure. Nil when sound.
    public func problem() -> String? {
        for scenario in scenarios {
            for row in scenario.variants {
                let place = "\(scenario.name) \(row.label)"
                if row.status == .ok && row.wallSeconds == nil { return "\(place) is ok but has no wall_s" }
                for (name, summary) in [("wall_s", row.wallSeconds), ("cpu_s", row.cpuSeconds), ("process_wall_s", row.processWallSeconds)] {
                    if let summary, let issue = summary.problem() { return "\(place) \(name): \(issue)" }
                }
                let figures: [(String, Double?)] = [("speedup", row.speedup), ("parallelism", row.parallelism),
                                                    ("concurrency", row.concurrency), ("user_s", row.userSeconds), ("sys_s", row.systemSeconds)]
                for (name, value) in figures {
                    if let value, !(value.isFinite && value >= 0) { return "\(place) \(name) is \(value)" }
                }
                for (name, value) in [("peak_rss_bytes", row.peakRSSBytes), ("tree_peak_rss_bytes", row.treePeakRSSBytes)] {
                    if let value, value < 0 { return "\(place) \(name) is \(value)" }
                }
            }
        }
        return nil
    }
}

extension Summary {
    /// What makes these figures impossible, or nil.
    func problem() -> String? {
        if samples.isEmpty { return "no samples" }
        if !(samples + [median, min, max]).allSatisfy({ $0.isFinite && $0 >= 0 }) { return "a negative or non-finite figure" }
        if !(min <= median && median <= max) { return "min, median and max out of order" }
        return nil
    }
}

extension SnippetsReport {
    /// The first impossible figure in a loaded snippets report, or nil.
    public func problem() -> String? {
        for block in blocks {
            for (name, value) in [("wall_s", block.wallSeconds), ("cpu_s", block.cpuSeconds)] {
                if let value, !(value.isFinite && value >= 0) { return "block \(block.index) \(name) is \(value)" }
            }
            if let rss = block.peakRSSBytes, rss < 0 { return "block \(block.index) peak_rss_bytes is \(rss)" }
            if block.line < 1 { return "block \(block.index) line is \(block.line)" }
        }
        return nil
    }
}
