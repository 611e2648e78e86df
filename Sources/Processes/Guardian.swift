import Console
import Foundation

/// A small process that outlives pyvs by a moment: pyvs tells it which
/// children are running, which temporary folders it holds and which
/// journals it is writing, and when pyvs ends, however it ends (even by
/// SIGKILL), the guardian's stdin closes and it kills their whole trees —
/// multiprocessing children and double-forked daemons included — removes
/// the folders, hands each journal still there to `finish` (which writes
/// the report pyvs could not), then exits. Owned by the command line's
/// `Supervisor`, which tells it of every child and waits for it at exit.
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
    func hold(folder: String) { process.write("d\(folder)\n") }
    func release(folder: String) { process.write("D\(folder)\n") }
    func hold(journal: String) { process.write("j\(journal)\n") }
    func release(journal: String) { process.write("J\(journal)\n") }

    /// Closes the guardian's stdin (pyvs is ending) and waits for it to do
    /// its work and exit.
    func finish() { process.stop(grace: 10) }

    /// The guardian's side: reads `+PID`/`-PID`, `dFOLDER`/`DFOLDER` and
    /// `jJOURNAL`/`JJOURNAL` lines from `input` until it closes, then kills
    /// the trees of the processes still registered, removes the folders and
    /// hands each journal that still exists to `finish`. Returns the pids it killed.
    @discardableResult
    public static func serve(input: Int32 = 0, finish: (String) -> Void = { _ in }) -> Set<pid_t> {
        var watched = Set<pid_t>()
        var folders = Set<String>(), journals = Set<String>()
        var lines = LineBuffer()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = FileIO.readOnce(input, into: &chunk)
            if got <= 0 { break }
            lines.append(chunk[0..<got])
            for line in lines.completeLines() {
                let rest = String(line.dropFirst())
                switch line.first {
                case "d": folders.insert(rest)
                case "D": folders.remove(rest)
                case "j": journals.insert(rest)
                case "J": journals.remove(rest)
                default:
                    guard let pid = pid_t(rest), pid > 0 else { continue }
                    if line.hasPrefix("+") { watched.insert(pid) } else if line.hasPrefix("-") { watched.remove(pid) }
                }
            }
        }
        for pid in watched { kill(-pid, SIGKILL) }
        ProcessTree.kill(watched)
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
        for journal in journals where FileManager.default.fileExists(atPath: journal) { finish(journal) }
        return watched
    }
}
