import Console
import Foundation

/// A long-lived child (a server a scenario talks to), in its own process
/// group, with a pipe on its stdin and its stdout. The child is expected to
/// end when its stdin closes, which happens when `stop` is called or when
/// pyvs itself dies, however it dies: it never outlives pyvs.
public final class BackgroundProcess: @unchecked Sendable {  // unchecked: used from the thread that started it
    public let pid: pid_t
    private var stdinFD: Int32
    private let stdoutFD: Int32
    private var buffered = Data()
    private var stopped = false

    private let registered: Bool

    /// `register`: killed with the measured processes on Ctrl-C, and watched
    /// by the guardian (false for the guardian itself).
    public init(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                register: Bool = true) throws {
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else {
            throw BackgroundProcessError(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        do {
            pid = try spawnInOwnGroup(arguments, environment: environment) { actions in
                posix_spawn_file_actions_adddup2(&actions, input[0], 0)
                posix_spawn_file_actions_adddup2(&actions, output[1], 1)
            }
        } catch {
            close(input[0])
            close(output[1])
            close(input[1])
            close(output[0])
            throw BackgroundProcessError(description: error.description)
        }
        close(input[0])
        close(output[1])
        self.pid = pid
        stdinFD = input[1]
        stdoutFD = output[0]
        registered = register
        if register { ActiveChildren.shared.add(pid) }
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
            if let newline = buffered.firstIndex(of: 0x0a) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered.removeSubrange(buffered.startIndex...newline)
                return line
            }
            let left = deadline - Clock.now()
            guard left > 0 else { return nil }
            var poller = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            let got = read(stdoutFD, &chunk, chunk.count)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return nil }
            buffered.append(contentsOf: chunk[0..<got])
        }
    }

    /// Closes the child's stdin (its cue to end), waits up to `grace`
    /// seconds, then kills its whole group; reaps it either way.
    public func stop(grace: Double = 2) {
        guard !stopped else { return }
        stopped = true
        close(stdinFD)
        let deadline = Clock.now() + grace
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Clock.now() > deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)  // anything it left in its group
        close(stdoutFD)
        if registered { ActiveChildren.shared.remove(pid) }
    }

    deinit { stop() }
}

public struct BackgroundProcessError: Error, CustomStringConvertible {
    public let description: String
}
