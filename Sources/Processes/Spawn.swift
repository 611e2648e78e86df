import Foundation

/// posix_spawn of `arguments` in a process group of its own, with the
/// descriptors `files` sets up (dup2 and open actions): the way pyvs
/// starts a program as a child (a ForkServer forks the others).
/// `resetSignals`: the signals pyvs ignores or handles
/// (SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGQUIT) back to their defaults and
/// none blocked, as a measured program expects. Returns the pid.
func spawnInOwnGroup(_ arguments: [String], environment: [String: String], resetSignals: Bool = false,
                     files: (inout posix_spawn_file_actions_t) -> Void) throws(ProcessError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    files(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setpgroup(&attributes, 0)
    var flags = POSIX_SPAWN_SETPGROUP
    if resetSignals {
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        flags |= POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard status == 0 else { throw ProcessError("cannot start \(arguments[0])", code: status) }
    return pid
}
