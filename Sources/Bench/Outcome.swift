import Foundation
import Measure

/// Turns how a worker process ended into a sample or a failure with a reason.
public enum Outcome {
    public static func interpret(_ outcome: ChildOutcome, timeout: Double) -> Result<RunSample, RunFailure> {
        let firstLine = outcome.report.split(separator: 0x0a).first.map { Data($0) } ?? Data()
        let report = try? JSONDecoder().decode(WorkerReport.self, from: firstLine)
        if let failure = abnormal(outcome, timeout: timeout) { return .failure(failure) }
        let code: Int32
        if case .exited(let status) = outcome.ending { code = status } else { code = -1 }
        if let report, let error = report.error {
            return .failure(RunFailure(status: .failed, reason: lastLine(error)))
        }
        guard code == 0, let report else {
            return .failure(RunFailure(status: .crashed, reason: "exited with status \(code) before reporting a result" + stderrTail(outcome)))
        }
        return .success(RunSample(
            wall: report.wallSeconds ?? outcome.processWallSeconds,
            cpu: report.cpuSeconds ?? (outcome.userSeconds + outcome.systemSeconds),
            processWall: outcome.processWallSeconds,
            user: outcome.userSeconds, system: outcome.systemSeconds,
            peakRSS: report.peakRSSBytes ?? outcome.maxRSSBytes,
            treePeakRSS: outcome.treePeakRSSBytes, treePeakProcesses: max(1, outcome.treePeakProcesses),
            switches: ContextSwitches(voluntary: outcome.voluntarySwitches, involuntary: outcome.involuntarySwitches),
            result: report.result ?? "", extra: report.extra ?? [:],
            payload: report.payload ?? report.python.flatMap { python in
                (try? JSONEncoder().encode(python)).map { String(decoding: $0, as: UTF8.self) }
            },
            loops: report.loops ?? 1))
    }

    /// A process that did not end by itself: timed out, killed for memory,
    /// killed by a signal, or never started. Nil when it exited.
    public static func abnormal(_ outcome: ChildOutcome, timeout: Double) -> RunFailure? {
        switch outcome.ending {
        case .exited: return nil
        case .failedToStart(let message): return RunFailure(status: .failed, reason: message)
        case .timedOut: return RunFailure(status: .timeout, reason: "no end after \(format(timeout)) s; process group killed")
        case .memoryExceeded(let limit):
            return RunFailure(status: .crashed, reason: "process tree went over the memory limit of \(limit >> 20) MB; killed")
        case .signalled(let signal):
            return RunFailure(status: .crashed, reason: "killed by \(signalName(signal))" + stderrTail(outcome))
        }
    }

    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL", SIGBUS: "SIGBUS",
                                      SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP"]
        return names[signal] ?? "signal \(signal)"
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? text
    }

    static func stderrTail(_ outcome: ChildOutcome) -> String {
        let text = String(decoding: outcome.stderr, as: UTF8.self)
        let line = lastLine(text).trimmingCharacters(in: .whitespaces)
        return line.isEmpty ? "" : " (stderr: \(line.prefix(160)))"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
