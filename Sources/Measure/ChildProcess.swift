import Console
import CProcess
import Foundation
import Synchronization

/// What one child process did: how it ended, what it used, what it said.
public struct ChildOutcome: Sendable {
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut(afterSeconds: Double)
        case memoryExceeded(limitBytes: Int)
        /// More processes at once than `maxProcesses`: the tree was killed.
        case processLimit(Int)
        case failedToStart(String)
    }

    public var ending: Ending
    /// Wall seconds from spawn to exit, as seen by the parent.
    public var processWallSeconds: Double = 0
    /// From wait4: the child plus every child it waited for.
    public var userSeconds: Double = 0
    public var systemSeconds: Double = 0
    /// The child's own peak resident memory: its VmHWM as last sampled, or
    /// (when it ended before a sample) wait4's maxrss, which exec carries
    /// over from the spawning process and so is never below pyvs's own peak.
    public var maxRSSBytes: Int = 0
    public var voluntarySwitches: Int = 0
    public var involuntarySwitches: Int = 0
    /// Peak of the summed resident memory of the child and its descendants.
    public var treePeakRSSBytes: Int = 0
    public var treePeakProcesses: Int = 0
    /// What the child wrote on its report pipe (fd 3), stdout and stderr.
    public var report = Data()
    public var stdout = Data()
    public var stderr = Data()
    public var stdoutTruncated = false
    public var stderrTruncated = false
    /// Descendants still alive when the child exited (killed then).
    public var leftoverProcesses = 0

    public init(ending: Ending) { self.ending = ending }
}

/// Runs a command as a child in its own process group, with a private report
/// pipe on fd 3, stdout and stderr captured up to a cap, a wall-clock timeout,
/// a memory ceiling and a process cap for its whole tree of descendants
/// (found by parent PID, so a descendant that leaves the group with setsid
/// still counts). Whatever happens, the tree is killed before `run` returns,
/// so no process is left behind.
///
/// In a process that is a child subreaper (pyvs, see `adoptOrphans`),
/// descendants orphaned by a double fork come back to it and are killed too.
public struct ChildProcess {
    public var arguments: [String]
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    public var timeout: Double = 60
    public var memoryLimitBytes: Int = Int.max
    /// Most processes the tree may have at once (RLIMIT_NPROC does not bind root).
    public var maxProcesses: Int = Int.max
    public var captureLimitBytes: Int = 1 << 20
    public var sampleInterval: Double = 0.02
    /// Bytes written to the child's stdin (then closed); nil gives /dev/null.
    public var input: Data?
    /// Called with each complete line the child writes on its report pipe,
    /// while it runs; a returned number restarts the timeout with that many
    /// seconds (a child running several steps, each with its own timeout).
    public var onReportLine: ((Substring) -> Double?)?

    public init(arguments: [String]) { self.arguments = arguments }

    /// Makes this process a child subreaper: orphaned descendants of its
    /// children are re-parented here, where `run` finds and kills them. Only
    /// for a process that runs one child at a time (the pyvs command line).
    public static func adoptOrphans() {
        guard pyvs_become_subreaper() == 0 else { return }
        adopting.store(true, ordering: .relaxed)
    }

    private static let adopting = Atomic<Bool>(false)

