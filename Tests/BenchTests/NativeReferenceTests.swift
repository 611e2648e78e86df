import Contract
import Measure
import Report
import Testing
@testable import Bench

/// The native reference measured in every round, and verdicts that hold
/// when the machine's capacity moves in the middle of a run (synthetic
/// rounds: no timing).
@Suite struct NativeReferenceTests {
    func row(_ id: String, threads: Int, walls: [Double], concurrency: [Double], language: Language = .python) -> VariantResult {
        var row = VariantResult(id: id, label: "\(id) ×\(threads)", language: language, model: .threads, title: id,
                                workers: threads, threads: threads, status: .ok)
        row.wallSeconds = Summary(walls)
        row.rounds = Array(1...walls.count)
        row.parallelism = concurrency.reduce(0, +) / Double(concurrency.count)
        row.concurrency = row.parallelism
        row.concurrencyInterval = Statistics.medianInterval(concurrency).map { [$0.low, $0.high] }
        return row
    }

    /// Six rounds; from the fourth on, both cores run at half speed and
    /// two threads get one core between them: native ×2 (each thread the
    /// work of ×1) takes twice as long as ×1.
    func rounds(halving: Bool) -> (rows: [VariantResult], reference: NativeReference) {
        let slow = { (base: [Double], factor: Double) in base.enumerated().map { halving && $0.offset >= 3 ? $0.element * factor : $0.element } }
        let one = row("native.threads", threads: 1, walls: slow([1, 1, 1, 1, 1, 1], 2), concurrency: [1, 1, 1, 1, 1, 1], language: .swift)
        let two = row("native.threads", threads: 2, walls: slow([1, 1, 1, 1, 1, 1], 4), concurrency: [1.95, 1.96, 1.97, 1.95, 1.96, 1.94],
                      language: .swift)
        let reference = NativeReference(n: 1, rows: [one, two], rounds: Aggregate.referenceRounds([one, two]))
        let rows = [
            row("py.threads", threads: 1, walls: slow([2, 2, 2, 2, 2, 2], 2), concurrency: [1, 1, 1, 1, 1, 1]),
            row("py.threads", threads: 2, walls: slow([4, 4, 4, 4, 4, 4], 2), concurrency: [0.99, 1, 0.98, 1, 0.99, 1]),
            row("swift.threads", threads: 1, walls: slow([1, 1, 1, 1, 1, 1], 2), concurrency: [1, 1, 1, 1, 1, 1], language: .swift),
            row("swift.threads", threads: 2, walls: slow([1, 1, 1, 1, 1, 1], 4), concurrency: [1.96, 1.95, 1.97, 1.94, 1.96, 1.95],
                language: .swift),
        ]
        return (rows, reference)
    }

    func verdicts(halving: Bool) -> [String?] {
        var (rows, reference) = rounds(halving: halving)
        let context = MachineContext(cores: 2, reference: reference)
        Aggregate.speedups(&rows, rule: .perThread, machine: context)
        let spec = Catalogue.gil
        return rows.map { row in spec.rowVerdict?(row, spec.variant(row.id)!, context).map(VerdictWords.text) }
    }

    @Test func eachRoundHasItsOwnNativeParallelism() throws {
        let reference = rounds(halving: true).reference
        #expect(reference.parallelism(threads: 2).map(\.parallelism) == [2, 2, 2, 1, 1, 1])
        #expect(reference.spread(threads: 2) == Spread([2, 2, 2, 1, 1, 1]))
        #expect(reference.threadCounts == [2])
        #expect(reference.threads(for: 4, cores: 2) == 2)
    }

    @Test func theVerdictsDoNotMoveWhenTheCoresSlowDownMidRun() throws {
        let steady = verdicts(halving: false), halved = verdicts(halving: true)
        func kind(_ text: String?) -> String? {
            ["serialised by the GIL", "runs in parallel", "partly parallel", "did not run in parallel"].first { text?.contains($0) == true }
        }
        #expect(kind(steady[1]) == "serialised by the GIL" && kind(halved[1]) == "serialised by the GIL")
        #expect(kind(steady[3]) == "runs in parallel" && kind(halved[3]) == "runs in parallel")
        // What the machine gave is stated beside them.
        #expect(halved[3]?.contains("native threads reached 1.50× (1.00×–2.00×) in the same rounds") == true, "\(halved[3] ?? "nil")")
    }

    /// A parallel row is set beside native threads of the same round: the
    /// Swift threads kept pace with them (1.0 of theirs) in every round
    /// though their speedup fell from 2× to 1×.
    @Test func aParallelRowsSpeedupIsAShareOfNativeThreadsInTheSameRounds() throws {
        var (rows, reference) = rounds(halving: true)
        Aggregate.speedups(&rows, rule: .perThread, machine: MachineContext(cores: 2, reference: reference))
        let swift = try #require(rows[3].native)
        #expect(swift.threads == 2 && swift.share == 1 && swift.native == Spread([2, 2, 2, 1, 1, 1]))
        // Python threads: 1× throughout, half of native threads' 2× and all of their 1×.
        #expect(rows[1].native?.share == 0.75)
        #expect(rows[0].native == nil && rows[2].native == nil)  // baselines
    }

    @Test func theRuleNamesOneThreadAndW() {
        #expect(ReferenceRule.parameter("workers").threadCounts(params: ["workers": 4], points: [nil]) == [1, 4])
        #expect(ReferenceRule.parameter("workers").threadCounts(params: ["workers": 1], points: [nil]) == [1])
        #expect(ReferenceRule.series.threadCounts(params: [:], points: [1, 2, 4]) == [1, 2, 4])
    }
}
