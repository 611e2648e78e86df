import Console
import Contract
import Foundation
import Kernels
import Measure
import Processes

/// The machine's measured native parallelism: how much more work the native
/// kernel gets done per wall second on all online cores than on one.
/// On a quiet 2-core machine about 2; on a busy one less. Verdicts are stated
/// against this figure, not against the number of cores.
public enum Calibration {
    public static func nativeParallelism(cores: Int = MachineInfo.onlineCores, n: Int = 10_000_000, rounds: Int = 5) -> Double {
        guard cores > 1 else { return 1 }
        // The best of several rounds on each side, as timeit does: other
        // processes only ever make a round slower.
        var one = Double.infinity, all = Double.infinity
        for _ in 0..<rounds {
            one = min(one, wall { consume(NativeThread.runAll(1) { _ in SumOfSquares.task(n: n) }) })
            all = min(all, wall { consume(NativeThread.runAll(cores) { _ in SumOfSquares.task(n: n) }) })
        }
        return (Double(cores) * one / all * 100).rounded() / 100
    }

    /// The same, measured in a worker process that pyvs watches as it
    /// watches every measured run (so the calibration shares the machine
    /// with the same observer as the variants compared with it); in this
    /// process if the worker cannot run.
    public static func nativeParallelism(supervisor: Supervisor) -> Double {
        let worker = Worker.process(.calibrate, limits: Limits(timeout: 120), captureLimitBytes: 64 << 10)
        let outcome = worker.run(in: supervisor)
        if outcome.ending == .exited(0), let measured = WorkerReply.decode(outcome.report)?.nativeParallelism { return measured }
        return nativeParallelism()
    }

    private static func wall(_ body: () -> Void) -> Double {
        let start = Clock.now()
        body()
        return Clock.now() - start
    }

    /// Keeps the results alive so the work producing them cannot be removed.
    @inline(never)
    static func consume(_ results: [(value: UInt128, cpuSeconds: Double)]) {
        if results.contains(where: { $0.value == 1 }) { Output.stderr("") }
    }
}
