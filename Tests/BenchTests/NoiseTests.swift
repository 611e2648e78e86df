import Contract
import Foundation
import Measure
import Report
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

    let machine = MachineContext(cores: 2, reference: nil)

    @Test func aSpeedupAboveTheCoresIsFlaggedAndNamesTheDisturbedRuns() throws {
        var rows = [row("py.serial", .serial, walls: [2.5, 2.5, 2.5], foreign: [0, 0.9, 0]),
                    row("py.pool", .pool, walls: [1, 1, 1], parallelism: 1.9),
                    row("py.threads", .threads, walls: [2.5, 2.5, 2.5])]
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        #expect(rows[1].speedup == 2.5)
        let flag = try #require(rows[1].flag)
        #expect(flag.kind == .speedupAboveCores && flag.figure == 2.5 && flag.bound == 2 && flag.baseline == "py.serial")
        #expect(rows[0].flag == nil && rows[2].flag == nil)
        let scenario = ScenarioResult(name: "s", title: "t", params: [:], variants: rows)
        let note = try #require(FlagWords.note(rows[1], in: scenario, cores: 2))
        #expect(note.hasPrefix("py.pool: ! speedup 2.50× above the 2 cores; other work during py.serial run 2 (other programs"), "\(note)")
        #expect(note.hasSuffix("; no conclusion rests on it."))
        // More than three disturbed runs are counted by cause, in a phrase of its own
        // (0.9 s of a 2.6 s run, 0.3 s of a 1.1 s run).
        var busy = [row("py.serial", .serial, walls: [2.5, 2.5, 2.5], foreign: [0.9, 0.9, 0.9]),
                    row("py.pool", .pool, walls: [1, 1, 1], foreign: [0.3, 0, 0.3], parallelism: 1.9)]
        Aggregate.speedups(&busy, rule: .againstModel(.serial), machine: machine)
        let busyNote = try #require(FlagWords.note(busy[1], in: ScenarioResult(name: "s", title: "t", params: [:], variants: busy), cores: 2))
        #expect(busyNote.contains("speedup 2.50× above the 2 cores; other work took the CPU during their runs — "
                                  + "other programs at 27–35 % of a core in 5 runs (py.pool 2, py.serial 3)"), "\(busyNote)")
        // Rows over the cores over one baseline share one note.
        var three = [row("py.serial", .serial, walls: [2.5, 2.5, 2.5]), row("py.pool", .pool, walls: [1, 1, 1], parallelism: 1.9),
                     row("py.executor", .executor, walls: [1.2, 1.2, 1.2], parallelism: 1.9)]
        Aggregate.speedups(&three, rule: .againstModel(.serial), machine: machine)
        #expect(FlagWords.notes(for: ScenarioResult(name: "s", title: "t", params: [:], variants: three), cores: 2)
                == ["py.pool 2.50×, py.executor 2.08×: ! speedups above the 2 cores; no conclusion rests on them."])
        // Waiting work is not bounded by the cores: a sleep-bound baseline (parallelism 0.01) flags nothing.
        var waiting = [row("py.serial", .serial, walls: [4, 4, 4], parallelism: 0.01), row("py.asyncio", .asyncio, walls: [1, 1, 1])]
        Aggregate.speedups(&waiting, rule: .againstModel(.serial), machine: machine)
        #expect(waiting[1].speedup == 4 && waiting[1].flag == nil)
    }

    /// The same work on one core's worth of CPU cannot finish 1.4 times
    /// sooner: the baseline ran slow in those rounds, whatever the machine
    /// gave. Within the row's own concurrency, nothing is flagged.
    @Test func aSpeedupAboveItsOwnConcurrencyIsASlowBaseline() throws {
        var rows = [row("py.serial", .serial, walls: [1.4, 1.4, 1.4, 1.4, 1.4]),
                    row("py.asyncio", .asyncio, walls: [1, 1, 1, 1, 1]),
                    row("py.pool", .pool, walls: [0.75, 0.75, 0.75, 0.75, 0.75], parallelism: 1.9)]
        rows[0].peakConcurrency = 1.0
        rows[1].peakConcurrency = 1.01
        rows[2].peakConcurrency = 1.92
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        let flag = try #require(rows[1].flag)
        #expect(flag.kind == .speedupAboveConcurrency)
        #expect(abs(flag.bound - 1.01) < 1e-9)
        #expect(rows[2].flag == nil)  // 1.87× at a concurrency of up to 1.92
        let words = FlagWords.reason(flag, rows: [rows[1]], cores: 2)
        #expect(words.hasPrefix("speedup 1.40× (at least 1.40× round by round) above the row's own concurrency over the baseline's, 1.01"), "\(words)")
        #expect(words.hasSuffix(": the baseline ran slow in those rounds"), "\(words)")
        // Within the slack (5 %) a one-core row's small gain stands.
        rows[1].wallSeconds = Summary([1.36, 1.36, 1.36, 1.36, 1.36])
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        #expect(rows[1].flag == nil)
    }

    /// Seen in a --quick check while a build ran: py.serial got half a core
    /// (parallelism 0.49) and py.threads read 2.10× on a GIL build. A
    /// baseline that other work starved is bounded like a busy one.
    @Test func aStarvedBaselineStillBoundsTheSpeedup() throws {
        var rows = [row("py.serial", .serial, walls: [0.23], foreign: [0.12], parallelism: 0.49),
                    row("py.threads", .threads, walls: [0.15], parallelism: 0.54)]
        rows[0].peakConcurrency = 0.49
        rows[1].peakConcurrency = 0.54
        #expect(rows[0].disturbedRuns == [0])
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        let flag = try #require(rows[1].flag)
        #expect(flag.kind == .speedupAboveConcurrency && abs(flag.bound - 0.54 / 0.49) < 1e-9)
        // Undisturbed, a baseline under 0.9 is waiting work: not bounded.
        var waiting = [row("py.sleep-serial", .serial, walls: [1.0], parallelism: 0.01),
                       row("py.sleep-threads", .threads, walls: [0.1], parallelism: 0.05)]
        Aggregate.speedups(&waiting, rule: .againstModel(.serial), machine: machine)
        #expect(waiting[1].flag == nil && waiting[1].speedup == 10)
    }

    @Test func aFlagSaysWhenTheBaselineItselfRanSlow() throws {
        // py.asyncio runs the same tasks on one core faster than py.serial in
        // every round: the pool's speedup passes the cores over a slow baseline.
        var rows = [row("py.serial", .serial, walls: [2.2, 2.2, 2.2, 2.2, 2.2]),
                    row("py.pool", .pool, walls: [1.05, 1.05, 1.05, 1.05, 1.05], parallelism: 1.9),
                    row("py.asyncio", .asyncio, walls: [2, 2, 2, 2, 2])]
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        let slow = try #require(rows[1].flag?.slowBaseline)
        #expect(slow.peer == "py.asyncio" && slow.baseline == "py.serial" && abs(slow.ratio - 1.1) < 1e-9 && slow.rounds == 5)
        let words = FlagWords.reason(try #require(rows[1].flag), rows: [rows[1]], cores: 2)
        #expect(words == "speedup 2.10× above the 2 cores; py.asyncio did the same work on one core 1.10× (1.10×–1.10× in 5 rounds) "
                + "faster than py.serial: the baseline ran slow", "\(words)")
        // A one-core row no faster in every round says nothing of the baseline.
        rows[2].wallSeconds = Summary([2, 2.3, 2, 2, 2])
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        #expect(rows[1].flag != nil && rows[1].flag?.slowBaseline == nil)
    }

    /// Per thread, each variant does work of its own: a faster one-thread
    /// row of another variant says nothing of the baseline.
    @Test func perThreadSpeedupsNameNoSlowBaseline() throws {
        func threads(_ id: String, _ count: Int, walls: [Double]) -> VariantResult {
            var result = row(id, .threads, walls: walls, parallelism: Double(count))
            result.threads = count
            result.label = "\(id) ×\(count)"
            return result
        }
        var rows = [threads("py.processes", 1, walls: [2, 2, 2, 2, 2]), threads("py.processes", 2, walls: [0.9, 0.9, 0.9, 0.9, 0.9]),
                    threads("py.sha", 1, walls: [0.2, 0.2, 0.2, 0.2, 0.2])]
        Aggregate.speedups(&rows, rule: .perThread, machine: machine)
        let flag = try #require(rows[1].flag)
        #expect(flag.kind == .speedupAboveCores && flag.slowBaseline == nil)
    }

    @Test func aParallelismAboveTheCoresIsFlagged() throws {
        var rows = [row("swift.serial", .serial, walls: [1, 1, 1]), row("swift.threads", .threads, walls: [0.6, 0.6, 0.6], parallelism: 2.3)]
        Aggregate.speedups(&rows, rule: .againstModel(.serial), machine: machine)
        let flag = try #require(rows[1].flag)
        #expect(flag.kind == .parallelismAboveCores && !flag.flagsSpeedup && flag.figure == 2.3)
        #expect(FlagWords.reason(flag, rows: [rows[1]], cores: 2) == "parallelism 2.30 above the 2 cores")
    }
}
