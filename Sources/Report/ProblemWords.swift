import Console
import Contract

/// The words of why a row or block has no result (`RowProblem`) and of a
/// block's notes (`BlockNote`), made here once.
public enum ProblemWords {
    public static func text(_ problem: RowProblem) -> String {
        switch problem {
        case let .ended(ending, stderr):
            return ended(ending) + (stderr.map { " (stderr: \($0))" } ?? "")
        case let .noResult(status, stderr):
            return "exited with status \(status) before reporting a result" + (stderr.map { " (stderr: \($0))" } ?? "")
        case let .raised(message):
            return message
        case let .needs(requirement, python):
            return needs(requirement, python: python)
        case let .tooManyThreads(threads, usable, bound):
            return "refused before starting: \(Format.count(threads)) threads are more than this system lets a process start "
                + "(about \(Format.count(usable)), bounded by \(bound)); a smaller --tasks runs"
        case let .tooLittleMemory(tasks, need, room, byLimit):
            return "refused before starting: \(Format.count(tasks)) tasks need about \(Format.bytes(need)), "
                + "more than the \(Format.bytes(room)) \(byLimit ? "--memory-limit allows" : "this machine has free"); a smaller --tasks runs"
        case let .runtimeMissing(runtime, missing, install):
            return "needs \(runtime): \(missing.joined(separator: ", ")) not found here" + (install.map { "; \($0) installs it (make toolchains)" } ?? "")
        case let .buildFailed(runtime, message):
            return "the \(runtime) program did not build: \(message)"
        case let .serviceFailed(scenario, message):
            return "could not start the \(scenario) service: \(message)"
        case let .interrupted(signal, started, runs):
            if !started { return "not run: interrupted by \(Format.signal(signal))" }
            return "interrupted by \(Format.signal(signal))" + (runs.map { " after \($0) counted runs" } ?? "")
        case let .resultDiffers(result, expected):
            return "result \(result) differs from the expected \(expected)"
        case let .servedOther(served, made):
            return "the server served \(Format.number(served, digits: 1)) requests per run, not the \(made) made"
        case .skipDirective:
            return "skip directive"
        case let .notPython(language):
            return (language.map { $0.isEmpty ? "no language given" : "language \($0)" } ?? "an indented code block") + ": not run"
        case let .stoppedAt(block):
            return "not run: -x stopped at block \(block)"
        case let .sessionEnded(block):
            return "not run: the session ended at block \(block)"
        case let .sessionNotReached(ending, stderr):
            return "the session did not reach this block (worker \(ended(ending))" + (stderr.map { ": \($0)" } ?? "") + ")"
        case let .exitedDuringBlock(status, session):
            return session ? "ended the session with status \(status) (os._exit or a fatal error)"
                : "ended the process with status \(status) before the block finished (os._exit or a fatal error)"
        case let .waitedForThreads(names, seconds):
            return "the block's code finished, then Python waited at exit for non-daemon thread" + (names.count == 1 ? " " : "s ")
                + names.prefix(4).map { "'\($0)'" }.joined(separator: ", ") + " until the timeout (\(Format.seconds(seconds)) s); killed"
        case let .harnessFailed(message):
            return "pyvs could not run the block: \(message)"
        case .noTemporaryFolder:
            return "cannot create a temporary folder"
        case let .cannotWrite(what, message):
            return "cannot write \(what): \(message)"
        case let .sandboxLost(message):
            return message
        case let .sandboxReportUnreadable(message):
            return "the sandboxed fork server's report could not be read: \(message)"
        case let .outputDiffers(line, summary):
            return "output differs from the block at line \(line): \(summary)"
        case let .journalInterrupted(why, running):
            return running ? "interrupted: \(why) while this block ran" : "not run: \(why)"
        case let .fragment(language, lacks):
            return "a \(language) fragment, not a program: no \(lacks)"
        case let .exitStatus(status):
            return "exited with status \(status)"
        case let .said(text):
            return text
        }
    }

    /// How a process ended, in words.
    public static func ended(_ ending: ProcessEnding) -> String {
        switch ending {
        case .exited(let code): return "exited with status \(code)"
        case .signalled(let signal): return "killed by \(Format.signal(signal))"
        case .timedOut(let seconds): return "no end after \(Format.seconds(seconds)) s; process tree killed"
        case .memoryExceeded(let limit): return "process tree went over the memory limit of \(limit >> 20) MB; killed"
        case .processLimit(let limit): return "killed: process limit — more than \(limit) processes at once (--max-processes)"
        case .failedToStart(let message): return message
        }
    }

    static func needs(_ requirement: RowProblem.Requirement, python: String) -> String {
        switch requirement {
        case .interpreters:
            return "needs concurrent.interpreters (CPython 3.14) or the interpreters-pep-734 backport (3.13; make pythons installs it); "
                + "not importable on CPython \(python)"
        case .aiohttp:
            return "needs aiohttp: not importable by CPython \(python) here (install it in a virtual environment and pass --python VENV/bin/python)"
        case .python312:
            return "needs CPython ≥ 3.12 (this build: \(python)); run with --python 3.13 or another 3.12+ build (make pythons)"
        }
    }

    public static func text(_ note: BlockNote) -> String {
        switch note {
        case .leftovers(let count): return "left \(count) process\(count == 1 ? "" : "es") running; killed"
        case .setup(let session): return session ? "setup block: ran first, once" : "setup block: runs before each of the other blocks"
        case .noNetwork: return "the sandbox has no network: run with --network"
        case .unknownDirectives(let names):
            return "unknown directive \(names.map { "'\($0)'" }.joined(separator: ", ")) ignored; "
                + "accepted: skip, timeout=SECONDS, expect-error, setup, requires=MODULE[,MODULE]"
        case .outputMatches(let line): return "output matches the block at line \(line)"
        case let .built(tool, seconds, cached):
            return cached ? "built with \(tool) before (cached)" : "built with \(tool) in \(Format.duration(seconds)) (not in its wall)"
        }
    }

    /// A row's reason in words, nil when it has none.
    public static func reason(_ problem: RowProblem?) -> String? { problem.map(text) }

    /// A block's reason and its notes, "reason; note; note" (nil when it has neither).
    public static func reason(of block: SnippetResult) -> String? {
        let parts = [block.reason.map(text)].compactMap { $0 }.filter { !$0.isEmpty } + (block.notes ?? []).map(text)
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
