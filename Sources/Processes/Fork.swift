import Foundation

/// A forked child running a closure: for the measured workloads that fork
/// (native worker processes, process start, a process ping-pong).
public enum Fork {
    /// Forks; the child runs `body` and exits with its status at once
    /// (`_exit`: no atexit handlers, no flushing of the parent's buffers).
    /// `body` runs in a child forked from a threaded process: plain
    /// arithmetic and system calls only — a lock another thread held at the
    /// fork stays locked there.
    public static func child(_ body: () -> Int32) throws(ProcessError) -> pid_t {
        let pid = fork()
        if pid == 0 { _exit(body()) }
        guard pid > 0 else { throw ProcessError("fork", code: errno) }
        return pid
    }
}
