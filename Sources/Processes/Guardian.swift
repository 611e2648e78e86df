import Foundation

/// A small process that outlives pyvs by a moment: pyvs tells it which
/// children are running, and when pyvs ends, however it ends (even by
/// SIGKILL), the guardian's stdin closes and it kills their whole trees —
/// multiprocessing children and double-forked daemons included — then exits.
/// Owned by the command line's `Supervisor`, which tells it of every child.
public final class Guardian: Sendable {
    private let process: BackgroundProcess

    private init(process: BackgroundProcess) { self.process = process }

    /// Starts `executable __guard` (nil when it cannot be started).
    static func start(executable: String) -> Guardian? {
        (try? BackgroundProcess(arguments: [executable, "__guard"], supervisor: nil)).map(Guardian.init)
    }

    /// The guardian's own pid (not a leftover of any measurement).
    var pid: pid_t { process.pid }

    func watch(_ pid: pid_t) { process.write("+\(pid)\n") }
    func unwatch(_ pid: pid_t) { process.write("-\(pid)\n") }

    /// The guardian's side: reads `+PID` and `-PID` lines from `input` until
    /// it closes, then kills the trees of the processes still registered.
    /// Returns the pids it killed.
    @discardableResult
    public static func serve(input: Int32 = 0) -> Set<pid_t> {
        var watched = Set<pid_t>()
        var lines = LineBuffer()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = read(input, &chunk, chunk.count)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            lines.append(chunk[0..<got])
            for line in lines.completeLines() {
                guard let pid = pid_t(line.dropFirst()), pid > 0 else { continue }
                if line.hasPrefix("+") { watched.insert(pid) } else if line.hasPrefix("-") { watched.remove(pid) }
            }
        }
        for pid in watched { kill(-pid, SIGKILL) }
        ProcessTree.kill(watched)
        return watched
    }
}
