import Contract
import Foundation
import Measure
import Testing

@Suite struct SignificanceTests {
    @Test func identicalSamplesAreNotSignificant() throws {
        let samples = [1.0, 1.1, 0.9, 1.05, 0.95]
        let result = try #require(MannWhitney.test(samples, samples))
        #expect(result.p > 0.5)
    }

    @Test func clearlySeparatedSamplesAre() throws {
        let a = [1.0, 1.1, 0.9, 1.05, 0.95]
        let result = try #require(MannWhitney.test(a, a.map { $0 * 2 }))
        #expect(result.u == 0)
        #expect(abs(result.p - 2.0 / 252.0) < 1e-9)  // exact: 2 of C(10,5) orderings are this extreme
    }

    @Test func oneSampleEachCannotBeSignificant() throws {
        #expect(try #require(MannWhitney.test([1], [2])).p == 1)
        #expect(MannWhitney.test([], [1]) == nil)
    }

    @Test func largeSamplesUseTheNormalApproximation() throws {
        let a = (0..<30).map { Double($0) }
        let result = try #require(MannWhitney.test(a, a.map { $0 + 100 }))
        #expect(result.p < 1e-6)
    }
}

@Suite struct OutlierTests {
    @Test func aFarSampleIsAnOutlierAndSteadyOnesAreNot() throws {
        #expect(try #require(Summary([1.00, 1.01, 0.99, 1.02, 3.0])).outliers == [3.0])
        #expect(try #require(Summary([1.00, 1.01, 0.99, 1.02, 1.03])).outliers.isEmpty)
        #expect(try #require(Summary([1.0, 1.0, 1.0, 5.0])).outliers.isEmpty)  // no spread to judge by
        #expect(try #require(Summary([1.0, 9.0])).outliers.isEmpty)  // too few samples
    }
}
