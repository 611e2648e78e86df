import ArgumentParser
import BuildInfo
import Console
import Foundation

struct PyvsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pyvs",
        abstract: "Measure the concurrency claims of Python tutorials, next to native Swift.",
        discussion: """
        Exit status: 0 all ok; 1 a result mismatch, a failed run, a failed block or a regression; \
        64 usage error; 65 unusable input (not UTF-8, empty, not a pyvs report); 66 missing input; \
        72 pyvs's own Python programs not found (a broken install); 73 cannot write the output.
        """,
        version: PyvsVersion.description,
        subcommands: [ListCommand.self, RunCommand.self, GILCommand.self, ClaimsCommand.self, SnippetsCommand.self, CheckCommand.self, ReportCommand.self, CompareCommand.self])
}

/// A command that runs pyvs's Python programs, so needs to find them first.
protocol RunsPython {
    var runsPython: Bool { get }
}
extension RunsPython { var runsPython: Bool { true } }
extension RunCommand: RunsPython {}
extension GILCommand: RunsPython {}
extension ClaimsCommand: RunsPython {}
extension SnippetsCommand: RunsPython {}
extension CheckCommand: RunsPython {}
/// Only `--pythons` starts the builds' workers.
extension ListCommand: RunsPython { var runsPython: Bool { pythons } }

/// An error that ends the command with a one-line message and an exit code.
struct CommandFailure: Error {
    let message: String
    let status: ExitStatus

    static func missingInput(_ message: String) -> CommandFailure { CommandFailure(message: message, status: .missingInput) }
    static func cannotWrite(_ message: String) -> CommandFailure { CommandFailure(message: message, status: .cannotWrite) }
}
