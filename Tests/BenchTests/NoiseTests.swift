import Contract
import Foundation
import Measure
import Testing
@testable import Bench

/// Other work measured during runs, and figures that cannot be true.
@Suite struct NoiseTests {
    func row(_ id: String, _ model: Model, walls: [Double], foreign: [Double]? = nil, parallelism: Double = 1) -> VariantResult {
        var result = VariantResult(id: id, language: .python, model: model, title: id, workers: 1, status: .ok)
        result.wallSeconds = Summary(walls)
        result.processWallSeconds = Summary(walls.map { $0 + 0.1 })
        result.rounds = Array(1...walls.count)
        result.foreignCPUSeconds = foreign ?? walls.map { _ in 0 }
        result.stealSeconds = walls.map { _ in 0 }
        result.parallelism = parallelism
        result.markDisturbance(cores: 2)
        return result
    }

    @Test func aRunIsDisturbedWhenOtherWorkTookAShareOfItsWall() {
        // 1.1 s process walls: 5 % is 0.055 s; on 2 cores, 0.05 s (five ticks) is rounding.
        let r = row("py.serial", .serial, walls: [1, 1, 1, 1], foreign: [0.02, 0.06, 0.05, 0.5])
        #expect(r.disturbedRuns == [1, 3])
        #expect(r.disturbedRounds == [2, 4])
        #expect(r.disturbanceNotes(cores: 2).first == "run 2 (other programs 0.06 s of CPU, 5 % of a core)")
        let short = row("swift.serial", .serial, walls: [0.2], foreign: [0.04])
        #expect(short.disturbedRuns == [])  // 0.04 s on 2 cores is two ticks per CPU: rounding
        #expect(VariantResult.disturbanceFloor(cores: 2) == 0.05 || sysconf(Int32(_SC_CLK_TCK)) != 100)
    }

