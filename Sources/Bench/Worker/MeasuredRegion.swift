import Contract
import Measure

/// The measured region's figures, per loop.
struct MeasuredRegion<T> {
    var value: T
    /// What every loop returned, in order (`value` is the last).
    var values: [T]
    var wall: Double
    /// User and system CPU seconds of the process and its waited-for children.
    var user: Double
    var system: Double
    var cpu: Double { user + system }
    var loops: Int
    /// Runs of the body in all: the loops, and the calibrating run before them.
    var calls: Int
    /// Whether the figures are the median loop's (loops timed one by one),
    /// not the mean of loops timed together.
    var medianLoop = false

    /// Runs the measured region: monotonic wall and CPU of this process and
    /// of the children it waited for. As pyperf does, a body that takes less
    /// than `minTime` is run again `loops` times in a row and the figures are
    /// per loop: a 10 ms parallel region is otherwise dominated by scheduling
    /// noise. Before those loops it is run, untimed, until `minTime` has
    /// passed (pyperf's warm-ups): the runs calibrate the loop count, and the
    /// loops then meet a process the kernel has learned — in a process a few
    /// milliseconds old, Linux often starts a new thread on its creator's CPU
    /// and leaves it there for a whole 6 ms region.
    ///
    /// Loops of `eachLoopAbove` or more are timed one by one and the figures
    /// are the median loop's: one loop in 17 that another program, a page
    /// fault or pyvs's own look slowed (to twice its time here) no longer
    /// raises the run's figure by some percent. Shorter loops are timed
    /// together, as pyperf times them: reading the clocks around each would
    /// be part of what is measured. (`clock` and `cpuClock` are the
    /// monotonic clock and this process tree's CPU, but for tests.)
    static func measure(minTime: Double = 0.1, eachLoopAbove: Double = 0.001,
                        clock: () -> Double = Clock.now, cpuClock: () -> (user: Double, system: Double) = Clock.processTreeCPU,
                        _ body: () throws -> T) rethrows -> MeasuredRegion<T> {
        func timed(_ loops: Int, each: Bool = false) throws -> MeasuredRegion<T> {
            var values: [T] = []
            var walls: [Double] = [], users: [Double] = [], systems: [Double] = []
            let cpu0 = cpuClock()
            let t0 = clock()
            var (lastCPU, last) = (cpu0, t0)
            for _ in 0..<loops {
                values.append(try body())
                guard each else { continue }
                let (cpu, now) = (cpuClock(), clock())
                walls.append(now - last); users.append(cpu.user - lastCPU.user); systems.append(cpu.system - lastCPU.system)
                (lastCPU, last) = (cpu, now)
            }
            let t1 = clock()
            let cpu1 = cpuClock()
            let figure = { (total: Double, each: [Double]) in Statistics.median(each) ?? total / Double(loops) }
            return MeasuredRegion(value: values[values.count - 1], values: values, wall: figure(t1 - t0, walls),
                                  user: figure(cpu1.user - cpu0.user, users), system: figure(cpu1.system - cpu0.system, systems),
                                  loops: loops, calls: loops, medianLoop: each)
        }
        let first = try timed(1)
        guard first.wall < minTime else { return first }
        var warmUps = 1
        var warmUpWall = first.wall
        while warmUpWall < minTime {
            warmUpWall += try timed(1).wall
            warmUps += 1
        }
        let perCall = warmUpWall / Double(warmUps)
        var region = try timed(min(1000, Int((minTime / max(perCall, 1e-6)).rounded(.up))), each: perCall >= eachLoopAbove)
        region.calls += warmUps
        return region
    }
}

extension MeasuredRegion where T == VariantOutput {
    /// One output for the region: the last loop's result, the thread CPU
    /// per loop (the median where the loops were timed one by one, as the
    /// wall is; else the mean), and each metric summed up over the loops as
    /// `metrics` declares it (the median where it declares nothing).
    func perLoop(_ declared: [MetricSpec]) -> VariantOutput {
        var output = value
        let threadCPU = Summary(values.compactMap(\.threadCPUSeconds))
        output.threadCPUSeconds = medianLoop ? threadCPU?.median : threadCPU?.mean
        var metrics: [String: Double] = [:]
        for key in Set(values.flatMap(\.metrics.keys)) {
            let perCall = values.compactMap { $0.metrics[key] }
            switch declared.first(where: { $0.key == key })?.perCall ?? .median {
            case .median: metrics[key] = Statistics.median(perCall)
            case .mean: metrics[key] = Summary(perCall)?.mean
            }
        }
        output.metrics = metrics
        return output
    }
}
