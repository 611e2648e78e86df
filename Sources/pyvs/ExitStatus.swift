/// pyvs's exit statuses, named once (sysexits.h's numbers, as
/// docs/commands.md lists them).
enum ExitStatus: Int32 {
    /// A result mismatch, a failed run or block, a regression, or a step that could not be done.
    case failure = 1
    /// A usage error: an unknown scenario, a bad number, a flag that does not apply.
    case usage = 64
    /// Unusable input: not UTF-8, empty, not a pyvs report, an unsound claims file.
    case unusableInput = 65
    /// A missing input file.
    case missingInput = 66
    /// The blocks cannot be sandboxed here.
    case unavailable = 69
    /// pyvs's own Python programs are not found (a broken install).
    case brokenInstall = 72
    /// The output cannot be written.
    case cannotWrite = 73

    /// Killed by `signal`: the shell's 128 + its number.
    static func signalled(_ signal: Int32) -> Int32 { 128 + signal }
}