    /// Up to three disturbed runs are named one by one, with only what
    /// crossed its threshold; more are counted by cause, with its range.
    @Test func disturbedRunsAreSummedUpInOnePhrase() {
        var few = row("py.serial", .serial, walls: [1, 1, 1], foreign: [0.5, 0.01, 0])
        few.stealSeconds = [0.01, 0, 0.2]
        few.markDisturbance(cores: 2)
        #expect(VariantResult.disturbanceSummary([few], cores: 2)
                == "py.serial run 1 (other programs 0.5 s of CPU, 45 % of a core), run 3 (hypervisor steal 0.2 s)")
        let many = row("py.pool", .pool, walls: [1, 1, 1], foreign: [0.3, 0.1, 0.2])
        #expect(VariantResult.disturbanceSummary([few, many], cores: 2)
                == "other programs at 9–45 % of a core in 4 runs (py.serial 1, py.pool 3); hypervisor steal of 0.2 s in 1 run (py.serial 1)")
        #expect(VariantResult.disturbanceSummary([row("py.asyncio", .asyncio, walls: [1, 1, 1])], cores: 2) == nil)
    }

    @Test func disturbedRoundsLeaveThePairedRatiosWhileThreeCleanOnesRemain() {
        let serial = row("py.serial", .serial, walls: [2, 2, 4, 2, 2], foreign: [0, 0, 1.5, 0, 0])
        let pool = row("py.pool", .pool, walls: [1, 1, 1, 1, 1])
        #expect(VariantResult.pairedRatios(serial, over: pool) == [2, 2, 2, 2])  // round 3 left out
        let few = row("py.serial", .serial, walls: [2, 4, 2], foreign: [0, 1.5, 0])
        #expect(VariantResult.pairedRatios(few, over: row("py.pool", .pool, walls: [1, 1, 1])) == [2, 4, 2])  // two clean rounds: all kept
    }

    @Test func aSpeedupAboveTheCoresIsFlaggedAndNamesTheDisturbedRuns() {
        var rows = [row("py.serial", .serial, walls: [2.5, 2.5, 2.5], foreign: [0, 0.9, 0]),
                    row("py.pool", .pool, walls: [1, 1, 1], parallelism: 1.9),
                    row("py.threads", .threads, walls: [2.5, 2.5, 2.5])]
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.95))
        #expect(rows[1].speedup == 2.5)
        #expect(rows[1].implausible?.hasPrefix("speedup 2.50× above the 2 cores: other work during py.serial run 2 (other programs") == true,
                "\(rows[1].implausible ?? "nil")")
        #expect(rows[0].implausible == nil && rows[2].implausible == nil)
        // More than three disturbed runs are counted by cause, in a phrase of its own
        // (0.9 s of a 2.6 s run, 0.3 s of a 1.1 s run).
        var busy = [row("py.serial", .serial, walls: [2.5, 2.5, 2.5], foreign: [0.9, 0.9, 0.9]),
                    row("py.pool", .pool, walls: [1, 1, 1], foreign: [0.3, 0, 0.3], parallelism: 1.9)]
        Aggregate.speedups(&busy, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.95))
        #expect(busy[1].implausible?.hasPrefix("speedup 2.50× above the 2 cores: other work took the CPU during their runs — "
                                                 + "other programs at 27–35 % of a core in 5 runs (py.pool 2, py.serial 3)") == true,
                "\(busy[1].implausible ?? "nil")")
        // Above the measured native parallelism by more than its own interval.
        var native = [row("py.serial", .serial, walls: [2, 2, 2]), row("py.pool", .pool, walls: [1.02, 1.02, 1.02])]
        Aggregate.speedups(&native, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.6))
        #expect(native[1].implausible?.contains("above the native parallelism 1.60") == true)
        #expect(native[1].implausible?.contains("no other work was measured") == true)
        // Waiting work is not bounded by the cores: a sleep-bound baseline (parallelism 0.01) flags nothing.
        var waiting = [row("py.serial", .serial, walls: [4, 4, 4], parallelism: 0.01), row("py.asyncio", .asyncio, walls: [1, 1, 1])]
        Aggregate.speedups(&waiting, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.9))
        #expect(waiting[1].speedup == 4 && waiting[1].implausible == nil)
    }

    @Test func aFlagSaysWhenTheBaselineItselfRanSlow() {
        // py.asyncio runs the same tasks on one core faster than py.serial in
        // every round: the pool's speedup passes the cores over a slow baseline.
        var rows = [row("py.serial", .serial, walls: [2.2, 2.2, 2.2, 2.2, 2.2]),
                    row("py.pool", .pool, walls: [1.05, 1.05, 1.05, 1.05, 1.05], parallelism: 1.9),
                    row("py.asyncio", .asyncio, walls: [2, 2, 2, 2, 2])]
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.95))
        let flag = rows[1].implausible ?? ""
        #expect(flag.hasPrefix("speedup 2.10× above the 2 cores: no other work was measured"), "\(flag)")
        #expect(flag.hasSuffix("; py.asyncio did the same work on one core 1.10× (1.10–1.10× in 5 rounds, 93.8 % interval) faster than py.serial: "
                               + "the baseline itself ran slow"), "\(flag)")
        // A one-core row no faster in every round says nothing of the baseline.
        rows[2].wallSeconds = Summary([2, 2.3, 2, 2, 2])
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.95))
        #expect(rows[1].implausible?.contains("the baseline itself") == false)
    }

    @Test func aParallelismAboveTheCoresIsFlagged() {
        var rows = [row("swift.serial", .serial, walls: [1, 1, 1]), row("swift.threads", .threads, walls: [0.6, 0.6, 0.6], parallelism: 2.3)]
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: (cores: 2, nativeParallelism: 1.9))
        #expect(rows[1].implausible?.hasPrefix("parallelism 2.30 above the 2 cores") == true)
    }

    @Test func noConclusionOrVerdictRestsOnAnImplausibleRow() {
        let claim = Claim(id: "c", quote: "q", document: "d", stated: StatedValue(min: 1.5, unit: .times, text: "1.5x"),
                          measure: ClaimMeasure(scenario: "cpu-bound", variant: "py.pool", metric: "speedup"))
        var pool = row("py.pool", .pool, walls: [1, 1, 1])
        pool.speedup = 2.5
        pool.implausible = "speedup 2.50× above the 2 cores"
        let verdict = ClaimChecker.judge(claim, row: pool, cores: 2)
        #expect(verdict.verdict == .notMeasurable && verdict.reason.contains("cannot be true here"))
    }
}
