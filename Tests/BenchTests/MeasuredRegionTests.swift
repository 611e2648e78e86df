import Testing
@testable import Bench

/// A clock that moves only when a body says so: the region's arithmetic,
/// not this machine's speed, is what is checked.
private final class FakeClock {
    var now = 0.0
    var cpu = 0.0
    /// A call that took `seconds` of wall and of user CPU.
    func pass(_ seconds: Double) { now += seconds; cpu += seconds }
}

@Suite struct MeasuredRegionTests {
    /// Measures a body whose calls each take `call` seconds on a fake
    /// clock, but call number `slowCall` `slowFactor` times as long.
    private func measure(minTime: Double, call: Double, slowCall: Int = 0, slowFactor: Double = 1) -> MeasuredRegion<Int> {
        let clock = FakeClock()
        var calls = 0
        return MeasuredRegion.measure(minTime: minTime, clock: { clock.now }, cpuClock: { (clock.cpu, 0) }) {
            calls += 1
            clock.pass(calls == slowCall ? slowFactor * call : call)
            return calls
        }
    }

    // Times in powers of two, so that the sums are exact.
    static let long = 1.0 / 512  // 1.95 ms: above the 1 ms of loops timed one by one
    static let short = 1.0 / 4096  // 0.24 ms

    @Test func longLoopsAreTimedOneByOneAndAOneOffSlowLoopDoesNotRaiseTheFigure() {
        // 32 calibrating calls fill the minimum time (1/16 s); then 32
        // loops, the 5th of which (the 37th call) takes 16 times as long.
        let region = measure(minTime: 1.0 / 16, call: Self.long, slowCall: 37, slowFactor: 16)
        #expect(region.medianLoop)
        #expect(region.calls == 64 && region.loops == 32 && region.values == Array(33...64))
        // The mean of the loops would be 47/32 of a call.
        #expect(region.wall == Self.long, "median loop \(region.wall * 1000) ms")
        #expect(region.user == Self.long && region.system == 0)
    }

    @Test func shortLoopsAreTimedTogetherAndAveraged() {
        // The same with short calls: the mean carries the slow one.
        let region = measure(minTime: 1.0 / 64, call: Self.short, slowCall: 69, slowFactor: 9)
        #expect(!region.medianLoop)
        #expect(region.loops == 64 && region.calls == 128 && region.values == Array(65...128))
        #expect(region.wall == Self.short * 72 / 64, "mean loop \(region.wall * 1000) ms")
    }

    @Test func aBodyLongerThanTheMinimumTimeRunsOnce() {
        let region = measure(minTime: 0.01, call: 0.015)
        #expect(region.loops == 1 && region.calls == 1 && !region.medianLoop)
        #expect(region.wall == 0.015 && region.cpu == 0.015)
    }
}
