import Console
import Foundation
import Measure

extension ForkedWorkers {
    /// `count` forked children, child k writing what `produce(k, fd)` sends
    /// on its pipe; the parent hands each pipe's read end to `consume(k, fd)`
    /// in order, then reaps the children. `produce` runs in a child forked
    /// from a threaded process: plain arithmetic and write(2) only, into
    /// memory allocated before the fork.
    public static func stream<T>(count: Int, produce: (Int, Int32) -> Bool, consume: (Int, Int32) throws -> T) throws -> [T] {
        var children: [(pid: pid_t, fd: Int32)] = []
        defer { for child in children { close(child.fd) } }
        for index in 0..<count {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure.system("pipe", errno) }
            let pid = fork()
            if pid == 0 {
                close(fds[0])
                _exit(produce(index, fds[1]) ? 0 : 1)
            }
            close(fds[1])
            guard pid > 0 else { close(fds[0]); throw Failure.system("fork", errno) }
            children.append((pid, fds[0]))
        }
        var results: [T] = []
        var failure: Error?
        for (index, child) in children.enumerated() {
            do { results.append(try consume(index, child.fd)) } catch { failure = failure ?? error }
            var status: Int32 = 0
            while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
            if status != 0 { failure = failure ?? Failure.childFailed(child.pid, status) }
        }
        if let failure { throw failure }
        return results
    }
}
