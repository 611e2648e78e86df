import Console
import Contract

/// The words of a scenario's conclusions (`Conclusion`), made here once.
public enum ConclusionWords {
    public static func text(_ conclusion: Conclusion) -> String {
        switch conclusion {
        case let .faster(fast, slow, ratio):
            return faster(fast, slow, ratio)
        case let .betweenBuilds(fast, slow, ratio):
            return "Between builds, one thread: " + faster(fast, slow, ratio)
        case let .best(best):
            return bestSpeedup(best)
        case let .noBest(language, flagged):
            return "No best \(language.name) speedup named: \(names(flagged)), which measured highest, "
                + "\(flagged.count == 1 ? "is" : "are") flagged (!) above."
        case let .startup(seconds):
            return "Embedded CPython start-up per worker process: \(Format.duration(seconds)) (median of the Python rows; not in the measured wall)."
        case let .resultsDiffer(rows):
            return "Results differ from the expected ones: \(rows.joined(separator: ", "))."
        case let .resultsAgree(expected, unchecked):
            let subject = unchecked.isEmpty ? "All results" : "All checked results"
            return (expected.count == 1 ? "\(subject) equal \(expected[0])" : "\(subject) as expected: \(expected.joined(separator: "; "))")
                + (unchecked.isEmpty ? "." : "; \(unchecked.joined(separator: ", ")) are findings, not checked.")
        case let .threadStarts(most, slow):
            return slow.isEmpty
                ? "Starting the threads took at most \(Format.percent(most)) of the region in the rows whose threads ran at once (median), so their speedups are the threads' work."
                : "Starting the threads took more than 5 % of the region in \(slow.map { "\($0.row) \(Format.percent($0.value))" }.joined(separator: ", ")): "
                    + "those speedups include thread start-up; a larger --n (or --native-n) shows the steady state."
        case let .gilWait(variant, threads, seconds):
            return "\(variant) with \(threads) threads: \(Format.duration(seconds)) waiting inside PyGILState_Ensure to enter CPython (summed over the threads)."
        case let .sweep(threads, points):
            let concurrency = points.compactMap(\.concurrency)
            return "Python threads ×\(threads), wall per switch interval — "
                + points.map { "\(Format.duration($0.interval)): \(Format.duration($0.wall))" }.joined(separator: "; ") + ". "
                + "Context switches of the worker process — " + points.map { "\(Format.duration($0.interval)): \($0.switches)" }.joined(separator: "; ")
                + "; concurrency stayed between \(Format.number(concurrency.min())) and \(Format.number(concurrency.max()))."
        case let .waitsExpected(requests, delay):
            return "Expected: one after another \(requests) × \(Format.duration(delay)) = \(Format.duration(Double(requests) * delay)); "
                + "all at once about \(Format.duration(delay)) (plus the cost of starting \(requests) threads, tasks or connections)."
        case let .waitsMeasured(group, rows):
            return "Measured over \(group == .http ? "HTTP" : "sleeps"): " + rows.map { "\($0.row) \(Format.duration($0.value))" }.joined(separator: ", ") + "."
        case let .kernelSwitches(variant, voluntary, involuntary, handoffs, runs):
            return "\(variant): \(voluntary) voluntary and \(involuntary) involuntary context switches counted by the kernel for the whole "
                + "worker process, for its \(handoffs) handoffs (\(runs) run\(runs == 1 ? "" : "s") of the region)."
        case let .threadStartup(row, startup, wall, concurrency, shared):
            let share = startup / wall
            var line = "\(row): its threads began to run \(Format.duration(startup)) into the \(Format.duration(wall)) region "
                + "(\(Format.percent(share)) of it, median); the threads' own CPU time over the wall: \(Format.number(concurrency))"
            if let shared {
                line += "; two threads began on one CPU in \(Format.percent(shared)) of the calls" + (shared > 0 ? " (they share it until the kernel moves one)" : "")
            }
            return line + (share > 0.05 ? "; above 5 %, this speedup includes thread start-up — a larger --n shows the steady state." : ".")
        case let .lostUpdates(variant, lost, total):
            return "\(variant): lost \(Format.number(lost, digits: 0)) of \(total) updates"
                + (lost > 0 ? " (\(Format.percent(lost / Double(total))))." : " — no update lost in this run.")
        case let .unlockedThreads(lost, gil):
            switch (lost, gil) {
            case (false, true):
                return "py.threads-unlocked lost no update with the GIL on: CPython 3.10 and later switch threads only on function entry, "
                    + "loop back-edges and calls, so `counter += 1` in a plain loop is not interrupted between its load and its store (3.9 and earlier can be)."
            case (true, false):
                return "py.threads-unlocked lost updates with the GIL disabled: on a free-threaded build the threads run `counter += 1` "
                    + "at the same time, and their loads and stores interleave."
            case (true, true):
                return "py.threads-unlocked lost updates with the GIL on: this CPython switched threads between a load and its store."
            case (false, false):
                return "py.threads-unlocked lost no update in this run although the GIL was disabled; a larger --increments gives the threads more chances to collide."
            }
        case let .unlockedValue(lost):
            return lost
                ? "py.value-unlocked lost updates: multiprocessing.Value += 1 reads and writes shared memory in two steps across processes; get_lock() makes it one."
                : "py.value-unlocked lost no update in this run, although Value += 1 reads and writes shared memory in two unlocked steps across processes."
        case let .wakeups(row, wall, sleep, resident, virtual):
            return "\(row): all woke \(Format.duration(wall)) after the first started (d = \(Format.duration(sleep)), "
                + "\(Format.ratio(wall / sleep)) of it); \(Format.bytes(Int(resident))) resident per task"
                + (virtual.map { ", \(Format.bytes(Int($0))) of address space per thread" } ?? "") + "."
        case let .onBuild(build, conclusion):
            return "On \(build): " + text(conclusion)
        }
    }

