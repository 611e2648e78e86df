import CProcess
import Console
import Contract
import Foundation
import Measure

/// What one child process did: how it ended, what it used, what it said.
public struct ChildOutcome: Sendable {
    public typealias Ending = ProcessEnding

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
    /// Peak of the summed resident memory of the child and its descendants
    /// (pages shared after fork counted once per process).
    public var treePeakRSSBytes: Int = 0
    public var treePeakProcesses: Int = 0
    /// Peak of the tree's summed proportional set size (each shared page
    /// counted once over the tree: what the machine spent), read (when
    /// `readsTreePSS`) as the summed RSS reaches new highs; nil when it was
    /// never read.
    public var treePeakPSSBytes: Int?
    /// The summed RSS at the last PSS reading; nil when none was taken.
    public var pssReadAtRSSBytes: Int?
    /// CPU seconds pyvs's own process used while the child ran, from its
    /// start to its end (sampling /proc, reading pipes): the observer's cost.
    public var observerCPUSeconds: Double = 0
    /// The whole machine's CPU over the child's life (/proc/stat): less the
    /// child's and the observer's own, what other programs used.
    public var machineCPU = MachineCPU(busySeconds: 0, stealSeconds: 0)
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
/// Under a supervisor whose process is a child subreaper (pyvs's command
/// line), descendants orphaned by a double fork come back to it and are
/// killed too.
public struct ChildProcess {
    public enum Stream: Sendable { case report, stdout, stderr }

    /// The watch's rules, named once (the sandboxed server's watch,
    /// pyvs_py/snippet/watch.py, follows the same ones).
    public enum Rules {
        /// Most of the report pipe kept: a worker's reply, or a session's events.
        public static let reportCaptureBytes = 64 << 20
        /// How often an ended child's pipes are polled while they drain.
        public static let drainPollSeconds = 0.02
        /// What an ended child left running (and its pipes) get to end by themselves.
        public static let drainSeconds = 0.5
        /// A sample is due this close to its interval (a poll may wake a hair early).
        public static let sampleDueFraction = 0.999
        /// Growth that makes a sample not quiet: this fraction more memory than before.
        public static let growthFraction = 0.01
        /// The PSS is read again past a new high of the summed RSS by this
        /// fraction while the tree grows, or by the smaller one once it is quiet.
        public static let pssRiseFraction = 0.10
        public static let pssSettledFraction = 0.02
        /// The first PSS reading waits at most this long; later ones, this long while the tree grows.
        public static let firstPSSSeconds = 0.15
        public static let pssEverySeconds = 0.25
    }

    public var arguments: [String]
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    public var timeout: Double = 60
    public var memoryLimitBytes: Int = Int.max
    /// Most processes the tree may have at once (RLIMIT_NPROC does not bind root).
    public var maxProcesses: Int = Int.max
    public var captureLimitBytes: Int = 1 << 20
    /// How often the tree is looked at; while it does not grow, the looks
    /// space out up to `quietSampleInterval`.
    public var sampleInterval: Double = 0.02
    public var quietSampleInterval: Double = 0.2
    /// Whether the tree's proportional set size is read (`treePeakPSSBytes`):
    /// a page-table walk per process, 0.3-1 ms each, for the runs whose
    /// reports show it.
    public var readsTreePSS = false
    /// The summed RSS at which an earlier run of the same work last read the
    /// tree's PSS: this run reads it only once its tree goes past that (by
    /// 2 %, or by 10 % while it grows), so the runs after the first do not
    /// pay for the walk, nor take it from the work they measure.
    public var pssKnownUpToRSSBytes = 0
    /// Bytes written to the child's stdin (then closed); nil gives /dev/null.
    public var input: Data?
    /// Called with each complete line the child writes on its report pipe,
    /// while it runs; a returned number restarts the timeout with that many
    /// seconds (a child running several steps, each with its own timeout).
    public var onReportLine: ((String) -> Double?)?
    /// Called with each chunk of stdout and stderr as it arrives (to show a
    /// long command's progress); the chunks are captured as well.
    public var onOutput: ((Stream, ArraySlice<UInt8>) -> Void)?

