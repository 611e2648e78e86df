import Console
import Foundation
import Measure

/// Native worker processes: `count` forked children, child k computing
/// `work(k)` and sending its 16-byte answer up a pipe.
public enum ForkedWorkers {
    public enum Failure: Error, CustomStringConvertible {
        case system(String, Int32)
        case childFailed(pid_t, Int32)

        public var description: String {
            switch self {
            case .system(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
            case .childFailed(let pid, let status): return "worker process \(pid) failed (wait status \(status))"
            }
        }
    }

    /// The children's answers, in order. `work` runs in a child forked from a
    /// threaded process: it must do plain arithmetic only (no allocation, no
    /// locks) — a lock another thread held at the fork stays locked there.
    public static func run(count: Int, _ work: (Int) -> UInt128) throws -> [UInt128] {
        var children: [(pid: pid_t, fd: Int32)] = []
        defer { for child in children { close(child.fd) } }
        for index in 0..<count {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure.system("pipe", errno) }
            let pid = fork()
            if pid == 0 {
                close(fds[0])
                var value = work(index)
                let written = withUnsafeBytes(of: &value) { FileIO.writeAll(fds[1], $0) }
                _exit(written == 16 ? 0 : 1)
            }
            close(fds[1])
            guard pid > 0 else { close(fds[0]); throw Failure.system("fork", errno) }
            children.append((pid, fds[0]))
        }
        var answers: [UInt128] = []
        var failure: Failure?
        for child in children {
            var value: UInt128 = 0
            let got = withUnsafeMutableBytes(of: &value) { FileIO.readFully(child.fd, $0) }
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
            if got != 16 || status != 0 { failure = failure ?? .childFailed(child.pid, status) }
            answers.append(value)
        }
        if let failure { throw failure }
        return answers
    }
}
