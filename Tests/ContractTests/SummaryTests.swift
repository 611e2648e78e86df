import Contract
import Testing

@Suite struct StatsTests {
    @Test func summaryOfOddAndEvenCounts() throws {
        let odd = try #require(Summary([3, 1, 2]))
        #expect(odd.median == 2 && odd.min == 1 && odd.max == 3)
        let even = try #require(Summary([4, 1, 3, 2]))
        #expect(even.median == 2.5)
        #expect(Summary([]) == nil)
    }

    @Test func spreadFlagsUnstableSamples() throws {
        #expect(try #require(Summary([1.0, 1.0, 1.0])).isUnstable() == false)
        #expect(try #require(Summary([1.0, 1.5, 0.7])).isUnstable())
        #expect(try #require(Summary([1.0])).isUnstable() == false)
    }
}

