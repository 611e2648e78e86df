import Console
import Foundation
import Processes

/// Native worker processes: `count` forked children, child k computing
/// `work(k)` and sending its 16-byte answer up a pipe.
public enum ForkedWorkers {
    /// The children's answers, in order. `work` runs in a child forked from a
    /// threaded process: it must do plain arithmetic only (no allocation, no
    /// locks) — a lock another thread held at the fork stays locked there.
    public static func run(count: Int, _ work: (Int) -> UInt128) throws -> [UInt128] {
        try stream(count: count, produce: { index, fd in
            var value = work(index)
            return withUnsafeBytes(of: &value) { FileIO.writeAll(fd, $0) } == 16
        }, consume: { index, fd in
            var value: UInt128 = 0
            guard withUnsafeMutableBytes(of: &value, { FileIO.readFully(fd, $0) }) == 16 else {
                throw ProcessError("reading worker \(index)'s answer", code: EIO)
            }
            return value
        })
    }
}
