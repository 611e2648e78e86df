import Console
import Foundation
import Measure
import Testing

@Suite struct StatsTests {
    @Test func summaryOfOddAndEvenCounts() throws {
        let odd = try #require(Summary([3, 1, 2]))
        #expect(odd.median == 2 && odd.min == 1 && odd.max == 3)
        let even = try #require(Summary([4, 1, 3, 2]))
        #expect(even.median == 2.5)
        #expect(Summary([]) == nil)
    }

    @Test func spreadFlagsUnstableSamples() throws {
        #expect(try #require(Summary([1.0, 1.0, 1.0])).isUnstable() == false)
        #expect(try #require(Summary([1.0, 1.5, 0.7])).isUnstable())
        #expect(try #require(Summary([1.0])).isUnstable() == false)
    }
}

@Suite struct SignificanceTests {
    @Test func identicalSamplesAreNotSignificant() throws {
        let samples = [1.0, 1.1, 0.9, 1.05, 0.95]
        let result = try #require(MannWhitney.test(samples, samples))
        #expect(result.p > 0.5)
    }

    @Test func clearlySeparatedSamplesAre() throws {
        let a = [1.0, 1.1, 0.9, 1.05, 0.95]
        let result = try #require(MannWhitney.test(a, a.map { $0 * 2 }))
        #expect(result.u == 0)
        #expect(abs(result.p - 2.0 / 252.0) < 1e-9)  // exact: 2 of C(10,5) orderings are this extreme
    }

    @Test func oneSampleEachCannotBeSignificant() throws {
        #expect(try #require(MannWhitney.test([1], [2])).p == 1)
        #expect(MannWhitney.test([], [1]) == nil)
    }

    @Test func largeSamplesUseTheNormalApproximation() throws {
        let a = (0..<30).map { Double($0) }
        let result = try #require(MannWhitney.test(a, a.map { $0 + 100 }))
        #expect(result.p < 1e-6)
    }
}

@Suite struct FormatTests {
    @Test func durationsBytesRatios() {
        #expect(Format.duration(1.234) == "1.23 s")
        #expect(Format.duration(0.0456) == "45.6 ms")
        #expect(Format.duration(0.0000789) == "78.9 µs")
        #expect(Format.duration(nil) == "–")
        #expect(Format.bytes(512) == "512 B")
        #expect(Format.bytes(3 << 20) == "3.0 MB")
        #expect(Format.ratio(1.966) == "1.97×")
        #expect(Format.count(10_000) == "10k")
        #expect(Format.count(1_000_000) == "1M")
        #expect(Format.count(2_500_000) == "2.5M")
        #expect(Format.count(1_234) == "1234")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(Format.displayWidth("abc") == 3)
        #expect(Format.displayWidth("并发") == 4)
    }
}

@Suite(.serialized) struct ChildProcessTests {
    @Test func capturesOutputAndExitStatus() {
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "echo out; echo err >&2; echo report >&3; exit 7"])
        child.timeout = 20
        let outcome = child.run()
        #expect(outcome.ending == .exited(7))
        #expect(String(decoding: outcome.stdout, as: UTF8.self) == "out\n")
        #expect(String(decoding: outcome.stderr, as: UTF8.self) == "err\n")
        #expect(String(decoding: outcome.report, as: UTF8.self) == "report\n")
    }

    @Test func timeoutKillsTheWholeGroup() {
        // A grandchild that would outlive its parent: both must be gone.
        let marker = "pyvs-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "sleep 300 & exec sleep 301 # \(marker)"])
        child.timeout = 0.5
        let start = Clock.now()
        let outcome = child.run()
        #expect(outcome.ending == .timedOut(afterSeconds: 0.5))
        #expect(Clock.now() - start < 10)
        #expect(!processListing().contains("sleep 300"))
    }

    @Test func leftoversAreKilledWhenTheChildExits() {
        var child = ChildProcess(arguments: ["/bin/sh", "-c", "sleep 302 & echo started"])
        child.timeout = 20
        let outcome = child.run()
        #expect(outcome.ending == .exited(0))
        #expect(outcome.leftoverProcesses >= 1)
        #expect(!processListing().contains("sleep 302"))
    }

    @Test func signalsAreReported() {
        let outcome = ChildProcess(arguments: ["/bin/sh", "-c", "kill -SEGV $$"]).run()
        #expect(outcome.ending == .signalled(SIGSEGV))
    }

    @Test func memoryCeilingStopsAHungryTree() {
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", "-c",
            "import time\nhog = []\nwhile True:\n    hog.append(bytearray(32 << 20)); time.sleep(0.01)"])
        child.memoryLimitBytes = 200 << 20
        child.timeout = 60
        let outcome = child.run()
        #expect(outcome.ending == .memoryExceeded(limitBytes: 200 << 20))
        #expect(outcome.treePeakRSSBytes > 200 << 20)
    }

    @Test func missingProgramFailsToStart() {
        let outcome = ChildProcess(arguments: ["/nonexistent/program"]).run()
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
        let outcome = child.run()
        #expect(outcome.ending == .exited(0))
        #expect(outcome.treePeakRSSBytes > 120 << 20)
        #expect(outcome.maxRSSBytes < 100 << 20)
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

@Suite struct FileIOTests {
    @Test func writesAndReadsEveryByteThroughAPipe() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let payload = Data((0..<1000).map { UInt8($0 % 251) })
        #expect(FileIO.writeAll(fds[1], payload) == 1000)
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 1200)
        let got = buffer.withUnsafeMutableBytes { FileIO.readFully(fds[0], $0) }
        close(fds[0])
        #expect(got == 1000)  // the other end closed before the buffer was full
        #expect(Data(buffer.prefix(got)) == payload)
    }
}

@Suite struct OutlierTests {
    @Test func aFarSampleIsAnOutlierAndSteadyOnesAreNot() throws {
        #expect(try #require(Summary([1.00, 1.01, 0.99, 1.02, 3.0])).outliers == [3.0])
        #expect(try #require(Summary([1.00, 1.01, 0.99, 1.02, 1.03])).outliers.isEmpty)
        #expect(try #require(Summary([1.0, 1.0, 1.0, 5.0])).outliers.isEmpty)  // no spread to judge by
        #expect(try #require(Summary([1.0, 9.0])).outliers.isEmpty)  // too few samples
    }
}
