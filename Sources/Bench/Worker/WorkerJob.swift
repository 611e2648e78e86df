import Contract
import Foundation
import Measure

/// multiprocessing's start method, chosen per run and reported.
public enum StartMethod: String, Codable, CaseIterable, Sendable {
    case fork, spawn, forkserver
}

/// A failure injected into a variant, for pyvs's own tests.
public enum Fault: String, Codable, CaseIterable, Sendable {
    case segfault, hang, exit, raise, memory, wrong
}

/// Which CPython a worker starts and how its children start.
public struct PythonSetup: Codable, Sendable, Equatable {
    /// The executable multiprocessing children run; nil: the one that belongs
    /// to the embedded library.
    public var executable: String?
    public var startMethod: StartMethod

    public init(executable: String? = nil, startMethod: StartMethod = .fork) {
        self.executable = executable; self.startMethod = startMethod
    }
}

/// What the parent asks one worker process to do, passed as JSON on the
/// command line of the hidden `__worker` mode.
public enum WorkerJob: Codable, Sendable {
    /// One measured run of a scenario's variant.
    case variant(VariantJob)
    /// Facts about the embedded CPython.
    case pythonInfo(PythonSetup)
    /// The best of `repeats` timings of the cpu-bound loop in the embedded CPython.
    case loopSpeed(PythonSetup, n: Int, repeats: Int)
    /// A document's block, or all of them in one session.
    case snippet(SnippetJob)
    /// A server a scenario talks to, until its stdin closes.
    case service(name: String)

    public func encoded() -> String {
        // Encoding plain strings, numbers and enums cannot fail.
        String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self)
    }
}

public struct VariantJob: Codable, Sendable {
    public var scenario: String
    public var variant: String
    public var params: Params
    public var python: PythonSetup
    public var fault: Fault?
    /// A program variant's command, built by the host before the rows run.
    public var command: [String]?

    public init(scenario: String, variant: String, params: Params, python: PythonSetup, fault: Fault? = nil, command: [String]? = nil) {
        self.scenario = scenario; self.variant = variant; self.params = params; self.python = python; self.fault = fault
        self.command = command
    }
}

public struct SnippetJob: Codable, Sendable {
    public enum Mode: Codable, Sendable {
        /// One block, from its file.
        case block(BlockJob)
        /// Every block in order in one interpreter; the job file lists them.
        case session(jobFile: String)
        /// A fork server (fd 3 a socket): a child forked per block, each
        /// sent as a `ForkedBlock` (`SnippetRunner` starts one per document).
        case server
        /// The same inside the sandbox: the server supervises each child
        /// itself and reports on it (`pyvs_py.snippet.sandbox`).
        case sandboxedServer
    }

    /// The document's name, shown in place of the temporary file's path.
    public var display: String
    /// The working folder of the block.
    public var folder: String
    public var python: PythonSetup
    public var mode: Mode
    /// For a server: first time the cpu-bound loop in a fork of itself, the
    /// interpreter its blocks are forked from, and send that with the
    /// interpreter's description as its first message (`ForkServer.greeting`).
    public var greeting: LoopRequest?

    public init(display: String, folder: String, python: PythonSetup, mode: Mode, greeting: LoopRequest? = nil) {
        self.display = display; self.folder = folder; self.python = python; self.mode = mode; self.greeting = greeting
    }
}

/// How to time the cpu-bound loop: `task(n)`, the best of `repeats`.
public struct LoopRequest: Codable, Sendable {
    public var n: Int
    public var repeats: Int

    public init(n: Int, repeats: Int) {
        self.n = n; self.repeats = repeats
    }
}

/// One block for the fork server: a `BlockJob` and the folder it runs in.
public struct ForkedBlock: Codable, Sendable {
    public var block: BlockJob
    public var folder: String
    public var display: String
    /// For the sandboxed server, which enforces them itself.
    public var limits: ForkedLimits?
    /// Files the sandboxed server writes into `folder` (name: text) before
    /// the block runs, and files it copies there (name: path; too large for
    /// one message).
    public var files: [String: String]?
    public var copies: [String: String]?

    public init(block: BlockJob, folder: String, display: String, limits: ForkedLimits? = nil,
                files: [String: String]? = nil, copies: [String: String]? = nil) {
        self.block = block; self.folder = folder; self.display = display; self.limits = limits
        self.files = files; self.copies = copies
    }
}

/// A block's limits as the sandboxed server reads them.
public struct ForkedLimits: Codable, Sendable {
    public var timeout: Double
    public var memoryLimitBytes: Int
    public var maxProcesses: Int

    enum CodingKeys: String, CodingKey {
        case timeout, memoryLimitBytes = "memory_limit_bytes", maxProcesses = "max_processes"
    }

    public init(timeout: Double, memoryLimitBytes: Int, maxProcesses: Int) {
        self.timeout = timeout; self.memoryLimitBytes = memoryLimitBytes; self.maxProcesses = maxProcesses
    }
}

public struct BlockJob: Codable, Sendable {
    /// The file holding the block alone.
    public var path: String
    /// The document line of the block's opening fence: its code's line
    /// numbers are shifted by this much.
    public var offset: Int
    public var expectError: Bool
    /// For a >>> session: the file holding the block as the document shows
    /// it, prompts and expected output included (checked as doctest does).
    public var transcript: String?
    public var requires: [String]
    /// The document's setup blocks, run first in the block's namespace.
    public var setup: [SetupSource]?

    public init(path: String, offset: Int, expectError: Bool, transcript: String?, requires: [String], setup: [SetupSource]? = nil) {
        self.path = path; self.offset = offset; self.expectError = expectError; self.transcript = transcript; self.requires = requires
        self.setup = setup
    }
}

/// A setup block's file and the document line of its opening fence.
public struct SetupSource: Codable, Sendable {
    public var path: String
    public var offset: Int

    public init(path: String, offset: Int) { self.path = path; self.offset = offset }
}
