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
            return .failure(RunFailure(status: .failed, reason: .raised(Format.lastLine(error) ?? error)))
        }
        guard case .exited(let status) = outcome.ending, status == 0, let reply else {
            let status: Int32 = if case .exited(let code) = outcome.ending { code } else { 0 }
            return .failure(RunFailure(status: .crashed, reason: .noResult(status: status, stderr: stderrTail(outcome))))
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
        case .failedToStart: return RunFailure(status: .failed, reason: .ended(outcome.ending, stderr: nil))
        case .timedOut: return RunFailure(status: .timeout, reason: .ended(outcome.ending, stderr: nil))
        case .memoryExceeded, .processLimit: return RunFailure(status: .crashed, reason: .ended(outcome.ending, stderr: nil))
        case .signalled: return RunFailure(status: .crashed, reason: .ended(outcome.ending, stderr: stderrTail(outcome)))
        }
    }

    /// The last line of the process's standard error, cut to 160 characters; nil when it wrote none.
    public static func stderrTail(_ outcome: ChildOutcome) -> String? {
        let text = String(decoding: outcome.stderr, as: UTF8.self)
        let line = (Format.lastLine(text) ?? "").trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? nil : String(line.prefix(160))
    }
}
