import Console
import Contract
import Foundation
import Processes

/// A program variant's measured run in the worker: the program started,
/// waited for (its process is the worker's child, so the worker's tree
/// holds it), and its one JSON line of output read as the variant's.
enum ProgramRun {
    /// The program's output, and its own peak resident memory.
    static func run(_ arguments: [String]) throws -> (VariantOutput, Int) {
        var child = ChildProcess(arguments: arguments)
        // The worker's own supervisor bounds the row; this only outlasts it.
        child.timeout = 24 * 3600
        let outcome = child.run(in: Supervisor())
        let stdout = String(decoding: outcome.stdout, as: UTF8.self)
        guard outcome.ending == .exited(0) else {
            let said = Format.lastLine(String(decoding: outcome.stderr, as: UTF8.self)) ?? ""
            throw WorkerError("\(URL(fileURLWithPath: arguments[0]).lastPathComponent) \(outcome.ending)" + (said.isEmpty ? "" : ": \(said)"))
        }
        guard let line = Format.lastLine(stdout), let output = try? JSONDecoder().decode(VariantOutput.self, from: Data(line.utf8)) else {
            throw WorkerError("\(URL(fileURLWithPath: arguments[0]).lastPathComponent) printed no result line: \(stdout.suffix(200))")
        }
        return (output, outcome.maxRSSBytes)
    }
}
