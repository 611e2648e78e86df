import Foundation
import Measure

/// Waiting for children and killing them: the one place pyvs calls
/// waitpid and kill on a child or its process group.
public enum Reaper {
    /// Waits for `pid` (retrying on EINTR) and returns its wait status.
    public static func wait(_ pid: pid_t) throws(ProcessError) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ProcessError("waitpid", code: errno) }
        }
        return status
    }

    /// Waits for `pid` and checks that it exited with status 0.
    public static func waitForSuccess(_ pid: pid_t, _ what: String = "process") throws(ProcessError) {
        let status = try wait(pid)
        guard status == 0 else { throw ProcessError("\(what) \(pid) ended with \(describe(status))") }
    }

    /// The status of `pid` if it has ended (then reaped), nil while it runs.
    static func poll(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let waited = waitpid(pid, &status, WNOHANG)
        if waited == pid { return status }
        if waited < 0 && errno == ECHILD { return -1 }  // reaped elsewhere: never wait forever for it
        return nil
    }

    /// Stops a child that was asked to end (its stdin or socket closed): up
    /// to `grace` seconds for it to exit, then SIGKILL to its group; reaped
    /// either way, and whatever it left in its group is killed.
    public static func stop(_ pid: pid_t, grace: Double) {
        let deadline = Clock.now() + grace
        while poll(pid) == nil {
            if Clock.now() > deadline {
                kill(-pid, SIGKILL)
                _ = try? wait(pid)
                break
            }
            usleep(5_000)
        }
        kill(-pid, SIGKILL)
    }

    /// Kills whatever is left of process group `group` (reaping the members
    /// that are this process's children) until it is empty, or a second has passed.
    static func emptyGroup(_ group: pid_t) {
        for _ in 0..<100 {
            while waitpid(-group, nil, WNOHANG) > 0 {}
            if kill(-group, SIGKILL) != 0 { return }  // ESRCH: no process left in the group
            usleep(10_000)
        }
    }

    /// SIGKILL to `pid`'s process group and to `pid` itself.
    static func killGroup(_ pid: pid_t) {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    /// SIGKILL to each of `pids`, reaping those that are this process's
    /// children, except `keep`.
    static func killAll(_ pids: Set<pid_t>, except keep: pid_t?) {
        for pid in pids { Foundation.kill(pid, SIGKILL) }
        for pid in pids where pid != keep { _ = waitpid(pid, nil, WNOHANG) }
    }

    /// "exit status 3", "signal 9 (Killed)".
    public static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exit status \((status >> 8) & 0xff)" }
        return "signal \(signal) (\(String(cString: strsignal(signal))))"
    }

    /// True when a wait status says the process was ended by a signal.
    static func isSignalled(_ status: Int32) -> Bool {
        let low = status & 0x7f
        return low != 0 && low != 0x7f
    }
}
