import ArgumentParser
import Bench
import Foundation
import Measure
import PyEmbed

// Modes that are not the user's command line come first:
//  - `pyvs __worker JOB`: one measured run, started by pyvs itself;
//  - a multiprocessing child started with pyvs as the executable
//    (`-c "from multiprocessing..." --multiprocessing-fork`): act as python,
//    never as pyvs, or every child would start pyvs again (a fork bomb).
let arguments = CommandLine.arguments
if arguments.count >= 3 && arguments[1] == "__worker" {
    guard let job = try? JSONDecoder().decode(WorkerJob.self, from: Data(arguments[2].utf8)) else {
        FileHandle.standardError.write("pyvs: __worker needs a JSON worker job\n".data(using: .utf8)!)
        exit(64)
    }
    exit(Worker.main(job))
}
if arguments.contains("--multiprocessing-fork") || (arguments.count >= 2 && ["-c", "-m", "-E", "-s", "-I", "-B"].contains(arguments[1])) {
    exit(Interpreter.runAsPython(arguments))
}

ActiveChildren.shared.installSignalHandlers()
do {
    let given = Array(arguments.dropFirst())
    let declared = given.first == GILCommand.configuration.commandName ? GILCommand.declaredParameters : []
    let expanded = ScenarioArguments.expand(given, declared: declared)
    var command = try PyvsCommand.parseAsRoot(expanded)
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch let failure as CommandFailure {
    FileHandle.standardError.write("pyvs: \(failure.message)\n".data(using: .utf8)!)
    exit(failure.code)
} catch {
    let code = PyvsCommand.exitCode(for: error)
    if code == .success || error is CleanExit { PyvsCommand.exit(withError: error) }
    let message = PyvsCommand.message(for: error)
        .replacingOccurrences(of: "Error: ", with: "")
        .split(separator: "\n").first.map(String.init) ?? "\(error)"
    FileHandle.standardError.write("pyvs: \(message)\n".data(using: .utf8)!)
    exit(code == .validationFailure || code.rawValue == 64 ? 64 : code.rawValue)
}