    public init(arguments: [String]) { self.arguments = arguments }

    /// Spawns `arguments` registered with `supervisor`, and supervises it.
    public func run(in supervisor: Supervisor) -> ChildOutcome {
        let pipes: (report: Pipe, out: Pipe, err: Pipe, input: Pipe?)
        do {
            pipes = (try Pipe.make(), try Pipe.make(), try Pipe.make(), input == nil ? nil : try Pipe.make())
        } catch {
            return ChildOutcome(ending: .failedToStart(error.description))
        }
        let start = Clock.now()
        let spawned: pid_t
        do {
            spawned = try spawnInOwnGroup(arguments, environment: environment, resetSignals: true) { actions in
                if let input = pipes.input {
                    posix_spawn_file_actions_adddup2(&actions, input.read, 0)
                } else {
                    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                }
                posix_spawn_file_actions_adddup2(&actions, pipes.out.write, 1)
                posix_spawn_file_actions_adddup2(&actions, pipes.err.write, 2)
                posix_spawn_file_actions_adddup2(&actions, pipes.report.write, 3)
            }
        } catch {
            for pipe in [pipes.report, pipes.out, pipes.err] + (pipes.input.map { [$0] } ?? []) { pipe.closeBoth() }
            return ChildOutcome(ending: .failedToStart(error.description))
        }
        for fd in [pipes.report.write, pipes.out.write, pipes.err.write] { close(fd) }
        if let input, let pipe = pipes.input {
            close(pipe.read)
            writeInput(input, to: pipe.write)
        }
        return supervise(pid: spawned, start: start, in: supervisor,
                         report: pipes.report.read, out: pipes.out.read, err: pipes.err.read)
    }

    /// Runs a child that `server` forks for `job` (instead of spawning
    /// `arguments`), supervised as `run` supervises: timeout, memory and
    /// process limits, output capture, rusage, leftovers.
    public func run(forkedBy server: ForkServer, job: Data, in supervisor: Supervisor) -> ChildOutcome {
        let pipes: (report: Pipe, out: Pipe, err: Pipe)
        do { pipes = (try Pipe.make(), try Pipe.make(), try Pipe.make()) } catch {
            return ChildOutcome(ending: .failedToStart(error.description))
        }
        let start = Clock.now()
        let pid = server.fork(job, fds: [pipes.out.write, pipes.err.write, pipes.report.write])
        for fd in [pipes.report.write, pipes.out.write, pipes.err.write] { close(fd) }
        guard let pid else {
            for fd in [pipes.report.read, pipes.out.read, pipes.err.read] { close(fd) }
            return ChildOutcome(ending: .failedToStart("the fork server did not start the child"))
        }
        return supervise(pid: pid, start: start, in: supervisor, report: pipes.report.read, out: pipes.out.read, err: pipes.err.read)
    }

    private func writeInput(_ input: Data, to fd: Int32) {
        // Written from a helper thread so a child that never reads cannot block us.
        Thread.detachNewThread {
            FileIO.writeAll(fd, input)
            close(fd)
        }
    }

    /// A child that has just started, however it was started: registered
    /// with the supervisor (Ctrl-C, the guardian) while it runs — killed at
    /// once if pyvs was interrupted while it started — then watched until
    /// it and everything it started are gone.
    private func supervise(pid: pid_t, start: Double, in supervisor: Supervisor,
                           report: Int32, out: Int32, err: Int32) -> ChildOutcome {
        supervisor.track(pid)
        defer { supervisor.untrack(pid) }
        let ownCPU = Clock.ownCPU(), machine = MachineCPU.now()
        var watch = Watch(child: self, pid: pid, start: start, supervisor: supervisor, report: report, out: out, err: err)
        while !watch.isOver() {
            watch.readAvailable()
            let now = Clock.now()
            if !watch.exited {
                watch.checkExit(now: now)
                if !watch.exited { watch.sampleTree(now: now) }
                watch.enforceDeadline(now: now)
            }
        }
        var outcome = watch.finish()
        let end = watch.atExit ?? (Clock.ownCPU(), MachineCPU.now())
        outcome.machineCPU = end.machine - machine
        outcome.observerCPUSeconds = end.ownCPU - ownCPU
        return outcome
    }
}

/// One captured stream of a child: what it wrote, up to a cap.
struct Capture {
    let fd: Int32
    let stream: ChildProcess.Stream
    let limit: Int
    var open = true
    var bytes = Data()
    var truncated = false

