import Foundation
import Measure
import Processes
import Testing

/// Lines out of bytes that arrive in pieces.
@Suite struct LineBufferTests {
    @Test func linesSplitAcrossReadsComeOutWhole() {
        var buffer = LineBuffer()
        buffer.append(Array("first li".utf8))
        #expect(buffer.nextLine() == nil)
        buffer.append(Array("ne\nsecond\n\nthi".utf8))
        #expect(buffer.completeLines() == ["first line", "second", ""])
        buffer.append(Array("rd\n".utf8))
        #expect(buffer.nextLine() == "third")
        #expect(buffer.nextLine() == nil)
    }

    @Test func manyLinesKeepTheirOrderAcrossCompaction() {
        var buffer = LineBuffer()
        var got: [String] = []
        let lines = (0..<5_000).map { "line \($0) " + String(repeating: "x", count: $0 % 13) }
        let bytes = Array(lines.joined(separator: "\n").utf8) + [0x0a]
        var start = 0
        while start < bytes.count {  // uneven pieces, as reads give them
            let end = min(bytes.count, start + 1 + (start * 7) % 311)
            buffer.append(bytes[start..<end])
            got += buffer.completeLines()
            start = end
        }
        #expect(got == lines)
    }
}

/// Waiting for and describing children.
@Suite struct ReaperTests {
    @Test func exitStatusesAndSignalsAreDescribed() throws {
        #expect(Reaper.describe(3 << 8) == "exit status 3")
        #expect(Reaper.describe(SIGKILL).hasPrefix("signal 9 ("))
        let ok = try Fork.child { 0 }
        try Reaper.waitForSuccess(ok)
        let failing = try Fork.child { 7 }
        #expect(throws: ProcessError("process \(failing) ended with exit status 7")) { try Reaper.waitForSuccess(failing) }
    }
}

/// The guardian's side of its protocol: `+PID` and `-PID` lines; when its
/// input closes, what is still registered is killed, with its tree.
@Suite(.serialized) struct GuardianTests {
    func sleeper() throws -> pid_t { try Fork.child { sleep(600); return 0 } }

    @Test func killsWhatIsStillWatchedWhenItsInputCloses() throws {
        let watched = try sleeper(), released = try sleeper()
        defer { kill(released, SIGKILL); _ = try? Reaper.wait(released) }
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let script = "+\(watched)\n+\(released)\nnot a line\n-\(released)\n+0\n"
        #expect(write(fds[1], script, script.utf8.count) == script.utf8.count)
        close(fds[1])
        let killed = Guardian.serve(input: fds[0])
        close(fds[0])
        #expect(killed == [watched])
        // The guardian reaps what it killed when it can (here its own child),
        // so the watched process is either reaped already or dies by SIGKILL.
        var status: Int32 = 0
        let reaped = waitpid(watched, &status, 0)
        #expect((reaped < 0 && errno == ECHILD) || (reaped == watched && status & 0x7f == SIGKILL))
        #expect(kill(watched, 0) != 0, "the watched process is still there")
        #expect(kill(released, 0) == 0, "a released process was killed")
    }
}

/// Children started through a supervisor: output as it comes, and nothing
/// started once pyvs was interrupted.
@Suite(.serialized) struct SupervisorTests {
    @Test func outputIsHandedOverAsItArrivesAndKept() {
        final class Seen: @unchecked Sendable { var chunks: [(ChildProcess.Stream, String)] = [] }
        let seen = Seen()
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "echo one; echo two >&2; echo three"])
        child.onOutput = { stream, bytes in seen.chunks.append((stream, String(decoding: bytes, as: UTF8.self))) }
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .exited(0))
        #expect(seen.chunks.filter { $0.0 == .stdout }.map(\.1).joined() == "one\nthree\n")
        #expect(seen.chunks.filter { $0.0 == .stderr }.map(\.1).joined() == "two\n")
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "one\nthree\n")
    }

    @Test func aChildStartedAfterAnInterruptionIsKilledAtOnce() {
        let interruption = Interruption()
        #expect(interruption.note(SIGINT))
        #expect(!interruption.note(SIGTERM))  // the first signal is the one kept
        #expect(interruption.signal == SIGINT)
        var child = ChildProcess(arguments: ["/bin/sleep", "30"])
        child.timeout = 20
        let start = Clock.now()
        let outcome = child.run(in: Supervisor(interruption: interruption))
        #expect(outcome.ending == .signalled(SIGKILL))
        #expect(Clock.now() - start < 5)
    }

    @Test func reportLinesArriveOneByOneAndCanExtendTheTimeout() {
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        let lines = Lines()
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "printf 'a\\nb' >&3; sleep 0.3; printf 'c\\n' >&3; sleep 1; echo done"])
        child.timeout = 0.6
        child.onReportLine = { line in
            lines.all.append(line)
            return line == "bc" ? 5 : nil  // the second step gets 5 s more
        }
        let outcome = child.run(in: Supervisor())
        #expect(lines.all == ["a", "bc"])
        #expect(outcome.ending == .exited(0))
        #expect(String(decoding: outcome.report, as: UTF8.self) == "a\nbc\n")
    }
}

/// The fork server's protocol, against a stand-in written in Python: a job
/// goes out with three descriptors attached, the child writes to them, the
/// answer is its pid. A server that is gone gives no child, and a child
/// that could not be forked is a failure to start, never a silent success.
@Suite(.serialized) struct ForkServerTests {
    static let standIn = """
        import os, socket
        server = socket.socket(fileno=3)
        while True:
            message, fds, _, _ = socket.recv_fds(server, 4096, 3)
            if not message:
                break
            child = os.fork()
            if child == 0:
                os.write(fds[0], b"out:" + message)
                os.write(fds[2], b"report\\n")
                os._exit(0)
            for fd in fds:
                os.close(fd)
            server.send(str(child).encode())
        """

    @Test func aJobIsForkedWithItsDescriptors() throws {
        let server = try ForkServer(arguments: ["/usr/bin/python3", "-c", Self.standIn], supervisor: Supervisor())
        defer { server.stop() }
        var out: [Int32] = [0, 0], err: [Int32] = [0, 0], report: [Int32] = [0, 0]
        #expect(pipe(&out) == 0 && pipe(&err) == 0 && pipe(&report) == 0)
        let pid = try #require(server.fork(Data("job 1".utf8), fds: [out[1], err[1], report[1]], timeout: 20))
        for fd in [out[1], err[1], report[1]] { close(fd) }
        #expect(pid > 0)
        func readAll(_ fd: Int32) -> String {
            var bytes = [UInt8](repeating: 0, count: 256)
            var text = ""
            while true {
                let got = read(fd, &bytes, bytes.count)
                if got <= 0 { break }
                text += String(decoding: bytes[0..<got], as: UTF8.self)
            }
            close(fd)
            return text
        }
        #expect(readAll(out[0]) == "out:job 1")
        #expect(readAll(report[0]) == "report\n")
        #expect(readAll(err[0]).isEmpty)
    }

    @Test func aServerThatIsGoneStartsNothing() throws {
        let server = try ForkServer(arguments: ["/bin/sh", "-c", "exit 0"], supervisor: Supervisor())
        defer { server.stop() }
        usleep(200_000)
        var child = ChildProcess(arguments: ["unused"])
        child.timeout = 5
        let outcome = child.run(forkedBy: server, job: Data("job".utf8), in: Supervisor())
        #expect(outcome.ending == .failedToStart("the fork server did not start the child"))
    }
}
