import Console
import Foundation
import Processes

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
            guard pipe(&fds) == 0 else { throw ProcessError("pipe", code: errno) }
            let pid: pid_t
            do {
                pid = try Fork.child {
                    close(fds[0])
                    return produce(index, fds[1]) ? 0 : 1
                }
            } catch {
                close(fds[0]); close(fds[1])
                throw error
            }
            close(fds[1])
            children.append((pid, fds[0]))
        }
        var results: [T] = []
        var failure: Error?
        for (index, child) in children.enumerated() {
            do { results.append(try consume(index, child.fd)) } catch { failure = failure ?? error }
            do { try Reaper.waitForSuccess(child.pid, "worker process") } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
        return results
    }
}
