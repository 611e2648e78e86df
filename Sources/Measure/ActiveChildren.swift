import Foundation
import Synchronization

/// The process groups currently running, so that an interrupted pyvs kills
/// them before it exits (they are in their own groups: the terminal's Ctrl-C
/// does not reach them).
public final class ActiveChildren: Sendable {
    public static let shared = ActiveChildren()
    private let groups = Mutex(Set<pid_t>())
    /// The signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private var sources: [DispatchSourceSignal] = []  // written once, from main, before any thread reads it

    func add(_ pid: pid_t) { groups.withLock { _ = $0.insert(pid) } }
    func remove(_ pid: pid_t) { groups.withLock { _ = $0.remove(pid) } }

    public func killAll() {
        groups.withLock { for group in $0 { kill(-group, SIGKILL) } }
    }

    /// On SIGINT or SIGTERM: kill every running group, then exit 130 / 143.
    public func installSignalHandlers() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                self?.killAll()
                FileHandle.standardError.write("pyvs: interrupted; stopped the running measurement\n".data(using: .utf8)!)
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
