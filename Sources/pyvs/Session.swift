import Bench
import Processes

/// What the commands of one pyvs invocation share: the supervisor of every
/// child it starts. Created when the command line starts (pyvs becomes a
/// child subreaper and starts its guardian), and handed explicitly to the
/// runner, the snippet runner and the claim checker.
enum Session {
    static let supervisor = Supervisor.commandLine(executable: Paths.selfExecutable)
}
