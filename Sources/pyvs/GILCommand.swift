import ArgumentParser
import Bench
import Console
import Contract
import Foundation
import Measure
import Report

struct GILCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gil",
        abstract: "The GIL study: what the GIL serialises and what it does not, next to native threads.",
        discussion: """
        One CPU-bound kernel on 1, 2 and N threads (N = online cores): Python threads; Swift pthreads \
        entering CPython; Python threads in work that releases the GIL (time.sleep, hashlib, zlib); \
        Python threads calling a Swift function that releases the GIL, and the same holding it; native \
        Swift pthreads; multiprocessing; and subinterpreters with their own GIL (CPython 3.12+). \
        Concurrency is measured directly: the threads' CPU time over wall time. Then a sweep of \
        sys.setswitchinterval. Parameters (--n, --sleep-us, --hash-bytes, --zlib-bytes): `pyvs list`.

        Examples:
          pyvs gil
          pyvs gil --threads 1,2,4 --no-sweep
          pyvs gil --quick --format html -o gil.html
        """)

    /// Parameters the command declares as its own options (not rewritten to --param).
    static let declaredParameters: Set<String> = [GILStudy.threadsSeries]

    @Option(help: "Thread counts, comma-separated (default: 1,2,<online cores>; 1,2 with --quick).")
    var threads: String?

    @Option(name: .customLong("switch-intervals"), help: "sys.setswitchinterval sweep, in ms (default 0.1,1,5,50).")
    var switchIntervals: String?

    @Flag(name: .customLong("no-sweep"), help: "Skip the switch-interval sweep.")
    var noSweep = false

    @OptionGroup var parameters: ScenarioArguments
    @OptionGroup var measure: MeasureOptions
    @OptionGroup var limits: LimitOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        _ = try resolved()
    }

    /// The study's parameters and series: --threads and --switch-intervals
    /// become the series of its two scenarios; the sweep runs on as many
    /// threads as the study's largest count (at least 2).
    func resolved() throws -> (params: Params, series: [String: [Int]]) {
        var arguments = parameters
        if let threads { arguments.values.append("\(GILStudy.threadsSeries)=\(threads)") }
        var (params, series) = try arguments.resolved(for: Catalogue.gilStudy)
        if let switchIntervals {
            let values = switchIntervals.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 0.001 && ($0 ?? .infinity) <= 10_000 }) else {
                throw ValidationError("--switch-intervals takes milliseconds from 0.001 to 10000, comma-separated, got '\(switchIntervals)'")
            }
            series[GILStudy.intervalSeries] = values.compactMap { $0.map { Int(($0 * 1000).rounded()) } }
        }
        if let counts = series[GILStudy.threadsSeries] { params[GILStudy.threadsSeries] = max(2, counts.max() ?? 2) }
        return (params, series)
    }

    func run() throws {
        try output.checkWritable(for: RunReport.self)
        var options = try measure.runOptions(limits: limits)
        (options.overrides, options.seriesOverrides) = try resolved()
        let progress = ProgressLine(enabled: !output.noProgress)
        let study = noSweep ? Array(Catalogue.gilStudy.prefix(1)) : Catalogue.gilStudy
        let report = RunMetadata.measure(study, runner: Runner(options: options, progress: progress, supervisor: Session.supervisor), command: CommandLine.arguments)
        progress.finish()
        try output.write(report)
        if !report.allOK { throw ExitCode.failure }
    }
}
