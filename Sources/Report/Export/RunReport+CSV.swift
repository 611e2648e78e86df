import Contract

extension RunReport {
    /// One line per measured row (every row of every scenario, failed and
    /// skipped ones too, with their status and reason). Times in seconds,
    /// memory in bytes; `spread` is the standard deviation over the median.
    func csvRows() -> String {
        var table = CSVTable(header: [
            "scenario", "variant", "id", "language", "model", "workers", "threads", "build", "runs",
            "wall_median_s", "wall_min_s", "wall_max_s", "wall_spread", "cpu_median_s", "parallelism",
            "speedup", "speedup_low", "speedup_high", "peak_rss_bytes", "tree_peak_rss_bytes", "tree_peak_pss_bytes",
            "result_ok", "status", "reason",
        ])
        for scenario in scenarios {
            for row in scenario.variants {
                table.append([
                    scenario.name, row.label, row.id, row.language.rawValue, row.model.rawValue, row.workers, row.threads,
                    row.build, row.wallSeconds?.samples.count ?? 0,
                    row.wallSeconds?.median, row.wallSeconds?.min, row.wallSeconds?.max, row.wallSeconds?.spread,
                    row.cpuSeconds?.median, row.parallelism,
                    row.speedup, row.speedupInterval?.first, row.speedupInterval?.last, row.peakRSSBytes, row.treePeakRSSBytes, row.treePeakPSSBytes,
                    row.resultOK, row.status.rawValue, ProblemWords.reason(row.reason),
                ])
            }
        }
        return table.text
    }
}
