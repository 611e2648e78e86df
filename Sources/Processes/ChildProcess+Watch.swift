import CProcess
import Console
import Contract
import Foundation
import Measure

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
struct Watch {
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
        var leftovers = remaining()
        // A process on its way out when the child ended (bubblewrap's
        // namespace init, killed as its parent exits) is given a moment
        // before it counts as left behind.
        let grace = Clock.now() + ChildProcess.Rules.leftoverGraceSeconds
        while !leftovers.isEmpty && Clock.now() < grace {
            usleep(10_000)
            leftovers = remaining()
        }
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
