import Foundation
import Measure

/// What a server that supervises its own children (the sandboxed fork
/// server) sent back for one job: its report line and the child's output.
public struct SupervisedRun: Sendable {
    /// The server's report on the child (one JSON line), empty when it sent none.
    public var report = Data()
    public var stdout = Data()
    public var stderr = Data()
    public var stdoutTruncated = false
    public var stderrTruncated = false
    /// Why there is no report: the server did not start the child, died,
    /// or did not answer within the backstop (it is then stopped).
    public var lost: String?
}

extension ForkServer {
    /// Sends `job` to a server that supervises the child itself (timeout,
    /// limits, figures) and reports on a pipe of its own: reads the child's
    /// stdout and stderr (up to `captureLimit` each) and that report until
    /// the report pipe closes and the output pipes close (or, half a second
    /// later, are given up). When nothing ends within `backstop` seconds,
    /// the server is stopped: `lost` says so.
    public func runSupervised(_ job: Data, captureLimit: Int, backstop: Double) -> SupervisedRun {
        var run = SupervisedRun()
        let pipes: (report: Pipe, out: Pipe, err: Pipe)
        do { pipes = (try Pipe.make(), try Pipe.make(), try Pipe.make()) } catch {
            run.lost = error.description
            return run
        }
        let started = fork(job, fds: [pipes.out.write, pipes.err.write, pipes.report.write])
        for fd in [pipes.report.write, pipes.out.write, pipes.err.write] { close(fd) }
        guard started != nil else {
            for fd in [pipes.report.read, pipes.out.read, pipes.err.read] { close(fd) }
            run.lost = "the sandboxed fork server did not start the block"
            return run
        }
        var captures = [Capture(fd: pipes.report.read, stream: .report, limit: ForkServer.reportCaptureBytes),
                        Capture(fd: pipes.out.read, stream: .stdout, limit: captureLimit),
                        Capture(fd: pipes.err.read, stream: .stderr, limit: captureLimit)]
        let deadline = Clock.now() + backstop
        var drainUntil: Double?
        var chunk = [UInt8](repeating: 0, count: 65536)
        while captures.contains(where: \.open) {
            let now = Clock.now()
            if let drainUntil, now > drainUntil { break }
            if now > deadline {
                run.lost = "the sandboxed fork server gave no report within \(Int(backstop)) s; it was stopped"
                stop()
                break
            }
            var pollSet = captures.map { pollfd(fd: $0.open ? $0.fd : -1, events: Int16(POLLIN), revents: 0) }
            _ = poll(&pollSet, nfds_t(pollSet.count), 100)
            for index in captures.indices where captures[index].open && pollSet[index].revents != 0 {
                let got = read(captures[index].fd, &chunk, chunk.count)
                if got > 0 {
                    captures[index].keep(chunk[0..<got])
                } else if got == 0 || (errno != EINTR && errno != EAGAIN) {
                    captures[index].close()
                    if index == 0 { drainUntil = Clock.now() + ChildProcess.Rules.drainSeconds }
                }
            }
        }
        for index in captures.indices { captures[index].close() }
        run.report = captures[0].bytes
        run.stdout = captures[1].bytes
        run.stderr = captures[2].bytes
        run.stdoutTruncated = captures[1].truncated
        run.stderrTruncated = captures[2].truncated
        if run.report.isEmpty && run.lost == nil { run.lost = "the sandboxed fork server ended without a report" }
        return run
    }
}
