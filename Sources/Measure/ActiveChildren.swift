import Console
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

    /// The children running now (each leads its own process group).
    public var owned: Set<pid_t> { groups.withLock { $0 } }

    func add(_ pid: pid_t) {
        groups.withLock { _ = $0.insert(pid) }
        Guardian.shared.watch(pid)
    }

    func remove(_ pid: pid_t) {
        groups.withLock { _ = $0.remove(pid) }
        Guardian.shared.unwatch(pid)
    }

    public func killAll() {
        groups.withLock { for group in $0 { kill(-group, SIGKILL) } }
    }

    /// The signal that interrupted pyvs (SIGINT or SIGTERM), if one did.
    public var interruption: Int32? { interrupted.withLock { $0 } }
    private let interrupted = Mutex<Int32?>(nil)

    /// On SIGINT or SIGTERM (delivered to a dispatch source, not to a signal
    /// handler): note it and kill the running measurements. The command then
    /// stops, writes what it measured and cleans up, exiting 130 / 143. A
    /// second signal, or 10 s without an end, exits at once.
    public func installSignalHandlers() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                let first = self?.interrupted.withLock { current -> Bool in
                    defer { current = current ?? signalNumber }
                    return current == nil
                } ?? false
                self?.killAll()
                guard first else { exit(128 + signalNumber) }
                Output.stderr("pyvs: interrupted; stopping and writing what was measured\n")
                DispatchQueue.global().asyncAfter(deadline: .now() + 10) { exit(128 + signalNumber) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
