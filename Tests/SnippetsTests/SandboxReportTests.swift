import Foundation
import Processes
import Testing
@testable import Snippets

/// The sandboxed server's report is read strictly: a renamed or missing
/// key, an unknown ending or another format version is an error that says
/// which, never a figure of 0 ("timed out after 0 s").
@Suite struct SandboxReportTests {
    static let figures = #""wall_s": 0.5, "user_s": 0.25, "sys_s": 0.05, "tree_peak_rss_bytes": 1048576, "tree_peak_pss_bytes": 524288, "pss_read_at_rss_bytes": 1000000, "peak_processes": 2, "peak_threads": 3, "leftovers": 0"#

    func read(_ json: String) throws -> SandboxReport {
        try JSONDecoder().decode(SandboxReport.self, from: Data(json.utf8))
    }

    func problem(_ json: String) -> String? {
        do { _ = try read(json); return nil } catch { return SandboxReport.describe(error) }
    }

    @Test func aBlockThatRanHasItsEndingAndFigures() throws {
        let report = try read(#"{"version": 2, "ending": {"kind": "timeout", "after_s": 20}, \#(Self.figures), "#
            + #""verdict": null, "exiting": {"threads": ["worker"]}}"#)
        #expect(report.ending == .timedOut(afterSeconds: 20))
        #expect(report.figures == SandboxReport.Figures(wallSeconds: 0.5, userSeconds: 0.25, systemSeconds: 0.05, treePeakRSSBytes: 1 << 20,
                                                         treePeakPSSBytes: 1 << 19, pssReadAtRSSBytes: 1_000_000, peakProcesses: 2, peakThreads: 3, leftovers: 0))
        #expect(report.verdict == nil && report.exiting?.threads == ["worker"])
        let verdict = try read(#"{"version": 2, "ending": {"kind": "exited", "code": 0}, \#(Self.figures), "#
            + #""verdict": {"event": "verdict", "verdict": {"status": "ok", "reason": ""}, "threads_cpu_s": 0.1}, "exiting": null}"#)
        #expect(verdict.ending == .exited(0) && verdict.verdict?.verdict.status == .ok && verdict.verdict?.threadsCPUSeconds == 0.1)
    }

    @Test func aBlockTheServerCouldNotStartHasOnlyItsReason() throws {
        let report = try read(#"{"version": 2, "ending": {"kind": "failed", "message": "cannot prepare the block's folder: full"}}"#)
        #expect(report.ending == .failedToStart("cannot prepare the block's folder: full") && report.figures == nil)
    }

    @Test func whatDoesNotMatchTheFormatIsAnError() {
        #expect(problem(#"{"version": 2, "ending": {"kind": "timeout", "after": 20}, \#(Self.figures)}"#) == "unknown key after")
        #expect(problem(#"{"version": 2, "ending": {"kind": "timeout"}, \#(Self.figures)}"#) == "no 'after_s'")
        #expect(problem(#"{"version": 2, "ending": {"kind": "exited", "code": 0}, "wall_s": 1}"#) == "no 'user_s'")
        #expect(problem(#"{"version": 2, "ending": {"kind": "vanished"}, \#(Self.figures)}"#) == "unknown ending 'vanished'")
        #expect(problem(#"{"version": 1, "ending": {"kind": "exited", "code": 0}, \#(Self.figures)}"#) == "format 1, this pyvs reads 2")
        #expect(problem(#"{"ending": {"kind": "exited", "code": 0}, \#(Self.figures)}"#) == "no 'version'")
        #expect(problem(#"{"version": 2, "ending": {"kind": "exited", "code": 0}, \#(Self.figures), "rss": 1}"#) == "unknown key rss")
        #expect(problem("not json") == "not JSON")
    }
}