    /// "b ran 1.89× (1.85–1.93× in 5 rounds, 94 % interval) faster than a
    /// on the same work", or why that is not conclusive.
    static func faster(_ fast: String, _ slow: String, _ ratio: WallRatio) -> String {
        if ratio.conclusive {
            if case .runs(_, _, let n, let m, _) = ratio { return "\(fast) ran \(text(ratio)) faster than \(slow) on the same work (\(runs(n, m)))." }
            return "\(fast) ran \(text(ratio)) faster than \(slow) on the same work."
        }
        switch ratio {
        case let .rounds(_, _, _, _, count, _):
            return "\(fast) against \(slow): \(text(ratio)) — not conclusive; " + advice(enough: count >= Summary.conclusiveCount)
        case let .runs(_, _, n, m, _):
            let enough = min(n, m) >= Summary.conclusiveCount
            return "\(fast) against \(slow): \(text(ratio)) \(enough ? "their runs overlap" : "from \(runs(n, m))") — not conclusive; " + advice(enough: enough)
        }
    }

    /// "1.89× (1.85–1.93× in 5 rounds, 94 % interval)", "1.89× in 1
    /// round"; from runs alone "84.9 ± 2.1×" (or "84.9×" from one run a side).
    public static func text(_ ratio: WallRatio) -> String {
        switch ratio {
        case let .rounds(median, low, high, coverage, count, _):
            let d = digits(median)
            guard count > 1 else { return "\(Format.number(median, digits: d))× in 1 round" }
            return "\(Format.number(median, digits: d))× (\(Format.number(low, digits: d))–\(Format.number(high, digits: d))× "
                + "in \(count) rounds, \(Format.percent(coverage)) interval)"
        case let .runs(value, deviation, _, _, _):
            let d = digits(value)
            return deviation > 0 ? "\(Format.number(value, digits: d)) ± \(Format.number(deviation, digits: d))×" : "\(Format.number(value, digits: d))×"
        }
    }

    /// The highest speedup of a language, and how far it is the best.
    static func bestSpeedup(_ best: BestSpeedup) -> String {
        let language = best.language.name
        let interval = best.interval.map { " [\(Format.ratio($0[0]))–\(Format.ratio($0[1]))]" } ?? ""
        let beside = best.native.map { comparison in
            "; native threads \(Format.ratio(comparison.native.median)) in the same rounds"
                + (comparison.share.map { ", \(Format.number($0)) of theirs" } ?? "")
        } ?? ""
        let figures = "\(best.row) \(Format.ratio(best.speedup))\(interval) (concurrency \(Format.number(best.concurrency))\(beside))"
        switch best.standing {
        case .fewRuns:
            return "Highest \(language) speedup: \(figures) from \(best.runs) run\(best.runs == 1 ? "" : "s") — not conclusive; \(Summary.moreRunsAdvice)."
        case .tied:
            return "Highest \(language) speedups: \(figures) and \(best.next ?? "") \(Format.ratio(best.nextSpeedup)); "
                + (best.nextRatio.map { "round by round \(best.row) was \(text($0)) faster, so neither is conclusively the best." }
                   ?? "their runs overlap, so neither is conclusively the best.")
        case .overlapsSerial:
            return "Highest \(language) speedup: \(figures); its runs overlap the serial ones — not conclusive."
        case .best:
            return "Best \(language) speedup: \(figures)."
        }
    }

    private static func advice(enough: Bool) -> String {
        enough ? "run on a quieter machine or with more --repeat." : Summary.moreRunsAdvice + "."
    }

    /// "1 run each", "5 and 3 runs".
    private static func runs(_ n: Int, _ m: Int) -> String {
        n == m ? "\(n) run\(n == 1 ? "" : "s") each" : "\(n) and \(m) runs"
    }

    private static func names(_ names: [String]) -> String {
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    private static func digits(_ value: Double) -> Int { value >= 100 ? 0 : value >= 10 ? 1 : 2 }
}
