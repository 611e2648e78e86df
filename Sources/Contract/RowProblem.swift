/// Why a row or a block has no result, or has one that is not to be
/// trusted: what happened, with its figures. Facts only; the words are
/// Report's (`ProblemWords`). In the JSON it is the `reason`: an object
/// with one key, the kind, holding its figures. Reports saved before it
/// was typed hold a sentence there, read as `said`.
public enum RowProblem: Codable, Sendable, Equatable {
    /// The process did not end by itself (`ending` is not `exited`), with
    /// the last line of its standard error where that says why.
    case ended(ProcessEnding, stderr: String?)
    /// A row's worker exited with `status` before reporting a result.
    case noResult(status: Int32, stderr: String?)
    /// The row's code raised: the error's last line.
    case raised(String)
    /// The row needs what this Python build does not have.
    case needs(Requirement, python: String)
    /// Refused before starting: more threads than a process may start here.
    case tooManyThreads(threads: Int, usable: Int, bound: String)
    /// Refused before starting: its tasks would not fit in the memory left.
    case tooLittleMemory(tasks: Int, needBytes: Int, roomBytes: Int, byLimit: Bool)
    /// The row's runtime is not installed here (Go, Node, …): what it lacks and the command that installs it.
    case runtimeMissing(runtime: String, missing: [String], install: String?)
    /// Its program did not build: the compiler's last line.
    case buildFailed(runtime: String, message: String)
    /// The scenario's service (a local server) did not start.
    case serviceFailed(scenario: String, message: String)
    /// A signal stopped pyvs: before the row or block ran (`started` false),
    /// while it ran, or after `runs` counted runs.
    case interrupted(signal: Int32, started: Bool, runs: Int?)
    /// The row's result is not the expected one.
    case resultDiffers(result: String, expected: String)
    /// The local server served another number of requests than were made.
    case servedOther(served: Double, made: Int)

    /// A block marked `<!-- pyvs: skip -->`.
    case skipDirective
    /// Not a Python block: the fence's language (empty: none given; nil: an indented block).
    case notPython(language: String?)
    /// -x: not run, an earlier block failed.
    case stoppedAt(block: Int)
    /// --session: the session ended at an earlier block.
    case sessionEnded(atBlock: Int)
    /// --session: the worker died before this block started.
    case sessionNotReached(ProcessEnding, stderr: String?)
    /// The process exited with `status` before the block finished (os._exit, a fatal error).
    case exitedDuringBlock(status: Int32, session: Bool)
    /// The block's code finished; Python then waited at exit for these
    /// non-daemon threads until the timeout.
    case waitedForThreads(names: [String], seconds: Double)
    /// The harness could not run the block (its error's last line).
    case harnessFailed(String)
    /// pyvs could not create a temporary folder for the blocks.
    case noTemporaryFolder
    /// pyvs could not write what the run needs (`what`: a file), with the system's words.
    case cannotWrite(what: String, message: String)
    /// The sandboxed fork server was lost while the block ran (what its supervisor saw).
    case sandboxLost(String)
    /// The sandboxed fork server's report on the block could not be read (what was wrong with it).
    case sandboxReportUnreadable(String)
    /// --check-output: the block printed other than the document shows.
    case outputDiffers(line: Int, summary: String)
    /// The run was killed; its journal says so for the block that ran and those after it.
    case journalInterrupted(why: String, running: Bool)
    /// A block in another language that is a fragment, not a program: what it lacks ("func main in package main").
    case fragment(language: String, lacks: String)
    /// A program block exited with this status.
    case exitStatus(Int32)
    /// The block's harness in its own words (a Python program's verdict:
    /// its exception, what it was missing), or a sentence an older pyvs saved.
    case said(String)

    /// What a row may need that a build lacks.
    public enum Requirement: String, Codable, Sendable, Equatable {
        /// concurrent.interpreters (3.14) or its backport (3.13).
        case interpreters
        /// aiohttp importable.
        case aiohttp
        /// CPython 3.12 or later (per-thread CPU in the GIL study).
        case python312 = "python_3_12"
    }

    enum CodingKeys: String, CodingKey {
        case ended, noResult = "no_result", raised, needs, tooManyThreads = "too_many_threads", tooLittleMemory = "too_little_memory"
        case runtimeMissing = "runtime_missing", buildFailed = "build_failed", serviceFailed = "service_failed", interrupted, resultDiffers = "result_differs", servedOther = "served_other"
        case skipDirective = "skip_directive", notPython = "not_python", stoppedAt = "stopped_at", sessionEnded = "session_ended"
        case sessionNotReached = "session_not_reached", exitedDuringBlock = "exited_during_block", waitedForThreads = "waited_for_threads"
        case harnessFailed = "harness_failed", noTemporaryFolder = "no_temporary_folder", cannotWrite = "cannot_write"
        case sandboxLost = "sandbox_lost", sandboxReportUnreadable = "sandbox_report_unreadable", outputDiffers = "output_differs"
        case journalInterrupted = "journal_interrupted", fragment, exitStatus = "exit_status", said
    }
    enum EndedCodingKeys: String, CodingKey { case _0 = "ending", stderr }
    enum RaisedCodingKeys: String, CodingKey { case _0 = "message" }
    enum NeedsCodingKeys: String, CodingKey { case _0 = "requirement", python }
    enum SessionNotReachedCodingKeys: String, CodingKey { case _0 = "ending", stderr }
    enum HarnessFailedCodingKeys: String, CodingKey { case _0 = "message" }
    enum SandboxLostCodingKeys: String, CodingKey { case _0 = "message" }
    enum SandboxReportUnreadableCodingKeys: String, CodingKey { case _0 = "message" }
    enum SaidCodingKeys: String, CodingKey { case _0 = "text" }
    enum ExitStatusCodingKeys: String, CodingKey { case _0 = "status" }
    enum TooLittleMemoryCodingKeys: String, CodingKey { case tasks, needBytes = "need_bytes", roomBytes = "room_bytes", byLimit = "by_limit" }
    enum SessionEndedCodingKeys: String, CodingKey { case atBlock = "at_block" }

}

/// A row's or block's `reason`: typed (`RowProblem`), or the sentence a
/// report saved before it was typed holds, read as `said`. Absent, it is
/// none; none is not written.
@propertyWrapper
public struct SentenceOrProblem: Codable, Sendable, Equatable {
    public var wrappedValue: RowProblem?

    public init(wrappedValue: RowProblem?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let sentence = try? container.decode(String.self) {
            wrappedValue = .said(sentence)
        } else {
            wrappedValue = try container.decode(RowProblem.self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    public func decode(_ type: SentenceOrProblem.Type, forKey key: Key) throws -> SentenceOrProblem {
        try decodeIfPresent(type, forKey: key) ?? SentenceOrProblem(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    public mutating func encode(_ value: SentenceOrProblem, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) }
    }
}

/// A problem is also what a step that could not be taken returns (`Result<_, RowProblem>`).
extension RowProblem: Error {}
