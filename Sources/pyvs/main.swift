import ArgumentParser
import Bench
import Console
import Contract
import Foundation
import Measure
import Processes
import PyEmbed

// Modes that are not the user's command line come first:
//  - `pyvs __worker JOB`: one measured run, started by pyvs itself (or by
//    the pyvs of another Python build);
//  - `pyvs __build-name`: the Python build this binary embeds ("3.13t");
//  - a multiprocessing child started with pyvs as the executable
//    (`-c "from multiprocessing..." --multiprocessing-fork`): act as python,
//    never as pyvs, or every child would start pyvs again (a fork bomb).
Output.checkStandardStreams()
let arguments = CommandLine.arguments
if arguments.count >= 3 && arguments[1] == "__worker" {
    guard let job = try? JSONDecoder().decode(WorkerJob.self, from: Data(arguments[2].utf8)) else {
        Output.stderr("pyvs: __worker needs a JSON worker job\n")
        exit(ExitStatus.usage.rawValue)
    }
    exit(Worker.main(job))
}
if arguments.count == 2 && arguments[1] == PythonBuilds.buildNameMode {
    print(Interpreter.compiledName)
    exit(0)
}
if arguments.count == 2 && arguments[1] == "__guard" {
    Guardian.serve(finish: SnippetJournal.finish)
    exit(0)
}
if arguments.contains("--multiprocessing-fork") || (arguments.count >= 2 && ["-c", "-m", "-E", "-s", "-I", "-B"].contains(arguments[1])) {
    exit(Interpreter.runAsPython(arguments))
}

// A closed stdout or a dead pipe is an error pyvs reports, not a signal that kills it.
signal(SIGPIPE, SIG_IGN)
// Whatever the measured processes leave behind comes back to pyvs and is
// killed; if pyvs itself is killed, the guardian kills them.
let supervisor = Session.supervisor
// However pyvs exits, it waits for its guardian to finish its work and end.
atexit { Session.supervisor.finish() }
supervisor.installSignalHandlers { _ in Output.stderr("pyvs: interrupted; stopping and writing what was measured\n") }
do {
    let given = Array(arguments.dropFirst())
    let declared = given.first == GILCommand.configuration.commandName ? GILCommand.declaredParameters : []
    let expanded = ScenarioArguments.expand(given, declared: declared)
    var command = try PyvsCommand.parseAsRoot(expanded)
    if (command as? RunsPython)?.runsPython == true {
        do { try Paths.requireData() } catch { throw CommandFailure(message: "\(error)", status: .brokenInstall) }
    }
    try command.run()
    if let signal = supervisor.interruption.signal { exit(ExitStatus.signalled(signal)) }
} catch let code as ExitCode {
    // Interrupted: the report is written (marked incomplete); the exit says why.
    exit(supervisor.interruption.signal.map(ExitStatus.signalled) ?? code.rawValue)
} catch let failure as CommandFailure {
    Output.stderr("pyvs: \(failure.message)\n")
    exit(failure.status.rawValue)
} catch {
    let code = PyvsCommand.exitCode(for: error)
    if code == .success || error is CleanExit { PyvsCommand.exit(withError: error) }
    let message = PyvsCommand.message(for: error)
        .replacingOccurrences(of: "Error: ", with: "")
        .split(separator: "\n").first.map(String.init) ?? "\(error)"
    Output.stderr("pyvs: \(message)\n")
    exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
}
