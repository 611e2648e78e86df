import Console
import Contract
import Foundation
import Measure
import Processes

/// Turns how a worker process ended into a sample or a failure with a reason.
public enum Outcome {
    public static func interpret(_ outcome: ChildOutcome) -> Result<RunSample, RunFailure> {
        if let failure = abnormal(outcome) { return .failure(failure) }
        let reply = WorkerReply.decode(outcome.report)
        if let error = reply?.error {
            return .failure(RunFailure(status: .failed, reason: Format.lastLine(error) ?? error))
        }
        guard outcome.ending == .exited(0), let reply else {
            return .failure(RunFailure(status: .crashed, reason: "\(ending(outcome)) before reporting a result" + stderrTail(outcome)))
        }
        return .success(RunSample(
            wall: reply.wallSeconds ?? outcome.processWallSeconds,
            cpu: reply.cpuSeconds ?? (outcome.userSeconds + outcome.systemSeconds),
            processWall: outcome.processWallSeconds,
            user: reply.userSeconds ?? outcome.userSeconds, system: reply.systemSeconds ?? outcome.systemSeconds,
            peakRSS: reply.peakRSSBytes ?? outcome.maxRSSBytes,
            treePeakRSS: outcome.treePeakRSSBytes, treePeakProcesses: max(1, outcome.treePeakProcesses),
            treePeakPSS: outcome.treePeakPSSBytes, pssReadAtRSS: outcome.pssReadAtRSSBytes,
            foreignCPU: max(0, outcome.machineCPU.busySeconds - outcome.userSeconds - outcome.systemSeconds - outcome.observerCPUSeconds),
            steal: outcome.machineCPU.stealSeconds, observerCPU: outcome.observerCPUSeconds,
            switches: ContextSwitches(voluntary: outcome.voluntarySwitches, involuntary: outcome.involuntarySwitches),
            output: reply.output, interpreterStart: reply.interpreterStartSeconds, python: reply.python, gilEnabled: reply.gilEnabled, pyvsCommit: reply.pyvsCommit,
            loops: reply.loops ?? 1, calls: reply.calls ?? reply.loops ?? 1))
    }

    /// A process that did not end by itself: timed out, killed for memory,
    /// killed by a signal, or never started. Nil when it exited.
    public static func abnormal(_ outcome: ChildOutcome) -> RunFailure? {
        switch outcome.ending {
        case .exited: return nil
        case .failedToStart(let message): return RunFailure(status: .failed, reason: message)
        case .timedOut(let seconds):
            return RunFailure(status: .timeout, reason: "no end after \(Format.seconds(seconds)) s; process tree killed")
        case .memoryExceeded(let limit):
            return RunFailure(status: .crashed, reason: "process tree went over the memory limit of \(limit >> 20) MB; killed")
        case .processLimit(let limit):
            return RunFailure(status: .crashed, reason: "killed: process limit — more than \(limit) processes at once (--max-processes)")
        case .signalled(let signal):
            return RunFailure(status: .crashed, reason: "killed by \(signalName(signal))" + stderrTail(outcome))
        }
    }

    /// How the process ended, in words.
    public static func ending(_ outcome: ChildOutcome) -> String {
        switch outcome.ending {
        case .exited(let code): return "exited with status \(code)"
        case .signalled(let signal): return "killed by \(signalName(signal))"
        case .timedOut(let seconds): return "timed out after \(Format.seconds(seconds)) s"
        case .memoryExceeded(let limit): return "went over the memory limit of \(limit >> 20) MB"
        case .processLimit(let limit): return "went over the process limit of \(limit)"
        case .failedToStart(let message): return message
        }
    }

    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGHUP: "SIGHUP", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT",
                                      SIGKILL: "SIGKILL", SIGBUS: "SIGBUS",
                                      SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP"]
        return names[signal] ?? "signal \(signal)"
    }

    static func stderrTail(_ outcome: ChildOutcome) -> String {
        let text = String(decoding: outcome.stderr, as: UTF8.self)
        let line = (Format.lastLine(text) ?? "").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? "" : " (stderr: \(line.prefix(160)))"
    }
}
