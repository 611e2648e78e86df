import Foundation
import Synchronization

/// Whether pyvs was interrupted, and by which signal. Handed to everything
/// that runs children (the runner, the snippet runner, the claim checker),
/// which stop starting new ones once it is set.
public final class Interruption: Sendable {
    private let received = Mutex<Int32?>(nil)

    public init() {}

    /// The signal that interrupted pyvs (SIGINT or SIGTERM), if one did.
    public var signal: Int32? { received.withLock { $0 } }

    /// Notes `signal`; true when it is the first.
    @discardableResult
    public func note(_ signal: Int32) -> Bool {
        received.withLock { current in
            defer { current = current ?? signal }
            return current == nil
        }
    }
}

/// The children pyvs is running now, each leading its own process group:
/// killed when pyvs is interrupted, and told to the guardian (if there is
/// one) so that they die with pyvs even when it is killed with SIGKILL.
/// Every start of a child names the supervisor it is registered with.
public final class Supervisor: Sendable {
    public let interruption: Interruption
    private let guardian: Guardian?
    /// This process is a child subreaper: orphans of its children come back to it.
    let adoptsOrphans: Bool
    private let groups = Mutex(Set<pid_t>())
    /// The signal sources, kept alive for the life of the process.
    nonisolated(unsafe) private var sources: [DispatchSourceSignal] = []  // written once, from main, before any thread reads it

    /// A supervisor of its own (tests, helpers): no guardian, no adopted orphans.
    public init(interruption: Interruption = Interruption()) {
        self.interruption = interruption
        guardian = nil
        adoptsOrphans = false
    }

    private init(interruption: Interruption, guardian: Guardian?, adoptsOrphans: Bool) {
        self.interruption = interruption
        self.guardian = guardian
        self.adoptsOrphans = adoptsOrphans
    }

    /// pyvs's command line: it becomes a child subreaper (double-forked
    /// daemons come back to it and are killed) and starts its guardian
    /// (`executable __guard`).
    public static func commandLine(executable: String) -> Supervisor {
        let adopts = Subreaper.become()
        return Supervisor(interruption: Interruption(), guardian: Guardian.start(executable: executable), adoptsOrphans: adopts)
    }

    /// The processes running now that pyvs started and still owns (the
    /// guardian included): not leftovers of any measurement.
    var owned: Set<pid_t> {
        groups.withLock { $0 }.union(guardian.map { [$0.pid] } ?? [])
    }

    /// Registers a child that has just started; kills its group at once
    /// when pyvs was interrupted meanwhile (it missed the kill of the others).
    func track(_ pid: pid_t) {
        groups.withLock { _ = $0.insert(pid) }
        guardian?.watch(pid)
        if interruption.signal != nil { Reaper.killGroup(pid) }
    }

    func untrack(_ pid: pid_t) {
        groups.withLock { _ = $0.remove(pid) }
        guardian?.unwatch(pid)
    }

    /// A temporary folder pyvs removes itself; the guardian removes it if
    /// pyvs is killed first.
    public func hold(folder: String) { guardian?.hold(folder: folder) }
    public func release(folder: String) { guardian?.release(folder: folder) }

    /// A journal of rows pyvs turns into its report at the end; if pyvs is
    /// killed first, the guardian turns it into the report.
    public func hold(journal: String) { guardian?.hold(journal: journal) }
    public func release(journal: String) { guardian?.release(journal: journal) }

    /// At pyvs's exit: the guardian's stdin closes and pyvs waits for it to
    /// end (it kills what is left and removes what is held), so that nothing
    /// of pyvs — not even the guardian as a zombie — is there after it returns.
    public func finish() { guardian?.finish() }

    /// SIGKILL to every running child's group.
    public func killAll() {
        groups.withLock { for group in $0 { kill(-group, SIGKILL) } }
    }

    /// On SIGINT or SIGTERM (delivered to a dispatch source, not to a signal
    /// handler): notes it and kills the running children; `first` runs once.
    /// The command then stops, writes what it measured and cleans up. A
    /// second signal, or 10 s without an end, exits at once with 128 + signal.
    public func installSignalHandlers(first: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                let isFirst = self?.interruption.note(signalNumber) ?? false
                self?.killAll()
                guard isFirst else { exit(128 + signalNumber) }
                first(signalNumber)
                DispatchQueue.global().asyncAfter(deadline: .now() + 10) { exit(128 + signalNumber) }
            }
            source.resume()
            sources.append(source)
        }
    }
}
