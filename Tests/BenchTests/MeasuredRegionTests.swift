import Measure
import Testing
@testable import Bench

/// Keeps the CPU busy for `seconds` (a sleeping body would measure the
/// scheduler's wake-up, not a loop).
private func spin(_ seconds: Double) -> Int {
    let end = Clock.now() + seconds
    var turns = 0
    while Clock.now() < end { turns += 1 }
    return turns
}

@Suite struct MeasuredRegionTests {
    @Test func longLoopsAreTimedOneByOneAndAOneOffSlowLoopDoesNotRaiseTheFigure() {
        // 2 ms a call, but the 30th takes 30 ms: a timed loop, as the
        // calibrating calls (up to 0.05 s, 25 of them) come first.
        var calls = 0
        let region = MeasuredRegion.measure(minTime: 0.05) { () -> Int in
            calls += 1
            return spin(calls == 5 + 25 ? 0.03 : 0.002)
        }
        #expect(region.medianLoop)
        #expect(region.loops >= 20 && region.calls == calls)
        // The mean of the loops would be at least 2 ms + 28 ms / 25 = 3.1 ms.
        #expect(region.wall >= 0.002 && region.wall < 0.0026, "median loop \(region.wall * 1000) ms")
        #expect(region.cpu > 0.0015 && region.cpu < 0.0026, "median loop CPU \(region.cpu * 1000) ms")
    }

    @Test func shortLoopsAreTimedTogetherAndAveraged() {
        let region = MeasuredRegion.measure(minTime: 0.02) { spin(0.0002) }
        #expect(!region.medianLoop)
        #expect(region.loops > 50 && region.values.count == region.loops)
        #expect(region.wall >= 0.0002 && region.wall < 0.0004, "mean loop \(region.wall * 1000) ms")
    }

    @Test func aBodyLongerThanTheMinimumTimeRunsOnce() {
        let region = MeasuredRegion.measure(minTime: 0.01) { spin(0.015) }
        #expect(region.loops == 1 && region.calls == 1 && !region.medianLoop)
        #expect(region.wall >= 0.015)
    }
}
