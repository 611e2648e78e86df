import Contract

extension SnippetsReport {
    /// One line per code block of the document, those in other languages
    /// (not run) included; times in seconds, memory in bytes.
    func csvRows() -> String {
        var table = CSVTable(header: [
            "document", "block", "line", "language", "runnable", "status", "reason", "wall_s", "cpu_s", "peak_rss_bytes", "tree_peak_pss_bytes",
            "peak_processes", "peak_threads", "cores", "threads_cpu_s", "setup", "measured_by",
        ])
        for block in blocks {
            table.append([
                document, block.index, block.line, block.language, block.runnable, block.status.rawValue, ProblemWords.reason(of: block),
                block.wallSeconds, block.cpuSeconds, block.peakRSSBytes, block.treePeakPSSBytes, block.concurrency?.peakProcesses, block.concurrency?.peakThreads,
                block.concurrency?.cores, block.concurrency?.threadsCPUSeconds, block.setup, block.measuredBy,
            ])
        }
        return table.text
    }
}
