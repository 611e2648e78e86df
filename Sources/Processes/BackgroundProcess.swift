import Console
import Foundation
import Measure

/// A long-lived child (a server a scenario talks to), in its own process
/// group, with a pipe on its stdin and its stdout. The child is expected to
/// end when its stdin closes, which happens when `stop` is called or when
/// pyvs itself dies, however it dies: it never outlives pyvs.
public final class BackgroundProcess: @unchecked Sendable {  // unchecked: used from the thread that started it
    public let pid: pid_t
    private var stdinFD: Int32
    private let stdoutFD: Int32
    private var lines = LineBuffer()
    private var stopped = false
    private let supervisor: Supervisor?

    /// `supervisor`: the one it is registered with (killed with the other
    /// children on Ctrl-C, told to the guardian); nil only for the guardian itself.
    public init(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                supervisor: Supervisor?) throws(ProcessError) {
        let input = try Pipe.make(), output = try Pipe.make()
        let pid: pid_t
        do {
            pid = try spawnInOwnGroup(arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, input.read, 0)
                posix_spawn_file_actions_adddup2(&actions, output.write, 1)
            }
        } catch {
            input.closeBoth(); output.closeBoth()
            throw error
        }
        close(input.read)
        close(output.write)
        self.pid = pid
        stdinFD = input.write
        stdoutFD = output.read
        self.supervisor = supervisor
        supervisor?.track(pid)
    }

    /// Writes to the child's stdin (a line of a protocol); a closed pipe is ignored.
    public func write(_ text: String) {
        guard !stopped else { return }
        FileIO.writeAll(stdinFD, Data(text.utf8))
    }

    /// The next line the child writes on stdout, or nil after `timeout` seconds or at its end.
    public func readLine(timeout: Double) -> String? {
        let deadline = Clock.now() + timeout
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let line = lines.nextLine() { return line }
            let left = deadline - Clock.now()
            guard left > 0, Pipe.waitReadable(stdoutFD, seconds: left) else { return nil }
            let got = FileIO.readOnce(stdoutFD, into: &chunk)
            guard got > 0 else { return nil }
            lines.append(chunk[0..<got])
        }
    }

    /// Closes the child's stdin (its cue to end), then stops it as every
    /// child is stopped (`Reaper.stop`: a grace, then SIGKILL, reaped).
    public func stop(grace: Double = 2) {
        guard !stopped else { return }
        stopped = true
        close(stdinFD)
        Reaper.stop(pid, grace: grace)
        close(stdoutFD)
        supervisor?.untrack(pid)
    }

    deinit { stop() }
}
