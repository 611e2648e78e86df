import CProcess
import Console
import Contract
import Foundation
import Measure

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
        /// How long a process still alive at the end may take to end by itself before it is a leftover.
        public static let leftoverGraceSeconds = 0.1
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

        /// The tree's peak PSS as a figure of its peak: nil when the summed
        /// RSS rose more than `pssRiseFraction` past it after the last
        /// reading (a spike between readings, a block that allocated and
        /// ended), since a reading below the peak is not the peak's PSS.
        public static func peakPSS(_ pss: Int?, readAtRSS: Int?, peakRSS: Int) -> Int? {
            guard let pss, let readAtRSS, Double(peakRSS) <= Double(readAtRSS) * (1 + pssRiseFraction) else { return nil }
            return pss
        }
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
