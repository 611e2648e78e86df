import BuildInfo
import Contract
import Foundation
import Processes
import Measure

/// The hidden worker mode: one job inside a fresh process. It replies on
/// fd 3 (its measured region and result, Python facts, or a block's
/// verdict), then exits: 0 when it did its job, 1 when it failed.
public enum Worker {
    public static func main(_ job: WorkerJob) -> Int32 {
        var reply = WorkerReply()
        do {
            switch job {
            case .variant(let variantJob): try runVariant(variantJob, into: &reply)
            case .pythonInfo(let setup):
                try PythonHost.start(setup)
                reply.python = try PythonHost.describe()
                reply.pyvsCommit = PyvsVersion.commit
            case .loopSpeed(let setup, let n, let repeats):
                try PythonHost.start(setup)
                try timeLoop(LoopRequest(n: n, repeats: repeats), into: &reply)
            case .snippet(let snippetJob): try runSnippet(snippetJob, into: &reply)
            case .service(let name): try serve(name)
            }
        } catch {
            reply.error = String(describing: error)
        }
        // The worker's own peak, or a program variant's where that is higher (set by runVariant).
        reply.peakRSSBytes = max(Clock.selfPeakRSS(), reply.peakRSSBytes ?? 0)
        fflush(nil)  // every C stream, before the reply says the run is over
        reply.send()
        // The worker ends without finalizing Python; a variant's exit handlers still run, once its reply is sent,
        // so what multiprocessing set up is taken down (a fork server's listening socket in /tmp/pymp-*).
        if reply.error == nil, case .variant(let variantJob) = job,
           Catalogue.measurable(named: variantJob.scenario)?.variant(variantJob.variant)?.runsPython == true {
            PythonHost.runExitHandlers()
        }
        return reply.error == nil ? 0 : 1
    }

    /// The loop's best time, then the interpreter's facts (timed first: the
    /// facts cost the loop nothing), and the commit this pyvs was built from.
    static func timeLoop(_ request: LoopRequest, into reply: inout WorkerReply) throws {
        reply.wallSeconds = try PythonHost.loopSpeed(n: request.n, repeats: request.repeats)
        reply.python = try PythonHost.describe()
        reply.pyvsCommit = PyvsVersion.commit
    }

    /// A child process running pyvs in worker mode for `job`: the pyvs that
    /// embeds `build`, with its environment. Swift's crash backtracer is off
    /// there: a crashing block is reported by its signal, not by a Swift
    /// backtrace of the host.
    /// How much of a worker's stdout and stderr is kept: a measured run's
    /// (its traceback, if it fails), and a worker that only reports facts.
    public static let runCaptureBytes = 256 << 10
    public static let factsCaptureBytes = 64 << 10

    /// A run's tree has its memory counted once (PSS) for the reports, but
    /// only once it goes past `pssKnownUpToRSS`, the summed RSS at which an
    /// earlier run of the row read it.
    public static func process(_ job: WorkerJob, build: PythonBuild = .host, limits: Limits, captureLimitBytes: Int,
                               pssKnownUpToRSS: Int = 0) -> ChildProcess {
        var child = ChildProcess(arguments: [build.pyvs, "__worker", job.encoded()])
        child.timeout = limits.timeout
        child.memoryLimitBytes = limits.memoryLimitBytes
        child.maxProcesses = limits.maxProcesses
        child.captureLimitBytes = captureLimitBytes
        if case .variant = job {
            child.readsTreePSS = true
            child.pssKnownUpToRSSBytes = pssKnownUpToRSS
        }
        child.environment["PYVS_PYTHON_DIR"] = Paths.pythonDirectory
        child.environment["SWIFT_BACKTRACE"] = "enable=no"
        child.environment.merge(build.environment) { $1 }
        return child
    }
}

/// What one worker process may use before it is killed.
public struct Limits: Sendable {
    public var timeout: Double
    public var memoryLimitBytes: Int
    /// Most processes one run's tree may have at once.
    public var maxProcesses: Int

    public init(timeout: Double, memoryLimitBytes: Int = Limits.defaultMemoryLimitBytes,
                maxProcesses: Int = Limits.defaultMaxProcesses) {
        self.timeout = timeout; self.memoryLimitBytes = memoryLimitBytes; self.maxProcesses = maxProcesses
    }

    public static let defaultMaxProcesses = 256

    /// Half the machine's memory.
    public static var defaultMemoryLimitBytes: Int { Int(ProcessInfo.processInfo.physicalMemory / 2) }
}

public struct WorkerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// An error as text, so a thread can hand it back (errors from Python, and
/// many others, are not Sendable).
struct ErrorText: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ error: Error) { description = String(describing: error) }
}