    mutating func keep(_ chunk: ArraySlice<UInt8>) {
        let room = limit - bytes.count
        if room > 0 { bytes.append(contentsOf: chunk.prefix(room)) }
        if chunk.count > room { truncated = true }
    }

    mutating func close() {
        guard open else { return }
        Foundation.close(fd)
        open = false
    }
}

/// The state of one supervised child, step by step: read what it wrote,
/// see whether it ended, sample its tree (memory, process count), enforce
/// its limits, and at the end kill and count what it left behind.
private struct Watch {
    let child: ChildProcess
    let pid: pid_t
    let start: Double
    let supervisor: Supervisor
    var captures: [Capture]
    var reportLines = LineBuffer()
    var outcome = ChildOutcome(ending: .exited(0))
    var exited = false
    /// Readable when the child has ended (a pidfd), so that its end is seen
    /// at once, not at the next sample: with its pipes closed, a poll on
    /// them alone waited out the sample interval (up to 0.2 s a run).
    let ended: Int32
    /// pyvs's own CPU and the machine's when the child was seen ended.
    var atExit: (ownCPU: Double, machine: MachineCPU)?
    /// Why pyvs killed the tree, when it did.
    var forced: ChildOutcome.Ending?
    var lastSample = 0.0
    /// The current spacing of samples: `sampleInterval`, doubling while the tree does not grow.
    var interval: Double
    let tracker: TreeTracker
    var sampledPeak = 0
    /// The most processes the tree had at a sample.
    var mostProcesses = 0
    /// The summed RSS at which the tree's PSS was last read (and when), and
    /// the root's RSS at which its VmHWM was.
    var pssReadAt = 0
    var pssReadTime: Double
    var rootRSSReadAt = 0
    /// After the child exits: how long its pipes and leftovers get to end by themselves.
    var drainDeadline = 0.0
    var deadline: Double
    var limit: Double
    /// Every descendant ever seen in a sample.
    var seen: Set<pid_t>
    var chunk = [UInt8](repeating: 0, count: 65536)

    init(child: ChildProcess, pid: pid_t, start: Double, supervisor: Supervisor, report: Int32, out: Int32, err: Int32) {
        self.child = child; self.pid = pid; self.start = start; self.supervisor = supervisor
        captures = [Capture(fd: report, stream: .report, limit: ChildProcess.Rules.reportCaptureBytes),
                    Capture(fd: out, stream: .stdout, limit: child.captureLimitBytes),
                    Capture(fd: err, stream: .stderr, limit: child.captureLimitBytes)]
        deadline = start + child.timeout
        limit = child.timeout
        seen = [pid]
        interval = child.sampleInterval
        tracker = TreeTracker(root: pid)
        ended = pyvs_pidfd_open(pid)
        pssReadTime = start
        pssReadAt = child.pssKnownUpToRSSBytes
    }

