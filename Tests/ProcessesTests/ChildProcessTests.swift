import Console
import Foundation
import Measure
import Processes
import Testing

@Suite(.serialized) struct ChildProcessTests {
    @Test func capturesOutputAndExitStatus() {
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "echo out; echo err >&2; echo report >&3; exit 7"])
        child.timeout = 20
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .exited(7))
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "out\n")
        #expect(String(decoding: outcome.stderr, as: UTF8.self) == "err\n")
        #expect(String(decoding: outcome.report, as: UTF8.self) == "report\n")
    }

    @Test func timeoutKillsTheWholeGroup() {
        // A grandchild that would outlive its parent: both must be gone.
        // Its own duration: no other process on the machine has this command line.
        let grandchild = "sleep 300.\(Int.random(in: 100_000..<1_000_000))"
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "\(grandchild) & exec sleep 301"])
        child.timeout = 0.5
        let start = Clock.now()
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .timedOut(afterSeconds: 0.5))
        #expect(Clock.now() - start < 10)
        #expect(!processListing().contains(grandchild))
    }

    @Test func leftoversAreKilledWhenTheChildExits() {
        let leftover = "sleep 302.\(Int.random(in: 100_000..<1_000_000))"
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "\(leftover) & echo started"])
        child.timeout = 20
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .exited(0))
        #expect(outcome.leftoverProcesses >= 1)
        #expect(!processListing().contains(leftover))
    }

    @Test func signalsAreReported() {
        let outcome = ChildProcess(arguments: ["/bin/sh", "-c", "kill -SEGV $$"]).run(in: Supervisor())
        #expect(outcome.ending == .signalled(SIGSEGV))
    }

    @Test func memoryCeilingStopsAHungryTree() {
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", "-c",
            "import time\nhog = []\nwhile True:\n    hog.append(bytearray(32 << 20)); time.sleep(0.01)"])
        child.memoryLimitBytes = 200 << 20
        child.timeout = 60
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .memoryExceeded(limitBytes: 200 << 20))
        #expect(outcome.treePeakRSSBytes > 200 << 20)
    }

    @Test func missingProgramFailsToStart() {
        let outcome = ChildProcess(arguments: ["/nonexistent/program"]).run(in: Supervisor())
        if case .failedToStart(let message) = outcome.ending {
            #expect(message.contains("/nonexistent/program"))
        } else {
            Issue.record("expected failedToStart, got \(outcome.ending)")
        }
    }

    @Test func treeMemoryCountsEveryProcess() {
        // Three processes each touching 40 MB: the tree peak must see all of them.
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", "-c", """
            import os, time
            for _ in range(2):
                if os.fork() == 0:
                    b = bytearray(40 << 20); time.sleep(0.6); os._exit(0)
            b = bytearray(40 << 20); time.sleep(0.6)
            for _ in range(2): os.wait()
            """])
        child.timeout = 30
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .exited(0))
        #expect(outcome.treePeakRSSBytes > 120 << 20)
        #expect(outcome.maxRSSBytes < 100 << 20)
    }

    @Test func aForkedTreeIsCountedOnceInItsPSS() {
        // A parent holding 60 MB forks two children that only sleep: their
        // RSS sums to three times the buffer, their PSS counts it once.
        var child = ChildProcess(arguments: ["/usr/bin/python3", "-c", """
            import os, time
            b = bytearray(60 << 20)
            for _ in range(2):
                if os.fork() == 0:
                    time.sleep(0.8); os._exit(0)
            for _ in range(2): os.wait()
            """])
        child.timeout = 30
        child.readsTreePSS = true
        let outcome = child.run(in: Supervisor())
        #expect(outcome.ending == .exited(0))
        #expect(outcome.treePeakRSSBytes > 170 << 20)
        let pss = outcome.treePeakPSSBytes ?? 0
        #expect(pss > 60 << 20 && pss < 90 << 20, "tree PSS \(pss >> 20) MB")
    }

    @Test func aRunReadsThePSSOnlyPastTheRSSOfAnEarlierReading() {
        // The same 40 MB process three times: read afresh; not read again
        // when an earlier run read it at this size; read when the tree goes
        // past the earlier reading's RSS by more than 2 %.
        func run(knownUpTo known: Int) -> ChildOutcome {
            var child = ChildProcess(arguments: ["/usr/bin/python3", "-c", "import time; b = bytearray(40 << 20); time.sleep(0.5)"])
            child.timeout = 30
            child.readsTreePSS = true
            child.pssKnownUpToRSSBytes = known
            return child.run(in: Supervisor())
        }
        let first = run(knownUpTo: 0)
        let readAt = first.pssReadAtRSSBytes ?? 0
        #expect(first.ending == .exited(0) && (first.treePeakPSSBytes ?? 0) > 40 << 20)
        #expect(readAt > 40 << 20 && readAt <= first.treePeakRSSBytes)
        let again = run(knownUpTo: readAt)
        #expect(again.ending == .exited(0) && again.treePeakPSSBytes == nil && again.pssReadAtRSSBytes == nil,
                "read at \(again.pssReadAtRSSBytes ?? 0) against \(readAt)")
        let past = run(knownUpTo: readAt / 2)
        #expect((past.treePeakPSSBytes ?? 0) > 40 << 20)
    }

    /// A PSS read well below the summed RSS's peak (the tree grew after
    /// the last reading and ended before the next) is no peak figure.
    @Test func aPSSReadBelowThePeakIsNotThePeaks() {
        let mib = 1 << 20
        #expect(ChildProcess.Rules.peakPSS(200 * mib, readAtRSS: 220 * mib, peakRSS: 230 * mib) == 200 * mib)
        #expect(ChildProcess.Rules.peakPSS(9 * mib, readAtRSS: 10 * mib, peakRSS: 230 * mib) == nil)
        #expect(ChildProcess.Rules.peakPSS(nil, readAtRSS: nil, peakRSS: 230 * mib) == nil)
        var outcome = ChildOutcome(ending: .exited(0))
        outcome.treePeakRSSBytes = 230 * mib
        outcome.treePeakPSSBytes = 9 * mib
        outcome.pssReadAtRSSBytes = 10 * mib
        #expect(outcome.treePeakPSSAtPeakBytes == nil)
        outcome.pssReadAtRSSBytes = 215 * mib
        #expect(outcome.treePeakPSSAtPeakBytes == 9 * mib)
    }

    @Test func theTreeHoldsWhatAThreadForkedAndWhatLeftTheGroup() throws {
        // A child forked by a second thread, which lives on (the child is on
        // that thread's children link, not the main one's), that calls
        // setsid and forks again.
        let script = """
            import os, threading, time
            def start():
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(1.5); os._exit(0)
                    time.sleep(1.5); os._exit(0)
                time.sleep(1.5)
            threading.Thread(target=start).start()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")  // not a shim that forks
        process.arguments = ["-c", script]
        try process.run()
        let root = process.processIdentifier
        defer { ProcessTree.kill(ProcessTree.tree(of: [root])); process.waitUntilExit() }
        let tracker = TreeTracker(root: root)
        let deadline = Clock.now() + 10
        while tracker.members.count < 3 && Clock.now() < deadline {
            usleep(20_000)
            tracker.sample()
        }
        #expect(tracker.members.count == 3)
        #expect(ProcessTree.tree(of: [root]) == tracker.members)
        #expect(tracker.rssBytes > tracker.rootRSSBytes)
    }

    private func processListing() -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { Int32($0) }.compactMap { pid in
            FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map {
                String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            }
        }.joined(separator: "\n")
    }
}

