import Console
import Contract
import Dispatch
import Foundation
import Kernels
import Measure
import Processes

/// context-switch: two parties hand a token back and forth N times, so
/// every handoff is a switch from one to the other; µs per switch, beside
/// the context switches the kernel counted. Python: `pyvs_py.context_switch`.
extension Catalogue {
    public static let contextSwitch: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "context-switch",
            title: "N round trips of a token between two threads, coroutines or processes",
            source: "reference document §6.6",
            pythonModule: "pyvs_py.context_switch",
            parameters: [
                ParameterSpec("round_trips", default: 20_000, quick: 2_000, range: 1...10_000_000, help: "round trips (two switches each)"),
            ],
            variants: [
                .python("py.threads", .threads, "two threads, two threading.Semaphore", workers: .cores, function: "threads"),
                .python("py.asyncio", .asyncio, "two tasks, await asyncio.sleep(0)", function: "coroutines"),
                .swift("swift.threads", .threads, "two pthreads, two DispatchSemaphore", workers: .cores) { p in ContextSwitch.threads(p) },
                .swift("swift.tasks", .taskGroup, "two tasks, await Task.yield()", workers: .cores) { p in ContextSwitch.tasks(p) },
                .swift("swift.processes", .processes, "two processes, a byte over two pipes", workers: .cores) { p in
                    try ContextSwitch.processes(p)
                },
            ])
        spec.speedup = .noBaseline  // the cost per switch is the figure
        spec.counterparts = [
            Counterpart(python: "py.threads", swift: "swift.threads"),
            Counterpart(python: "py.asyncio", swift: "swift.tasks"),
        ]
        spec.expected = { p in ContextSwitch.describe(p.roundTrips) }
        spec.metrics = [MetricSpec(key: ContextSwitch.perSwitchKey, label: "per switch", unit: .seconds)]
        spec.conclude = ContextSwitch.conclude
        spec.claims = [
            ClaimJudge(.thread, .switchCost, variant: "py.threads", metric: ContextSwitch.perSwitchKey, params: ["round_trips": 20_000]),
            ClaimJudge(.coroutine, .switchCost, variant: "py.asyncio", metric: ContextSwitch.perSwitchKey, params: ["round_trips": 20_000]),
            ClaimJudge(.process, .switchCost, variant: "swift.processes", metric: ContextSwitch.perSwitchKey, params: ["round_trips": 20_000]),
        ]
        return spec
    }()
}

/// The Swift side of context-switch.
public enum ContextSwitch {
    static let perSwitchKey = "per_switch_s"

    static func describe(_ roundTrips: Int) -> String { "\(roundTrips) round trips" }

    /// The handoffs that arrived, counted by the parties themselves (two a round trip).
    static func output(handoffs: Int, _ seconds: Double) -> VariantOutput {
        VariantOutput(result: describe(handoffs / 2), metrics: [perSwitchKey: seconds / Double(max(1, handoffs))])
    }

    /// Two pthreads: each waits on its semaphore and signals the other's.
    static func threads(_ p: Params) -> VariantOutput {
        let (ping, pong) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let count = p.roundTrips
        let start = Clock.now()
        let other = NativeThread {
            var arrived = 0
            for _ in 0..<count { ping.wait(); arrived += 1; pong.signal() }
            return arrived
        }
        var arrived = 0
        for _ in 0..<count { ping.signal(); pong.wait(); arrived += 1 }
        let theirs = other.join().value
        return output(handoffs: arrived + theirs, Clock.now() - start)
    }

    /// Two tasks that each yield N times; on the cooperative pool they may
    /// run on two threads at once, so a yield is not always a switch between them.
    static func tasks(_ p: Params) -> VariantOutput {
        let count = p.roundTrips
        let (yields, seconds) = blockingAwait {
            let start = Clock.now()
            let yields = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        var given = 0
                        for _ in 0..<count { await Task.yield(); given += 1 }
                        return given
                    }
                }
                return await group.reduce(0, +)
            }
            return (yields, Clock.now() - start)
        }
        return output(handoffs: yields, seconds)
    }


    /// A forked child echoes one byte back over a second pipe, N times.
    static func processes(_ p: Params) throws -> VariantOutput {
        var there: [Int32] = [0, 0], back: [Int32] = [0, 0]
        guard pipe(&there) == 0, pipe(&back) == 0 else { throw ProcessError("pipe", code: errno) }
        let count = p.roundTrips
        let start = Clock.now()
        defer { for fd in there + back { close(fd) } }
        let pid = try Fork.child {
            var byte: UInt8 = 0
            for _ in 0..<count {
                guard read(there[0], &byte, 1) == 1, write(back[1], &byte, 1) == 1 else { return 1 }
            }
            return 0
        }
        var byte: UInt8 = 1
        var echoed = 0
        for _ in 0..<count {
            guard write(there[1], &byte, 1) == 1, read(back[0], &byte, 1) == 1 else { break }
            echoed += 1
        }
        try Reaper.waitForSuccess(pid, "the echoing process")
        return output(handoffs: 2 * echoed, Clock.now() - start)
    }

    /// What the kernel counted: a handoff that never left user space shows
    /// as far fewer switches than handoffs.
    static func conclude(_ outcome: ScenarioOutcome) -> [Conclusion] {
        outcome.rows.compactMap { row in
            guard row.status == .ok, let switches = row.contextSwitches else { return nil }
            // A short region runs several times in its worker (and once more to calibrate that).
            let runs = (row.loops ?? 1) > 1 ? (row.loops ?? 1) + 1 : 1
            return .kernelSwitches(variant: row.id, voluntary: switches.voluntary, involuntary: switches.involuntary,
                                   handoffs: 2 * outcome.params.roundTrips * runs, runs: runs)
        }
    }
}

private extension Params {
    var roundTrips: Int { self["round_trips"] ?? 1 }
}