    /// Waits for output or the child's end (up to one sample interval) and
    /// takes what came.
    mutating func readAvailable() {
        var pollSet = captures.map { pollfd(fd: $0.open ? $0.fd : -1, events: Int16(POLLIN), revents: 0) }
        pollSet.append(pollfd(fd: exited ? -1 : ended, events: Int16(POLLIN), revents: 0))
        let wait = exited ? ChildProcess.Rules.drainPollSeconds : max(0.001, lastSample + interval - Clock.now())
        _ = poll(&pollSet, nfds_t(pollSet.count), Int32((wait * 1000).rounded(.up)))
        for index in captures.indices where captures[index].open && pollSet[index].revents != 0 {
            let got = read(captures[index].fd, &chunk, chunk.count)
            if got > 0 {
                take(chunk[0..<got], from: index)
            } else if got == 0 || (errno != EINTR && errno != EAGAIN) {
                captures[index].close()
            }
        }
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>, from index: Int) {
        captures[index].keep(bytes)
        switch captures[index].stream {
        case .report:
            guard let onReportLine = child.onReportLine else { return }
            reportLines.append(bytes)
            while let line = reportLines.nextLine() {
                if let seconds = onReportLine(line) {
                    deadline = Clock.now() + seconds
                    limit = seconds
                }
            }
        case .stdout, .stderr:
            child.onOutput?(captures[index].stream, bytes)
        }
    }

    /// Reaps the child if it has ended, with its rusage. What pyvs and the
    /// machine used while it ran is read when it is seen ended, before it
    /// is reaped: reaping makes the kernel drop the process's /proc
    /// entries (0.05-3 ms here, pyvs's CPU), and nothing measured runs then.
    mutating func checkExit(now: Double) {
        var info = siginfo_t()
        if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
            guard info.si_signo == SIGCHLD else { return }  // still running
            atExit = (Clock.ownCPU(), MachineCPU.now())
        }
        var status: Int32 = 0
        var usage = rusage()
        let waited = wait4(pid, &status, WNOHANG, &usage)
        if waited < 0 && errno == ECHILD {
            // Reaped elsewhere (it cannot be, but never wait forever for it).
            exited = true
            outcome.ending = forced ?? .exited(-1)
            drainDeadline = now + ChildProcess.Rules.drainSeconds
        } else if waited == pid {
            exited = true
            outcome.processWallSeconds = now - start
            outcome.userSeconds = Clock.seconds(usage.ru_utime)
            outcome.systemSeconds = Clock.seconds(usage.ru_stime)
            if sampledPeak == 0 { outcome.maxRSSBytes = Int(usage.ru_maxrss) * 1024 }
            outcome.voluntarySwitches = Int(usage.ru_nvcsw)
            outcome.involuntarySwitches = Int(usage.ru_nivcsw)
            outcome.ending = forced ?? (Reaper.isSignalled(status) ? .signalled(status & 0x7f) : .exited((status >> 8) & 0xff))
            // What it left running (descendants seen, orphans re-parented
            // here) gets as long as the pipes to end by itself (a resource
            // tracker does); what is still there then was left behind.
            drainDeadline = now + ChildProcess.Rules.drainSeconds
        }
    }

