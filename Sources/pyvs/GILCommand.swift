import ArgumentParser
import Bench
import Foundation
import Measure
import Report

struct GILCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gil",
        abstract: "The GIL study: what the GIL serialises and what it does not, next to native threads.",
        discussion: """
        One CPU-bound kernel on 1, 2 and N threads (N = online cores): Python threads; Swift pthreads
        entering CPython; Python threads in work that releases the GIL (time.sleep, hashlib, zlib);
        Python threads calling a Swift function that releases the GIL, and the same holding it; native
        Swift pthreads; multiprocessing; and subinterpreters with their own GIL (CPython 3.12+).
        Concurrency is measured directly: the threads' CPU time over wall time.
        """)

    @Option(help: "Thread counts, comma-separated (default: 1,2,<online cores>; 1,2 with --quick).")
    var threads: String?

    @Option(help: "Loop length of the kernel per thread (default 5000000, as in cpu-bound; 100000 with --quick).")
    var n: Int?

    @Option(name: .customLong("switch-intervals"), help: "sys.setswitchinterval sweep, in ms (default 0.1,1,5,50).")
    var switchIntervals: String?

    @Flag(name: .customLong("no-sweep"), help: "Skip the switch-interval sweep.")
    var noSweep = false

    @OptionGroup var measure: MeasureOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let threads {
            guard let counts = Self.parseList(threads, Int.init), counts.allSatisfy({ (1...256).contains($0) }) else {
                throw ValidationError("--threads takes whole numbers from 1 to 256, comma-separated, got '\(threads)'")
            }
            _ = counts
        }
        if let n, !(1...2_000_000_000).contains(n) {
            throw ValidationError("--n must be a whole number from 1 to 2000000000, got \(n)")
        }
        if let switchIntervals {
            guard let values = Self.parseList(switchIntervals, Double.init), values.allSatisfy({ $0 > 0 && $0 <= 10_000 }) else {
                throw ValidationError("--switch-intervals takes milliseconds above 0 and at most 10000, comma-separated, got '\(switchIntervals)'")
            }
            _ = values
        }
    }

    static func parseList<T>(_ text: String, _ parse: (String) -> T?) -> [T]? {
        let items = text.split(separator: ",").map { parse($0.trimmingCharacters(in: .whitespaces)) }
        guard !items.isEmpty, items.allSatisfy({ $0 != nil }) else { return nil }
        return items.compactMap { $0 }
    }

    func run() throws {
        try output.checkWritable()
        let options = measure.runOptions()
        var sizes = measure.quick ? GILSizes.quick : GILSizes.standard
        if let n { sizes.n = n }
        let counts = threads.flatMap { Self.parseList($0, Int.init) }
            ?? (measure.quick ? [1, 2] : [1, 2, MachineInfo.onlineCores])
        let progress = ProgressLine(enabled: !output.noProgress)
        let runner = Runner(options: options, progress: progress)
        var warnings: [String] = []
        progress.plan(1)
        let (machine, python) = Session.metadata(runner: runner, warnings: &warnings)
        let study = GILStudy(threadCounts: Array(Set(counts)).sorted(), sizes: sizes,
                             switchIntervalsMS: noSweep ? [] : (switchIntervals.flatMap { Self.parseList($0, Double.init) } ?? GILCatalogue.switchIntervalsMS),
                             python: python, nativeParallelism: machine.nativeParallelism)
        progress.plan(study.plannedRuns(options))
        let scenarios = study.run(runner)
        progress.finish()
        let report = RunReport(command: CommandLine.arguments, machine: machine, python: python, scenarios: scenarios, warnings: warnings)
        try output.write(report)
        if !report.allOK { throw ExitCode.failure }
    }
}
