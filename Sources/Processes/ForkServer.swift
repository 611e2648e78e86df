import Console
import Foundation
import Measure
import Synchronization

/// A process that forks a child per request from a state it prepared once
/// (multiprocessing's forkserver does this): pyvs runs each block of a
/// document in its own process without starting CPython for each. The
/// server is spawned in its own process group with one end of a
/// SOCK_SEQPACKET socket pair as its fd 3 and ends when that socket closes.
/// A request is one message: the job's bytes, with the three pipe ends the
/// child writes (stdout, stderr, report) passed along as SCM_RIGHTS. The
/// server forks twice, so the child is re-parented to pyvs (a subreaper,
/// see `Supervisor.commandLine`) and supervised like any other child; its
/// answer is the child's pid.
public final class ForkServer: Sendable {
    /// Most of a forked block's report line kept (the supervisor's report, or the harness's reply).
    public static let reportCaptureBytes = 1 << 20

    public let pid: pid_t
    private let socket: Int32
    /// Held while talking to the server; true once it is stopped.
    private let lock = Mutex<Bool>(false)
    private let supervisor: Supervisor
    /// The server's first message, when it was started to send one.
    public let greeting: Data?

    /// Starts the server, registered with `supervisor`. With `greeted`, the
    /// server's first message is read (within `greetingTimeout` seconds)
    /// before any job: a server that ends or says nothing by then is
    /// stopped, and this throws.
    public init(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                supervisor: Supervisor, greeted: Bool = false, greetingTimeout: Double = 60) throws(ProcessError) {
        var pair: [Int32] = [-1, -1]
        // Close-on-exec from the start, as a pipe's ends are (dup2 to fd 3 clears it there).
        guard socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw ProcessError("socketpair", code: errno)
        }
        let pid: pid_t
        do {
            pid = try spawnInOwnGroup(arguments, environment: environment) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_adddup2(&actions, pair[1], 3)
            }
        } catch {
            close(pair[1])
            close(pair[0])
            throw error
        }
        close(pair[1])
        supervisor.track(pid)
        var greeting: Data?
        if greeted {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let got = Pipe.waitReadable(pair[0], seconds: greetingTimeout) ? FileIO.receiveOnce(pair[0], into: &buffer) : -1
            guard got > 0 else {
                close(pair[0])
                Reaper.stop(pid, grace: 2)
                supervisor.untrack(pid)
                throw ProcessError(got == 0 ? "the fork server ended before it was ready" : "the fork server was not ready within \(Int(greetingTimeout)) s")
            }
            greeting = Data(buffer[0..<got])
        }
        self.pid = pid
        socket = pair[0]
        self.supervisor = supervisor
        self.greeting = greeting
    }

    /// Asks for a child running `job` with `fds` as its stdout, stderr and
    /// report pipe; returns its pid, or nil when the server is gone or says
    /// nothing within `timeout` seconds.
    public func fork(_ job: Data, fds: [Int32], timeout: Double = 30) -> pid_t? {
        lock.withLock { stopped in
            guard !stopped, send(job, fds: fds) else { return nil }
            guard Pipe.waitReadable(socket, seconds: timeout) else { return nil }
            var buffer = [UInt8](repeating: 0, count: 256)
            let got = FileIO.receiveOnce(socket, into: &buffer)
            guard got > 0, let text = String(bytes: buffer[0..<got], encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return nil }
            return pid
        }
    }

    /// One message with the descriptors attached (cmsg laid out by hand:
    /// CMSG_* are macros Swift cannot call).
    private func send(_ job: Data, fds: [Int32]) -> Bool {
        let header = MemoryLayout<cmsghdr>.size  // already aligned to 8
        let payload = fds.count * MemoryLayout<Int32>.size
        let space = header + (payload + 7) & ~7
        var control = [UInt8](repeating: 0, count: space)
        var bytes = [UInt8](job)
        return bytes.withUnsafeMutableBytes { body in
            control.withUnsafeMutableBytes { raw in
                let cmsg = raw.baseAddress!.assumingMemoryBound(to: cmsghdr.self)
                cmsg.pointee.cmsg_len = header + payload
                cmsg.pointee.cmsg_level = SOL_SOCKET
                cmsg.pointee.cmsg_type = Int32(SCM_RIGHTS)
                let slots = (raw.baseAddress! + header).assumingMemoryBound(to: Int32.self)
                for (index, fd) in fds.enumerated() { slots[index] = fd }
                var vector = iovec(iov_base: body.baseAddress, iov_len: body.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var message = msghdr()
                    message.msg_iov = vectorPointer
                    message.msg_iovlen = 1
                    message.msg_control = raw.baseAddress
                    message.msg_controllen = space
                    while true {
                        let sent = sendmsg(socket, &message, Int32(MSG_NOSIGNAL))
                        if sent < 0 && errno == EINTR { continue }
                        return sent == body.count
                    }
                }
            }
        }
    }

    /// Closes the socket (the server's cue to end), then stops it as every
    /// child is stopped (`Reaper.stop`: a grace, then SIGKILL, reaped). A
    /// second call does nothing.
    public func stop() {
        lock.withLock { stopped in
            guard !stopped else { return }
            stopped = true
            close(socket)
            Reaper.stop(pid, grace: 2)
            supervisor.untrack(pid)
        }
    }
}
