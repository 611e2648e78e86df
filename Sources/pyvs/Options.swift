import ArgumentParser
import Bench
import Console
import Contract
import Foundation
import Processes
import Measure
import PyEmbed
import Report

extension ReportFormat: ExpressibleByArgument {}
extension StartMethod: ExpressibleByArgument {}
extension Fault: ExpressibleByArgument {}

/// `--repeat`: auto, or a number of rounds.
enum RepeatChoice: ExpressibleByArgument, Equatable {
    case auto
    case fixed(Int)

    init?(argument: String) {
        if argument == "auto" { self = .auto } else if let count = Int(argument) { self = .fixed(count) } else { return nil }
    }
}

/// How to measure, shared by every command that measures.
struct MeasureOptions: ParsableArguments {
    @Flag(help: "Small sizes and one counted run: seconds, for smoke runs and tests.")
    var quick = false

    @Option(name: .customLong("repeat"), help: ArgumentHelp(
        "Rounds of counted runs: a number, or auto (the default; 1 with --quick): rounds go on from 5 until every speedup's interval lies within ±5 % of its median, or until --max-time.",
        valueName: "auto|N"))
    var repeatCount: RepeatChoice?

    @Option(name: .customLong("max-time"), help: ArgumentHelp("Seconds of counted rounds per scenario that --repeat auto may take (default \(Int(AutoRounds.defaultBudget))).",
                                                              valueName: "seconds"))
    var maxTime: Double?

    @Option(help: "Warm-up runs per variant, not counted (default 1; 0 with --quick).")
    var warmup: Int?

    @Option(name: .customLong("start-method"), help: "multiprocessing start method: fork, spawn or forkserver.")
    var startMethod: StartMethod = .fork

    func validate() throws {
        if case .fixed(let count)? = repeatCount, !(1...1000).contains(count) {
            throw ValidationError("--repeat must be auto or a whole number from 1 to 1000, got \(count)")
        }
        if let maxTime, !(maxTime > 0 && maxTime <= 86_400) {
            throw ValidationError("--max-time must be a number of seconds above 0 and at most 86400, got \(maxTime)")
        }
        if let warmup, !(0...100).contains(warmup) {
            throw ValidationError("--warmup must be a whole number from 0 to 100, got \(warmup)")
        }
    }

    /// How to measure, on the builds `--python` names: auto rounds unless
    /// --repeat or --quick says otherwise.
    func runOptions(limits: LimitOptions) throws -> RunOptions {
        var options = RunOptions()
        options.quick = quick
        options.problemWords = ProblemWords.text
        let auto = AutoRounds(budget: maxTime ?? AutoRounds.defaultBudget)
        switch repeatCount {
        case .fixed(let count)?: options.rounds = .fixed(count)
        case .auto?: options.rounds = .auto(auto)
        case nil: options.rounds = quick ? .fixed(1) : .auto(auto)
        }
        options.warmup = warmup ?? (quick ? 0 : 1)
        options.limits = limits.limits(defaultTimeout: 120)
        options.python = PythonSetup(startMethod: startMethod)
        options.builds = try limits.builds()
        return options
    }
}

/// What one worker process may use, and which interpreter its children
/// start: shared by run, gil and snippets.
struct LimitOptions: ParsableArguments {
    @Option(help: "Seconds one measured run (or one block) may take before its process tree is killed (default 120; 30 per block for snippets).")
    var timeout: Double?

    @Option(name: .customLong("memory-limit"), help: "MB the process tree of one run may use before it is killed (default: half the machine's memory).")
    var memoryLimitMB: Int?

    @Option(name: .customLong("max-processes"), help: "Processes the tree of one run may have at once before it is killed (default 256).")
    var maxProcesses: Int?

    @Option(name: .customLong("python"), help: ArgumentHelp(
        "A Python build to run on (repeat it for several, side by side; 'all': every build), or the python executable multiprocessing children start (a path: a virtual environment's interpreter brings its packages).",
        discussion: "Builds are named like their library: 3.11, 3.13, 3.13t (free-threaded), and 3.13t+gil (the same interpreter with PYTHON_GIL=1). `pyvs list --pythons` lists them; `make pythons` builds 3.13 and 3.13t.",
        valueName: "NAME|PATH"))
    var pythons: [String] = []

    /// The python executable given as a path, for commands that run one build.
    var python: String? { pythons.first { $0.contains("/") } }

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 86_400) {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400, got \(timeout)")
        }
        let machineMB = Int(ProcessInfo.processInfo.physicalMemory >> 20)
        if let memoryLimitMB, !(Self.minimumMemoryMB...machineMB).contains(memoryLimitMB) {
            throw ValidationError("--memory-limit must be from \(Self.minimumMemoryMB) (MB: an idle worker with CPython uses about 40) "
                + "to \(machineMB) (this machine's memory), got \(memoryLimitMB)")
        }
        if let maxProcesses, !(4...100_000).contains(maxProcesses) {
            throw ValidationError("--max-processes must be a whole number from 4 to 100000, got \(maxProcesses)")
        }
        for value in pythons where value.contains("/") { try PythonChoice.validate(value) }
    }

    /// The builds `--python` names, in order; this pyvs's own without it. A
    /// path stands for this build with that executable for children.
    func builds() throws -> [PythonBuild] {
        var chosen: [PythonBuild] = []
        let names = pythons.filter { !$0.contains("/") }
        if !names.isEmpty {
            do { chosen = try PythonBuilds.named(names, among: PythonBuilds.available(supervisor: Session.supervisor)) } catch {
                throw CommandFailure(message: error.description, status: .usage)
            }
        }
        if let path = python {
            var host = PythonBuild.host
            host.executable = path
            if let index = chosen.firstIndex(where: { $0.pyvs == host.pyvs && $0.environment.isEmpty }) { chosen[index] = host }
            else { chosen.insert(host, at: 0) }
        }
        return chosen.isEmpty ? [.host] : chosen
    }

    /// Below this a worker that only starts CPython is killed for memory.
    static let minimumMemoryMB = 64

    func limits(defaultTimeout: Double) -> Limits {
        Limits(timeout: timeout ?? defaultTimeout,
               memoryLimitBytes: memoryLimitMB.map { $0 << 20 } ?? Limits.defaultMemoryLimitBytes,
               maxProcesses: maxProcesses ?? Limits.defaultMaxProcesses)
    }
}

