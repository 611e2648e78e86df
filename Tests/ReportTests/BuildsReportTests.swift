import Console
import Contract
import Foundation
import Report
import Testing

/// Reports of a run over several Python builds.
@Suite struct BuildsReportTests {
    static func python(_ version: String, freeThreaded: Bool, gil: Bool) -> PythonInfo {
        var info = PythonInfo(version: version, implementation: "cpython", build: version, library: "/lib/libpython.so", executable: "/bin/python",
                              startMethod: "fork", switchIntervalSeconds: 0.005, gilEnabled: gil, extras: [:])
        info.freeThreaded = freeThreaded
        info.configureArguments = "'--enable-shared'"
        info.buildFlags = "-O3 -Wall"
        return info
    }

    static func row(_ id: String, build: String?, wall: Double, gil: Bool? = nil) -> VariantResult {
        var row = VariantResult(id: id, label: build.map { "\(id) [\($0)]" } ?? id, language: build == nil ? .swift : .python,
                                model: .serial, title: id, workers: 1, status: .ok)
        row.build = build
        row.gilEnabled = gil
        row.wallSeconds = Summary([wall, wall * 1.01, wall * 0.99])
        return row
    }

    static var report: RunReport {
        let machine = MachineInfo(cpuModel: "cpu", cores: 2, nativeParallelism: 1.9, kernel: "Linux", swiftVersion: "6.3",
                                  buildConfiguration: "release", memoryBytes: 1 << 30, loadAverage: 0)
        let rows = [row("py.serial", build: "3.13", wall: 0.2, gil: true), row("py.serial", build: "3.13t", wall: 0.21, gil: false),
                    row("py.native", build: "3.13", wall: 0.1, gil: true), row("py.native", build: "3.13t", wall: 0.1, gil: true),
                    row("swift.serial", build: nil, wall: 0.002)]
        var report = RunReport(command: ["pyvs", "run", "cpu-bound"], machine: machine, python: python("3.13.5", freeThreaded: false, gil: true),
                               scenarios: [ScenarioResult(name: "cpu-bound", title: "t", params: ["n": 1], variants: rows)])
        report.builds = [PythonBuildInfo(name: "3.13", python: python("3.13.5", freeThreaded: false, gil: true), environment: nil, pyvs: "/a"),
                         PythonBuildInfo(name: "3.13t", python: python("3.13.5", freeThreaded: true, gil: false), environment: nil, pyvs: "/b")]
        return report
    }

    @Test func eachBuildHasALineSayingWhatItIs() {
        let lines = Self.report.metadataLines
        #expect(lines.contains { $0.hasPrefix("python 3.13: CPython 3.13.5 · GIL build · -O3, no PGO/LTO") })
        #expect(lines.contains { $0.hasPrefix("python 3.13t: CPython 3.13.5 · free-threaded, GIL off") })
    }

    @Test func theSameVariantOnEachBuildStandsInOneRowWithItsRatio() throws {
        let table = try #require(Self.report.buildsTable(for: Self.report.scenarios[0]))
        let text = table.terminal()
        #expect(text.contains("py.serial") && text.contains("(1.05×)"), "\(text)")
        #expect(!text.contains("swift.serial"))
        #expect(table.headers == ["variant", "3.13", "3.13t"])
    }

    @Test func aRowWhoseImportTurnedTheGILBackOnIsNamed() {
        let notes = Self.report.gilNotes(for: Self.report.scenarios[0])
        #expect(notes.count == 1)
        #expect(notes.first?.hasPrefix("py.native [3.13t]: the GIL was enabled") == true)
    }

    @Test func aClaimAboutGILBuildsExplainsTheVerdictThatFlips() throws {
        var machineReport = Self.report
        machineReport.scenarios = []
        let claim = Claim(id: "c", quote: "threads do not help", document: "d.md", line: 1,
                          stated: StatedValue(max: 1.1, unit: .times, text: "no speedup"),
                          measure: ClaimMeasure(scenario: "cpu-bound", variant: "py.threads", metric: "speedup"), scope: .gilBuilds)
        var result = ClaimResult(claim: claim, statedMin: nil, statedMax: 1.1, measured: 0.98, samples: 5, verdict: .holds, reason: .measured(row: "py.threads ×2", perCore: nil))
        var free = result
        free.measured = 1.95
        free.verdict = .doesNotHold
        result.builds = [BuildVerdict(build: "3.13", result: result, gilEnabled: true), BuildVerdict(build: "3.13t", result: free, gilEnabled: false)]
        var report = ClaimsReport(claimsFile: "f.json", machine: machineReport.machine, python: nil, claims: [result], runs: [], warnings: [])
        report.builds = machineReport.builds
        let text = report.terminalText(width: nil)
        #expect(text.contains("holds (0.98×)") && text.contains("does not hold (1.95×)"), "\(text)")
        #expect(text.contains("the claim is about GIL builds; on 3.13t (GIL off) it does not hold"), "\(text)")
        #expect(text.contains("on 3.13: 1 holds, 0 do not hold") && text.contains("on 3.13t: 0 hold, 1 does not hold"), "\(text)")
        // Each build's reason is its own figure against the claim's range.
        #expect(text.contains("on 3.13t does not hold — measured 1.95× against at most 1.10×, 1.77× above its high end (py.threads ×2, median of 5 runs)"),
                "\(text)")
    }
}