    /// Every sample interval: the tree's processes and summed memory, and
    /// the memory and process limits. While the tree grows in neither (more
    /// processes, or 1 % more memory, than at any sample before), the
    /// interval doubles up to the quiet one; growth brings it back. (A tree
    /// that starts and ends the same processes over and over is quiet: only
    /// growth can cross a limit.)
    mutating func sampleTree(now: Double) {
        guard now - lastSample >= interval * ChildProcess.Rules.sampleDueFraction else { return }
        lastSample = now
        tracker.sample()
        let (pids, rssBytes) = (tracker.members, tracker.rssBytes)
        seen.formUnion(pids)
        let quiet = pids.count <= mostProcesses && Double(rssBytes) <= Double(outcome.treePeakRSSBytes) * (1 + ChildProcess.Rules.growthFraction)
        mostProcesses = max(mostProcesses, pids.count)
        interval = quiet ? min(interval * 2, max(child.sampleInterval, child.quietSampleInterval)) : child.sampleInterval
        // The child's own peak (VmHWM) moves only when its resident memory rises.
        if tracker.rootRSSBytes > rootRSSReadAt, let peak = tracker.rootPeakResidentBytes() {
            rootRSSReadAt = tracker.rootRSSBytes
            sampledPeak = max(sampledPeak, peak)
        }
        outcome.maxRSSBytes = sampledPeak
        if rssBytes > outcome.treePeakRSSBytes {
            outcome.treePeakRSSBytes = rssBytes
            outcome.treePeakProcesses = pids.count
        }
        // The PSS costs a page-table walk per process (0.3-1 ms for a
        // worker of pyvs, most of what pyvs spends watching a tree): read
        // when the summed RSS has reached a new high by 10 % and the tree
        // has stopped growing, or at most every quarter of a second while
        // it grows; or when it stops 2 % above the last reading. The first
        // reading waits for the tree to stop growing too — a process
        // loading (pyvs's worker does for 35 ms), or a pool whose workers
        // were just forked and share all their pages yet, is not at its
        // peak — or for 0.15 s, which every run lasts.
        let readAt = Double(pssReadAt)
        let above = { (fraction: Double) in Double(rssBytes) > readAt * (1 + fraction) }
        let due = now - pssReadTime >= (outcome.treePeakPSSBytes == nil ? ChildProcess.Rules.firstPSSSeconds : ChildProcess.Rules.pssEverySeconds)
        if child.readsTreePSS, (above(ChildProcess.Rules.pssRiseFraction) && (quiet || due)) || (quiet && above(ChildProcess.Rules.pssSettledFraction)) {
            pssReadAt = rssBytes
            pssReadTime = now
            outcome.pssReadAtRSSBytes = rssBytes
            outcome.treePeakPSSBytes = max(outcome.treePeakPSSBytes ?? 0, tracker.proportionalBytes())
        }
        guard forced == nil else { return }
        if rssBytes > child.memoryLimitBytes {
            killTree(because: .memoryExceeded(limitBytes: child.memoryLimitBytes))
        } else if pids.count > child.maxProcesses {
            killTree(because: .processLimit(child.maxProcesses))
        }
    }

    mutating func enforceDeadline(now: Double) {
        if forced == nil && now > deadline { killTree(because: .timedOut(afterSeconds: limit)) }
    }

    private mutating func killTree(because ending: ChildOutcome.Ending) {
        forced = ending
        kill(-pid, SIGKILL)
        ProcessTree.kill(seen.union([pid]), keep: pid)
    }

    /// The child has ended and its pipes are closed and no process it was
    /// seen with is alive — or the drain time is up. (One look per seen
    /// process; what was never seen is looked for once, by `finish`.)
    func isOver() -> Bool {
        guard exited else { return false }
        return (captures.allSatisfy { !$0.open } && !seen.contains { $0 != pid && ProcessTree.entry($0) != nil })
            || Clock.now() > drainDeadline
    }

    /// Descendants still alive: those seen, orphans re-parented to pyvs
    /// that no running child owns, and (when pyvs is not a subreaper) the
    /// child's process group.
    func remaining() -> Set<pid_t> {
        ProcessTree.leftovers(seen: seen.subtracting([pid]), group: pid,
                              adoptedExcept: supervisor.adoptsOrphans ? supervisor.owned : nil)
    }

    /// Kills and counts what is left, and hands over what was captured.
    mutating func finish() -> ChildOutcome {
        for index in captures.indices { captures[index].close() }
        if ended >= 0 { close(ended) }
        let leftovers = remaining()
        outcome.leftoverProcesses = leftovers.count
        Reaper.emptyGroup(pid)
        ProcessTree.kill(leftovers.union(seen.subtracting([pid])))
        outcome.report = captures[0].bytes
        outcome.stdout = captures[1].bytes
        outcome.stderr = captures[2].bytes
        outcome.stdoutTruncated = captures[1].truncated
        outcome.stderrTruncated = captures[2].truncated
        outcome.treePeakRSSBytes = max(outcome.treePeakRSSBytes, outcome.maxRSSBytes)
        return outcome
    }
}