/// Where and how the report goes.
struct OutputOptions: ParsableArguments {
    @Option(help: "Report format: table, md, json, html, csv; for runs also pyperf (a pyperf file) and hyperfine (hyperfine's JSON); for snippets also junit (JUnit XML).")
    var format: ReportFormat = .table

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(name: .customLong("no-progress"), help: "No progress lines on stderr.")
    var noProgress = false

    @Flag(help: "Tables with every column, however wide (by default they fit the terminal, 80 columns when stdout is not one).")
    var wide = false

    @Flag(name: [.short, .long], help: "On the terminal, the run-by-run warnings too (outliers, walls that vary, disturbed runs) that the machine paragraph under each table sums up.")
    var verbose = false

    @Option(name: .customLong("export-json"), help: ArgumentHelp("Also save the report as JSON here.", valueName: "file"))
    var exportJSON: String?

    @Option(name: .customLong("export-md"), help: ArgumentHelp("Also save the report as Markdown here (charts beside it).", valueName: "file"))
    var exportMarkdown: String?

    @Option(name: .customLong("export-html"), help: ArgumentHelp("Also save the report as an HTML page here.", valueName: "file"))
    var exportHTML: String?

    @Option(name: .customLong("export-csv"), help: ArgumentHelp("Also save the report as CSV here (one line per row, claim or block).", valueName: "file"))
    var exportCSV: String?

    @Option(name: .customLong("export-pyperf"), help: ArgumentHelp("Also save the run as a pyperf file here (python -m pyperf stats, compare_to).", valueName: "file"))
    var exportPyperf: String?

    @Option(name: .customLong("export-hyperfine"), help: ArgumentHelp("Also save the run in hyperfine's JSON shape here (hyperfine's plotting scripts).", valueName: "file"))
    var exportHyperfine: String?

    /// Every file the report goes to besides --output: format and path.
    var exports: [(ReportFormat, String)] {
        [(ReportFormat.json, exportJSON), (.md, exportMarkdown), (.html, exportHTML), (.csv, exportCSV),
         (.pyperf, exportPyperf), (.hyperfine, exportHyperfine)].compactMap { format, path in path.map { (format, $0) } }
    }

    /// Before any work: the report has every rendering asked for (--format
    /// and each --export-*), and every file can be written.
    func checkWritable<Report: Renderable>(for report: Report.Type) throws {
        if !Report.formats.contains(format) {
            throw CommandFailure(message: "--format \(format.rawValue): \(Report.lacking(format))", status: .usage)
        }
        for (exported, _) in exports where !Report.formats.contains(exported) {
            throw CommandFailure(message: "--export-\(exported.rawValue): \(Report.lacking(exported))", status: .usage)
        }
        do {
            try Output.checkWritable(output)
            for (_, path) in exports { try Output.checkWritable(path) }
        } catch { throw CommandFailure.cannotWrite("\(error)") }
    }

    /// Writes a report in the chosen format, and to every --export-* file.
    func write(_ report: some Renderable) throws {
        for (format, path) in exports { try write(report, as: format, to: path) }
        try write(report, as: format, to: output)
    }

    /// Markdown written to a file gets its charts as SVG files beside it
    /// (report.md -> report-cpu-bound-wall.svg).
    private func write(_ report: some Renderable, as format: ReportFormat, to output: String?) throws {
        do {
            guard format == .md, let output, output != "-" else {
                let toTerminal = output == nil || output == "-"
                return try Output.write(try report.rendered(format, width: wide || !toTerminal ? nil : Format.terminalColumns() ?? 80, verbose: verbose), to: output)
            }
            let url = URL(fileURLWithPath: output)
            let (text, files) = report.markdownWithFiles(stem: url.deletingPathExtension().lastPathComponent)
            for file in files {
                try Output.write(file.content, to: url.deletingLastPathComponent().appendingPathComponent(file.name).path)
            }
            try Output.write(text, to: output)
        } catch let error as Output.CannotWrite {
            throw CommandFailure.cannotWrite("\(error)")
        }
    }
}

/// `--python PATH`: the interpreter multiprocessing children start. It must be
/// the embedded library's version, or children cannot unpickle what the
/// parent sends them.
enum PythonChoice {
    static func validate(_ path: String?) throws {
        guard let path else { return }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, (info.st_mode & 0o111) != 0 else {
            throw ValidationError("--python must name an executable file, got '\(path)'")
        }
        let embedded = Interpreter.compiledVersion
        var child = ChildProcess(arguments: [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        child.timeout = 20
        let outcome = child.run(in: Session.supervisor)
        let version = String(decoding: outcome.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.ending == .exited(0) else {
            throw ValidationError("--python '\(path)' did not run as a Python interpreter (\(outcome.ending))")
        }
        guard version == "\(embedded.major).\(embedded.minor)" else {
            throw ValidationError("--python must be CPython \(embedded.major).\(embedded.minor) like the embedded library, got \(version) at '\(path)'")
        }
    }
}
