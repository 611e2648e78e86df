import Contract
import Foundation
import Measure
import Processes
import Report
import Testing
@testable import Claims
import Bench

/// The claims file's checks, the experiments built from it, and verdicts.
@Suite struct ClaimsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func claim(_ stated: StatedValue, metric: String = "per_switch_s", variant: String = "py.threads",
                      scenario: String = "context-switch", params: [String: Int]? = nil, times: String? = nil) -> Claim {
        Claim(id: "c", quote: "q", meaning: nil, document: "doc.md", line: 1, section: nil, stated: stated,
              measure: ClaimMeasure(scenario: scenario, variant: variant, params: params, metric: metric, times: times), note: nil)
    }

    static func row(_ id: String = "py.threads", status: RunStatus = .ok, samples: [Double] = [1, 1, 1],
                    extra: [String: Double] = [:], speedup: Double? = nil) -> VariantResult {
        var row = VariantResult(id: id, label: id, language: .python, model: "threads", title: "t", workers: 2, threads: nil, status: status)
        if status == .ok { row.wallSeconds = Summary(samples)! } else { row.reason = .tooManyThreads(threads: 40_000, usable: 30_000, bound: "kernel.threads-max 33000") }
        row.extra = extra
        row.speedup = speedup
        return row
    }

    @Test func theShippedClaimsFileIsUsable() throws {
        let file = try ClaimChecker.load(ClaimChecker.builtInFile)
        #expect(file.claims.count >= 9)
        #expect(Set(file.claims.map(\.id)).count == file.claims.count)
        #expect(file.claims.allSatisfy { ClaimChecker.problem(with: $0) == nil })
        #expect((file.blocks ?? []).contains { $0.scenario == "massive" })
    }

    @Test(arguments: [
        (#"{"schema":"pyvs.claims-file/1","claims":[]}"#, "holds no claims"),
        (#"{"schema":"other/1","claims":[]}"#, "accepted: pyvs.claims-file/1"),
        ("not json", "is not a claims file"),
        (#"{"schema":"pyvs.claims-file/1","claims":[{"id":"a"}]}"#, "missing 'quote'"),
        (#"{"schema":"pyvs.claims-file/1","claims":[{"id":"a","quote":"q","document":"d","stated":{"min":1,"unit":"parsecs","text":""},"measure":{"scenario":"race","variant":"py.threads","metric":"wall"}}]}"#,
         "unknown unit 'parsecs'; accepted: s, ms, µs, us, ns, B, KB, MB, GB, x, count"),
    ])
    func unusableFilesAreRefusedInOneLine(text: String, message: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try ClaimChecker.load(path)
        } throws: { error in
            let said = String(describing: error)
            return said.contains(message) && !said.contains("\n")
        }
    }

    @Test func claimsThatCannotBeTestedSayWhy() {
        let range = StatedValue(min: 1, max: 2, unit: .microsecond, text: "1–2 µs")
        #expect(ClaimChecker.problem(with: Self.claim(range, scenario: "nope"))?.contains("unknown scenario 'nope'; accepted: cpu-bound") == true)
        #expect(ClaimChecker.problem(with: Self.claim(range, variant: "py.nope"))?.contains("unknown variant 'py.nope'") == true)
        #expect(ClaimChecker.problem(with: Self.claim(range, metric: "speed"))?.contains("unknown metric 'speed'") == true)
        #expect(ClaimChecker.problem(with: Self.claim(StatedValue(unit: .second, text: "")))?.contains("needs a min, a max") == true)
        #expect(ClaimChecker.problem(with: Self.claim(StatedValue(min: 3, max: 2, unit: .second, text: "")))?.contains("above its max") == true)
        #expect(ClaimChecker.problem(with: Self.claim(range, params: ["round_trips": 0]))?.contains("out of range") == true)
        #expect(ClaimChecker.problem(with: Self.claim(range, params: ["n": 5]))?.contains("has no parameter 'n'") == true)
        #expect(ClaimChecker.problem(with: Self.claim(range, params: ["round_trips": 10])) == nil)
    }

    @Test func verdictsFollowTheStatedRange() {
        let range = StatedValue(min: 5, max: 10, unit: .microsecond, text: "5–10 µs")
        let inside = ClaimChecker.judge(Self.claim(range), row: Self.row(extra: ["per_switch_s": 7e-6]), cores: 2)
        #expect(inside.verdict == .holds)
        #expect(inside.measured == 7e-6)
        #expect(inside.conclusive)
        let above = ClaimChecker.judge(Self.claim(range), row: Self.row(extra: ["per_switch_s": 30e-6]), cores: 2)
        #expect(above.verdict == .doesNotHold)
        #expect(above.because(cores: 2).contains("3.00× above its high end"))
        let below = ClaimChecker.judge(Self.claim(range), row: Self.row(extra: ["per_switch_s": 1e-6]), cores: 2)
        #expect(below.verdict == .doesNotHold)
        #expect(below.because(cores: 2).contains("below its low end"))
        let once = ClaimChecker.judge(Self.claim(range), row: Self.row(samples: [1], extra: ["per_switch_s": 7e-6]), cores: 2)
        #expect(!once.conclusive)
        #expect(once.samples == 1)
    }

    @Test func perCoreRangesAndTotalsScale() {
        let perCore = StatedValue(min: 0.75, max: 1.05, unit: .times, text: "≈ cores×", perCore: true)
        let pool = Self.claim(perCore, metric: "speedup", variant: "py.pool", scenario: "cpu-bound")
        #expect(ClaimChecker.judge(pool, row: Self.row("py.pool", speedup: 3.5), cores: 4).verdict == .holds)
        #expect(ClaimChecker.judge(pool, row: Self.row("py.pool", speedup: 1.6), cores: 4).verdict == .doesNotHold)
        let total = Self.claim(StatedValue(min: 10, max: 30, unit: .megabyte, text: "about 20 MB"), metric: "resident_per_task_bytes",
                               variant: "py.asyncio", scenario: "massive", params: ["tasks": 10_000, "sleep_ms": 100], times: "tasks")
        let result = ClaimChecker.judge(total, row: Self.row("py.asyncio", extra: ["resident_per_task_bytes": 1_600]), cores: 2)
        #expect(result.measured == 16_000_000)
        #expect(result.verdict == .holds)
    }

    @Test func aRowThatDidNotRunIsNotMeasurable() {
        let range = StatedValue(max: 1, unit: .gigabyte, text: "1 GB")
        let skipped = ClaimChecker.judge(Self.claim(range, metric: "peak_rss"), row: Self.row(status: .skipped), cores: 2)
        #expect(skipped.verdict == .notMeasurable)
        #expect(skipped.measured == nil)
        #expect(skipped.reason == .rowFailed(row: "py.threads", status: .skipped, detail: .tooManyThreads(threads: 40_000, usable: 30_000, bound: "kernel.threads-max 33000")))
        #expect(skipped.because(cores: 2).contains("skipped: refused before starting"))
        #expect(ClaimChecker.judge(Self.claim(range), row: nil, cores: 2).verdict == .notMeasurable)
    }

    @Test func experimentsShareRunsAndBringTheirBaselines() {
        let speedup = StatedValue(max: 1.1, unit: .times, text: "no speedup")
        let claims = [
            Self.claim(speedup, metric: "speedup", variant: "py.threads", scenario: "cpu-bound", params: ["n": 1000]),
            Self.claim(speedup, metric: "speedup", variant: "py.pool", scenario: "cpu-bound", params: ["n": 1000]),
            Self.claim(speedup, metric: "wall", variant: "py.pool", scenario: "cpu-bound", params: ["n": 2000]),
        ]
        let experiments = ClaimChecker.experiments(for: claims)
        #expect(experiments.count == 2)
        #expect(experiments[0].variants == ["py.threads", "py.pool", "py.serial"])
        #expect(experiments[1].variants == ["py.pool"])
    }

    /// A comparison is the ratio of its row's figure to the other row's,
    /// judged against the stated ratio; either row failing leaves it unmeasured.
    @Test func aComparisonIsJudgedByTheRatioOfTheTwoRows() {
        var more = Self.claim(StatedValue(min: 1.1, unit: .times, text: "higher overhead"), metric: "per_process_s", variant: "py.fork",
                              scenario: "process-start")
        more.measure.against = ComparedRow(variant: "py.thread")
        let fork = Self.row("py.fork", extra: ["per_process_s": 4e-3])
        let held = ClaimChecker.judge(more, row: fork, against: Self.row("py.thread", extra: ["per_process_s": 2e-4]), cores: 2)
        #expect(held.verdict == .holds)
        #expect(held.measured.map { abs($0 - 20) < 1e-9 } == true)
        #expect(held.reason == .compared(row: "py.fork", figure: 4e-3, other: "py.thread", otherFigure: 2e-4, unit: .seconds))
        #expect(held.because(cores: 2).contains("py.fork 4.0 ms over py.thread 200.0 µs"), "\(held.because(cores: 2))")
        let failed = ClaimChecker.judge(more, row: fork, against: Self.row("py.thread", extra: ["per_process_s": 5e-3]), cores: 2)
        #expect(failed.verdict == .doesNotHold && failed.measured == 0.8)
        #expect(ClaimChecker.judge(more, row: fork, against: nil, cores: 2).reason == .notRun(variant: "py.thread"))
        #expect(ClaimChecker.judge(more, row: fork, against: Self.row("py.thread", status: .skipped), cores: 2).verdict == .notMeasurable)
        #expect(ClaimChecker.judge(more, row: fork, against: Self.row("py.thread", extra: ["per_process_s": 0]), cores: 2).verdict == .notMeasurable)
        // The file's check: the other row must exist, and a ratio has no unit but x.
        #expect(ClaimChecker.problem(with: more) == nil)
        var unknown = more
        unknown.measure.against = ComparedRow(variant: "py.nope")
        #expect(ClaimChecker.problem(with: unknown)?.contains("unknown variant 'py.nope' in 'against' of process-start") == true)
        var seconds = more
        seconds.stated.unit = .millisecond
        #expect(ClaimChecker.problem(with: seconds)?.contains("accepted unit: x") == true)
        var outOfRange = more
        outOfRange.measure.against = ComparedRow(variant: "py.thread", params: ["starts": 0])
        #expect(ClaimChecker.problem(with: outOfRange)?.contains("starts=0 is out of range") == true)
    }

    /// The other row of a comparison runs at its own parameters, beside any run at the same ones.
    @Test func aComparisonsOtherRowRunsAtItsOwnParameters() {
        var memory = Self.claim(StatedValue(max: 1 / 1.1, unit: .times, text: "极小"), metric: "resident_per_task_bytes", variant: "py.asyncio",
                                scenario: "massive", params: ["tasks": 100_000, "sleep_ms": 1000])
        memory.measure.against = ComparedRow(variant: "py.threads", params: ["tasks": 1000, "sleep_ms": 2000])
        var start = Self.claim(StatedValue(min: 1.1, unit: .times, text: "higher"), metric: "per_process_s", variant: "py.fork",
                               scenario: "process-start")
        start.measure.against = ComparedRow(variant: "py.thread")
        let experiments = ClaimChecker.experiments(for: [memory, start])
        #expect(experiments.map(\.params) == [["tasks": 100_000, "sleep_ms": 1000], ["tasks": 1000, "sleep_ms": 2000], [:]])
        #expect(experiments.map(\.variants) == [["py.asyncio"], ["py.threads"], ["py.fork", "py.thread"]])
    }

    @Test func blocksAreLinkedByDocumentNameAndLine() throws {
        let file = ClaimsFile(claims: [], blocks: [BlockLink(document: "guide.txt", line: 12, scenario: "race")])
        #expect(ClaimChecker.scenario(forBlockAt: 12, of: "/tmp/x/guide.md", in: file) == "race")
        #expect(ClaimChecker.scenario(forBlockAt: 13, of: "guide.md", in: file) == nil)
        #expect(ClaimChecker.scenario(forBlockAt: 12, of: "other.md", in: file) == nil)
    }

    /// The edges of a verdict: a figure exactly on a bound holds, a range
    /// open on one side bounds that side only, a row without the figure is
    /// not measurable, and ratios are stated only for finite ones.
    @Test func verdictEdges() {
        let closed = StatedValue(min: 5, max: 10, unit: .microsecond, text: "5–10 µs")
        for value in [5e-6, 10e-6] {
            #expect(ClaimChecker.judge(Self.claim(closed), row: Self.row(extra: ["per_switch_s": value]), cores: 2).verdict == .holds)
        }
        let atLeast = StatedValue(min: 1.5, unit: .times, text: "at least 1.5×")
        let speedup = { (value: Double) in
            ClaimChecker.judge(Self.claim(atLeast, metric: "speedup", variant: "py.pool", scenario: "cpu-bound"),
                               row: Self.row("py.pool", speedup: value), cores: 2)
        }
        #expect(speedup(100).verdict == .holds)
        #expect(speedup(1.4).verdict == .doesNotHold)
        #expect(speedup(1.4).because(cores: 2).contains("at least 1.50×"))
        let atMost = StatedValue(max: 1, unit: .kilobyte, text: "under 1 KB")
        let memory = { (bytes: Double) in ClaimChecker.judge(Self.claim(atMost, metric: "resident_per_task_bytes", variant: "py.asyncio",
                                                                         scenario: "massive"),
                                                            row: Self.row("py.asyncio", extra: ["resident_per_task_bytes": bytes]), cores: 2) }
        #expect(memory(0).verdict == .holds)
        #expect(memory(1024).verdict == .holds)
        #expect(memory(1025).verdict == .doesNotHold)
        let missing = ClaimChecker.judge(Self.claim(closed), row: Self.row(extra: [:]), cores: 2)
        #expect(missing.verdict == .notMeasurable)
        #expect(missing.reason == .noFigure(row: "py.threads", metric: "per_switch_s"))
        #expect(missing.because(cores: 2).contains("did not give per_switch_s"))
        let zero = ClaimChecker.judge(Self.claim(closed), row: Self.row(extra: ["per_switch_s": 0]), cores: 2)
        #expect(zero.verdict == .doesNotHold)
        #expect(zero.because(cores: 2).contains("below its low end") && !zero.because(cores: 2).contains("inf"))
    }

    @Test func noVerdictRestsOnAFlaggedFigure() {
        let claim = Self.claim(StatedValue(min: 1.5, unit: .times, text: "1.5x"), metric: "speedup", variant: "py.pool", scenario: "cpu-bound")
        var pool = Self.row("py.pool", speedup: 2.5)
        pool.flag = FigureFlag(kind: .speedupAboveCores, figure: 2.5, bound: 2)
        let verdict = ClaimChecker.judge(claim, row: pool, cores: 2)
        #expect(verdict.verdict == .notMeasurable && verdict.reason == .flagged(row: "py.pool", metric: "speedup", flag: pool.flag!))
        #expect(verdict.because(cores: 2).contains("cannot be taken as measured: speedup 2.50× above the 2 cores"))
        // A flagged parallelism leaves a speedup claim alone.
        pool.flag = FigureFlag(kind: .parallelismAboveCores, figure: 2.3, bound: 2)
        #expect(ClaimChecker.judge(claim, row: pool, cores: 2).verdict == .holds)
    }

    @Test func everyUnitConvertsToItsBase() {
        #expect(StatedUnit.allCases.count == 11)
        #expect(StatedUnit.microsecond.factor == StatedUnit.microsecondASCII.factor)
        #expect(StatedUnit.gigabyte.factor == Double(1 << 30))
        #expect(StatedUnit.allCases.allSatisfy { $0.factor > 0 })
        #expect(Set(StatedUnit.allCases.map(\.quantity)) == [.seconds, .bytes, .ratio, .count])
    }
}
