import Foundation

/// The `pyvs.snippets/1` document: what every code block of a Markdown
/// document did when pyvs ran it.
public struct SnippetsReport: Codable, Sendable, JSONDocument {
    public static let schemaID = "pyvs.snippets/1"
    public var schema = SnippetsReport.schemaID
    public var document: String
    /// The document's first heading, where it has one.
    public var title: String?
    public var createdAt: String
    public var session: Bool
    public var machine: MachineInfo?
    public var python: PythonInfo?
    public var blocks: [SnippetResult]
    public var summary: SnippetsSummary
    /// True when pyvs was interrupted: the blocks after it were not run.
    public var incomplete: Bool?
    /// Where the blocks ran: the sandbox and what it allowed, or that they
    /// ran unconfined (--no-sandbox).
    public var sandbox: String?

    enum CodingKeys: String, CodingKey {
        case schema, document, title, createdAt = "created_at", session, machine, python, blocks, summary, incomplete, sandbox
    }

    public init(document: String, session: Bool, machine: MachineInfo?, python: PythonInfo?, blocks: [SnippetResult]) {
        self.document = document
        self.createdAt = ISO8601DateFormatter().string(from: Date())
        self.session = session
        self.machine = machine
        self.python = python
        self.blocks = blocks
        self.summary = SnippetsSummary(blocks.filter { $0.runnable })
        self.summary.notRun = blocks.filter { !$0.runnable }.count
    }

    /// Nothing failed unexpectedly: no failure, timeout or crash.
    public var allOK: Bool { summary.failed == 0 && summary.timeouts == 0 && summary.crashed == 0 }

}

public struct SnippetsSummary: Codable, Sendable, Equatable {
    public var ran: Int = 0
    public var failed: Int = 0
    public var skipped: Int = 0
    public var timeouts: Int = 0
    public var crashed: Int = 0
    /// Blocks in other languages, listed but not run.
    public var notRun: Int = 0

    enum CodingKeys: String, CodingKey { case ran, failed, skipped, timeouts, crashed, notRun = "not_run" }

    init(_ blocks: [SnippetResult]) {
        for block in blocks {
            switch block.status {
            case .ok: ran += 1
            case .failed: failed += 1
            case .skipped: skipped += 1
            case .timeout: timeouts += 1
            case .crashed: crashed += 1
            }
        }
    }
}

/// What a skipped block lacked here: the network (the sandbox has none
/// unless asked), or a module that is not installed.
public enum BlockNeed: String, Codable, Sendable {
    case network, module
}

public struct SnippetResult: Codable, Sendable {
    public var index: Int
    public var line: Int
    public var language: String
    public var status: RunStatus
    /// Why it failed or was skipped, or how it passed (the harness's words).
    @SentenceOrProblem public var reason: RowProblem?
    /// What else is worth knowing of the block's run.
    public var notes: [BlockNote]?
    /// A skipped block's need, where it is one pyvs can name.
    public var needs: BlockNeed?
    public var wallSeconds: Double?
    public var cpuSeconds: Double?
    /// The block's process tree at its peak: its summed RSS (a page shared
    /// by several processes counted in each), and its PSS (counted once:
    /// what the machine spent), where it was read.
    public var peakRSSBytes: Int?
    public var treePeakPSSBytes: Int?
    public var stdout: String
    public var stderr: String
    /// Not a Python block: listed, not run.
    public var runnable: Bool
    /// The block's code as the document shows it.
    public var source: String?
    /// The command that measures this block's claim beside Swift, when a
    /// claims file links the block to a scenario ("pyvs run massive").
    public var measuredBy: String?
    /// The most processes and threads the block had at once, and how many
    /// cores it used (measured by its supervisor, outside the block).
    public var concurrency: BlockConcurrency?
    /// A setup block: run before every block (or once, first, with
    /// --session), reported once.
    public var setup: Bool?
    /// A program in another language (Go, C, C++, Rust, Java, JavaScript), built and run as one.
    public var program: Bool?

    enum CodingKeys: String, CodingKey {
        case index, line, language, status, reason, notes, needs, wallSeconds = "wall_s", cpuSeconds = "cpu_s"
        case peakRSSBytes = "peak_rss_bytes", treePeakPSSBytes = "tree_peak_pss_bytes", stdout, stderr, runnable, source, measuredBy = "measured_by", concurrency, setup, program
    }

    /// Adds a fact about the run.
    public mutating func note(_ note: BlockNote) { notes = (notes ?? []) + [note] }

    /// What the block's tree cost the machine at its peak: its PSS, else
    /// (a block that ended before the first reading) its summed RSS.
    public var peakMemoryBytes: Int? { treePeakPSSBytes ?? peakRSSBytes }

    public init(index: Int, line: Int, language: String, status: RunStatus, reason: RowProblem? = nil, runnable: Bool = true) {
        self.index = index; self.line = line; self.language = language; self.status = status
        self.reason = reason; self.stdout = ""; self.stderr = ""; self.runnable = runnable
    }
}

/// A fact about a block's run beside its status and reason.
public enum BlockNote: Codable, Sendable, Equatable {
    /// Processes the block left running (killed).
    case leftovers(Int)
    /// A setup block: run first, once (--session), or before each other block.
    case setup(session: Bool)
    /// It needs the network and the sandbox has none.
    case noNetwork
    /// Directives pyvs does not know (ignored).
    case unknownDirectives([String])
    /// --check-output: what it printed matches the output the document shows at `line`.
    case outputMatches(line: Int)
    /// A program block was built before it ran (with `tool`, in `seconds`; 0 when pyvs had it already).
    case built(tool: String, seconds: Double, cached: Bool)

    enum CodingKeys: String, CodingKey {
        case leftovers, setup, noNetwork = "no_network", unknownDirectives = "unknown_directives", outputMatches = "output_matches", built
    }
    enum LeftoversCodingKeys: String, CodingKey { case _0 = "processes" }
    enum UnknownDirectivesCodingKeys: String, CodingKey { case _0 = "directives" }
}

/// What one block ran at once and how many cores it kept busy.
public struct BlockConcurrency: Codable, Sendable, Equatable {
    /// The most processes of the block's tree alive at one sample.
    public var peakProcesses: Int
    /// The most threads of those processes, summed, at one sample.
    public var peakThreads: Int
    /// CPU over wall: the cores the block's tree used on average.
    public var cores: Double?
    /// CPU time of the block process's threads other than its main thread
    /// (its own code's threads, and those of the libraries it used).
    public var threadsCPUSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case peakProcesses = "peak_processes", peakThreads = "peak_threads", cores, threadsCPUSeconds = "threads_cpu_s"
    }

    public init(peakProcesses: Int, peakThreads: Int, cores: Double?, threadsCPUSeconds: Double?) {
        self.peakProcesses = peakProcesses; self.peakThreads = peakThreads; self.cores = cores; self.threadsCPUSeconds = threadsCPUSeconds
    }
}
