import Contract
import Foundation

/// Short descriptions of facts other reports show in a cell or a line,
/// made here once: a snippets run's counts, what a block ran at once, how
/// a Python library was optimised.
extension SnippetsSummary {
    /// "5 passed, 1 failed, 2 skipped" (plus timeouts and crashes when there
    /// are any); `ran` counts the blocks that passed.
    public var line: String {
        var parts = ["\(ran) passed", "\(failed) failed", "\(skipped) skipped"]
        if timeouts > 0 { parts.append("\(timeouts) timed out") }
        if crashed > 0 { parts.append("\(crashed) crashed") }
        if notRun > 0 { parts.append("\(notRun) in other languages not run") }
        return parts.joined(separator: ", ")
    }
}

extension BlockConcurrency {
    /// "4 threads, 0.99 cores: held back by the GIL", "2 processes, 1.93
    /// cores" — nil for a block that ran one thread in one process. `gil`
    /// is whether the interpreter has the GIL (nil: not known).
    public func summary(wallSeconds: Double?, gil: Bool?) -> String? {
        guard peakProcesses > 1 || peakThreads > 1 else { return nil }
        var parts: [String] = []
        if peakProcesses > 1 { parts.append("\(peakProcesses) processes") }
        if peakThreads > peakProcesses { parts.append("\(peakThreads) threads") }
        var text = parts.joined(separator: ", ")
        guard let cores else { return text }
        text += String(format: ", %.2f cores", cores)
        // Threads that were busy but together never got past one core: the
        // GIL let one of them run at a time (on a build that has one).
        if peakProcesses == 1, peakThreads > 1, gil != false, let threads = threadsCPUSeconds, let wall = wallSeconds, wall > 0.05,
           threads / wall > 0.5, cores < 1.2 {
            text += gil == true ? ": held back by the GIL" : ": one core at a time"
        } else if cores < 0.2, let wall = wallSeconds, wall > 0.05 {
            text += ": mostly waiting"
        }
        return text
    }
}

extension PythonInfo {
    /// How the library was optimised: the C compiler's last -O level, and
    /// PGO/LTO from configure's arguments ("-O3, PGO+LTO", "-O2, no PGO/LTO").
    public var optimizations: String? {
        guard let arguments = configureArguments else { return nil }
        let pgo = arguments.contains("--enable-optimizations"), lto = arguments.contains("--with-lto")
        let level = (buildFlags ?? "").split(separator: " ").last { $0.hasPrefix("-O") }.map { "\($0), " } ?? ""
        switch (pgo, lto) {
        case (true, true): return level + "PGO+LTO"
        case (true, false): return level + "PGO"
        case (false, true): return level + "LTO"
        case (false, false): return level + "no PGO/LTO"
        }
    }
}