    public func run() -> ChildOutcome {
        var reportPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1], inPipe: [Int32] = [-1, -1]
        guard makePipe(&reportPipe), makePipe(&outPipe), makePipe(&errPipe), input == nil || makePipe(&inPipe) else {
            return ChildOutcome(ending: .failedToStart("pipe: \(String(cString: strerror(errno)))"))
        }
        let start = Clock.now()
        let spawned: pid_t
        do {
            spawned = try spawnInOwnGroup(arguments, environment: environment, resetSignals: true) { actions in
                if input != nil {
                    posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
                } else {
                    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                }
                posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
                posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
                posix_spawn_file_actions_adddup2(&actions, reportPipe[1], 3)
            }
        } catch {
            for fd in reportPipe + outPipe + errPipe + inPipe where fd >= 0 { close(fd) }
            return ChildOutcome(ending: .failedToStart(error.description))
        }
        for fd in [reportPipe[1], outPipe[1], errPipe[1], inPipe[0]] where fd >= 0 { close(fd) }
        if let input, inPipe[1] >= 0 { writeInput(input, to: inPipe[1]) }
        return supervise(started: spawned, at: start, report: reportPipe[0], out: outPipe[0], err: errPipe[0])
    }

    /// Runs a child that `server` forks for `job` (instead of spawning
    /// `arguments`), supervised as `run` supervises: timeout, memory and
    /// process limits, output capture, rusage, leftovers.
    public func run(forkedBy server: ForkServer, job: Data) -> ChildOutcome {
        var reportPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard makePipe(&reportPipe), makePipe(&outPipe), makePipe(&errPipe) else {
            return ChildOutcome(ending: .failedToStart("pipe: \(String(cString: strerror(errno)))"))
        }
        let start = Clock.now()
        let pid = server.fork(job, fds: [outPipe[1], errPipe[1], reportPipe[1]])
        for fd in [reportPipe[1], outPipe[1], errPipe[1]] { close(fd) }
        guard let pid else {
            for fd in [reportPipe[0], outPipe[0], errPipe[0]] { close(fd) }
            return ChildOutcome(ending: .failedToStart("the fork server did not start the child"))
        }
        return supervise(started: pid, at: start, report: reportPipe[0], out: outPipe[0], err: errPipe[0])
    }

    /// A child that has just started, however it was started: registered
    /// for Ctrl-C and the guardian while it runs, killed at once if pyvs was
    /// interrupted while it started (it missed the kill of the others), then
    /// supervised.
    private func supervise(started pid: pid_t, at start: Double, report: Int32, out: Int32, err: Int32) -> ChildOutcome {
        ActiveChildren.shared.add(pid)
        defer { ActiveChildren.shared.remove(pid) }
        if ActiveChildren.shared.interruption != nil { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        return supervise(pid: pid, start: start, report: report, out: out, err: err)
    }

    /// A pipe whose ends are closed on exec (dup2 into the child clears that).
    private func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private func writeInput(_ input: Data, to fd: Int32) {
        // Written from a helper thread so a child that never reads cannot block us.
        Thread.detachNewThread {
            FileIO.writeAll(fd, input)
            close(fd)
        }
    }

    private func supervise(pid: pid_t, start: Double, report: Int32, out: Int32, err: Int32) -> ChildOutcome {
        var outcome = ChildOutcome(ending: .exited(0))
        var streams: [(fd: Int32, open: Bool)] = [(report, true), (out, true), (err, true)]
        var buffers = [Data(), Data(), Data()]
        var truncated = [false, false, false]
        var exited = false
        var forced: ChildOutcome.Ending?
        var lastSample = 0.0
        var sampledPeak = 0
        var drainDeadline = 0.0
        var deadline = start + timeout
        var limit = timeout
        var seen: Set<pid_t> = [pid]
        /// Descendants still alive: those seen, the child's process group, and
        /// orphans re-parented here.
        func remaining() -> Set<pid_t> {
            var owned: Set<pid_t>?
            if Self.adopting.load(ordering: .relaxed) {
                owned = ActiveChildren.shared.owned.union(Guardian.shared.pid.map { [$0] } ?? [])
            }
            return ProcessTree.leftovers(seen: seen.subtracting([pid]), group: pid, adoptedExcept: owned)
        }
        func killTree() {
            kill(-pid, SIGKILL)
            ProcessTree.kill(seen.union([pid]), keep: pid)
        }
        var linesSeen = 0
        var chunk = [UInt8](repeating: 0, count: 65536)

        while true {
            var pollSet = streams.map { pollfd(fd: $0.open ? $0.fd : -1, events: Int16(POLLIN), revents: 0) }
            _ = poll(&pollSet, nfds_t(pollSet.count), exited ? 20 : Int32(sampleInterval * 1000))
            for index in streams.indices where streams[index].open && pollSet[index].revents != 0 {
                let got = read(streams[index].fd, &chunk, chunk.count)
                if got > 0 {
                    let room = (index == 0 ? 64 << 20 : captureLimitBytes) - buffers[index].count
                    if room > 0 { buffers[index].append(contentsOf: chunk[0..<min(got, room)]) }
                    if got > room { truncated[index] = true }
                    if index == 0, let onReportLine {
                        let lines = buffers[0].split(separator: 0x0a, omittingEmptySubsequences: false).dropLast()
                        for line in lines.dropFirst(linesSeen) {
                            if let seconds = onReportLine(Substring(decoding: line, as: UTF8.self)) {
                                deadline = Clock.now() + seconds
                                limit = seconds
                            }
                        }
                        linesSeen = lines.count
                    }
                } else if got == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(streams[index].fd)
                    streams[index].open = false
                }
            }
            let now = Clock.now()
            if !exited {
                var status: Int32 = 0
                var usage = rusage()
                let waited = wait4(pid, &status, WNOHANG, &usage)
                if waited < 0 && errno == ECHILD {
                    // Reaped elsewhere (it cannot be, but never wait forever for it).
                    exited = true
                    outcome.ending = forced ?? .exited(-1)
                    drainDeadline = now + 0.5
                } else if waited == pid {
                    exited = true
                    outcome.processWallSeconds = now - start
                    outcome.userSeconds = Clock.seconds(usage.ru_utime)
                    outcome.systemSeconds = Clock.seconds(usage.ru_stime)
                    if sampledPeak == 0 { outcome.maxRSSBytes = Int(usage.ru_maxrss) * 1024 }
                    outcome.voluntarySwitches = Int(usage.ru_nvcsw)
                    outcome.involuntarySwitches = Int(usage.ru_nivcsw)
                    outcome.ending = forced ?? (waitIsSignalled(status) ? .signalled(status & 0x7f) : .exited((status >> 8) & 0xff))
                    // What it left running (descendants seen, orphans
                    // re-parented here) gets as long as the pipes to end by
                    // itself (a resource tracker does); what is still there
                    // then was left behind, and is killed below.
                    drainDeadline = now + 0.5
                } else if now - lastSample >= sampleInterval {
                    lastSample = now
                    let sample = ProcessTree.sample(root: pid)
                    seen.formUnion(sample.pids)
                    sampledPeak = max(sampledPeak, ProcessMemory.current(of: pid).peakResident)
                    outcome.maxRSSBytes = sampledPeak
                    if sample.rssBytes > outcome.treePeakRSSBytes {
                        outcome.treePeakRSSBytes = sample.rssBytes
                        outcome.treePeakProcesses = sample.pids.count
                    }
                    if forced == nil && sample.rssBytes > memoryLimitBytes {
                        forced = .memoryExceeded(limitBytes: memoryLimitBytes)
                        killTree()
                    } else if forced == nil && sample.pids.count > maxProcesses {
                        forced = .processLimit(maxProcesses)
                        killTree()
                    }
                }
                if forced == nil && now > deadline {
                    forced = .timedOut(afterSeconds: limit)
                    killTree()
                }
            }
            if exited && ((streams.allSatisfy { !$0.open } && remaining().isEmpty) || now > drainDeadline) { break }
        }
        for stream in streams where stream.open { close(stream.fd) }
        let leftovers = remaining()
        outcome.leftoverProcesses = leftovers.count
        reapGroup(pid)
        ProcessTree.kill(leftovers.union(seen.subtracting([pid])))
        outcome.report = buffers[0]
        outcome.stdout = buffers[1]
        outcome.stderr = buffers[2]
        outcome.stdoutTruncated = truncated[1]
        outcome.stderrTruncated = truncated[2]
        outcome.treePeakRSSBytes = max(outcome.treePeakRSSBytes, outcome.maxRSSBytes)
        return outcome
    }

    /// Kills whatever is left of the group and waits until it is gone.
    private func reapGroup(_ group: pid_t) {
        for _ in 0..<100 {
            while waitpid(-group, nil, WNOHANG) > 0 {}  // members that are our children (adopted orphans)
            if kill(-group, SIGKILL) != 0 { return }  // ESRCH: no process left in the group
            usleep(10_000)
        }
    }

    private func waitIsSignalled(_ status: Int32) -> Bool {
        let low = status & 0x7f
        return low != 0 && low != 0x7f
    }
}

