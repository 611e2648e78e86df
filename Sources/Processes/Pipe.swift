import CProcess
import Foundation
import Measure

/// A pipe whose two ends are closed on exec (a dup2 into a child clears that).
struct Pipe {
    let read: Int32
    let write: Int32

    static func make() throws(ProcessError) -> Pipe {
        var fds: [Int32] = [-1, -1]
        // Close-on-exec from the start: set after pipe(), a child that another
        // thread spawned in between would inherit the write end, and the reader
        // here would wait for an end of file until that child ended.
        guard pyvs_pipe_cloexec(&fds) == 0 else { throw ProcessError("pipe2", code: errno) }
        return Pipe(read: fds[0], write: fds[1])
    }

    func closeBoth() {
        close(read)
        close(write)
    }

    /// True when `fd` has something to read (or its end) within `seconds`.
    static func waitReadable(_ fd: Int32, seconds: Double) -> Bool {
        let deadline = Clock.now() + seconds
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let left = deadline - Clock.now()
            guard left > 0 else { return false }
            let ready = poll(&poller, 1, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }
}
