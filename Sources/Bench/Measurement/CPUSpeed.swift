import CProcess
import Console
import Contract
import Foundation
import Kernels
import Measure

/// How fast each CPU runs right now. On a virtual machine whose CPUs share
/// physical cores with other machines, the host can slow a CPU by a third
/// or more for seconds at a time while counting no steal time: the same
/// loop took 3.3 ms or 5.5 ms on one CPU of a 2-core machine, in stretches
/// of seconds, with nothing else running. A counted run in such a stretch
/// is slower for a reason that is not its code. The probe — the native
/// kernel on a thread pinned to each CPU the process may use, all at once,
/// the best of three — runs before and after each counted run, outside its
/// measured region; a run's speed is its probes' slowest CPU beside that
/// CPU's usual speed in the scenario (`speeds`).
public enum CPUSpeed {
    /// The probe's loop: about half a millisecond of native work.
    static let n = 1_000_000

    /// Seconds each CPU took for the probe, in the order of `cpus()`.
    public static func probe(repeats: Int = 3) -> [Double] {
        let cpus = self.cpus()
        return NativeThread.runAll(cpus.count) { index in
            pin(to: cpus[index])
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = Clock.now()
                let value = SumOfSquares.task(n: n)
                best = min(best, Clock.now() - start)
                if value == 1 { Output.stderr("") }  // keeps the work
            }
            return best
        }.map(\.value)
    }

    /// Each run's speed, from its probes (before and after, `probes[run]`):
    /// for every CPU, its usual time in these runs (the lower quartile of
    /// all its probes: the fastest alone would be one lucky probe, and
    /// would drift with the number of runs) over the slower of this run's
    /// two probes, at most 1; the lowest of those. Nil where a run has no probes.
    public static func speeds(_ probes: [[[Double]]?]) -> [Double?] {
        var times: [[Double]] = []
        for probe in probes.compactMap({ $0 }).joined() {
            for (cpu, seconds) in probe.enumerated() {
                if cpu < times.count { times[cpu].append(seconds) } else { times.append([seconds]) }
            }
        }
        let usual = times.map { $0.sorted()[($0.count - 1) / 4] }
        return probes.map { probe in
            guard let probe, !probe.isEmpty else { return nil }
            let ratios = usual.indices.compactMap { cpu -> Double? in
                let slowest = probe.compactMap { cpu < $0.count ? $0[cpu] : nil }.max()
                return slowest.map { $0 > 0 ? min(1, usual[cpu] / $0) : 1 }
            }
            return ratios.min().map { ($0 * 1000).rounded() / 1000 }
        }
    }

    /// The CPUs this process may run on.
    static func cpus() -> [Int32] {
        let cpus = (0..<Int32(max(1, sysconf(Int32(_SC_NPROCESSORS_CONF))))).filter { pyvs_may_run_on($0) != 0 }
        return cpus.isEmpty ? [0] : cpus
    }

    /// Keeps the calling thread on `cpu`.
    static func pin(to cpu: Int32) {
        _ = pyvs_pin_thread(cpu)
    }
}
