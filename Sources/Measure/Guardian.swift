import Foundation
import Synchronization

/// A small process that outlives pyvs by a moment: pyvs tells it which
/// measured processes are running, and when pyvs ends, however it ends (even
/// by SIGKILL), the guardian's stdin closes and it kills their whole trees —
/// multiprocessing children and double-forked daemons included — then exits.
public final class Guardian: Sendable {
    public static let shared = Guardian()
    private let process = Mutex<BackgroundProcess?>(nil)

    /// Starts the guardian (`pyvs __guard`): once, from the command line.
    public func start(executable: String) {
        process.withLock { current in
            guard current == nil else { return }
            current = try? BackgroundProcess(arguments: [executable, "__guard"], register: false)
        }
    }

    /// The guardian's own pid (not a leftover of any measurement).
    public var pid: pid_t? { process.withLock { $0?.pid } }

    func watch(_ pid: pid_t) { send("+\(pid)\n") }
    func unwatch(_ pid: pid_t) { send("-\(pid)\n") }

    private func send(_ line: String) {
        process.withLock { $0?.write(line) }
    }

    /// The guardian's side: reads `+PID` and `-PID` lines until its stdin
    /// closes, then kills the trees of the processes still registered.
    public static func main() -> Int32 {
        var watched = Set<pid_t>()
        var pending = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = read(0, &chunk, chunk.count)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            pending.append(contentsOf: chunk[0..<got])
            while let newline = pending.firstIndex(of: 0x0a) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                guard let pid = pid_t(line.dropFirst()) else { continue }
                if line.hasPrefix("+") { watched.insert(pid) } else { watched.remove(pid) }
            }
        }
        guard !watched.isEmpty else { return 0 }
        for pid in watched { kill(-pid, SIGKILL) }
        ProcessTree.kill(watched)
        return 0
    }
}
