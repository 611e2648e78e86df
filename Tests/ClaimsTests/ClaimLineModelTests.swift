@testable import Claims
import Contract
import Foundation
import Testing

/// The claim-line model: which lines it weighs, that its trained weights
/// are whole, and that a line it takes for a claim where no statement was
/// read is listed as found, not read, and never judged.
@Suite struct ClaimLineModelTests {
    static let page = """
    ---
    title: Threads and the GIL
    ---

    # Threads and the GIL

    - [Why threads](#why-threads)
    - 1.2 并行（Parallelism）

    For CPU-bound work in Python, threads are effectively held back by the GIL.

    Why does this happen?

    We went to the market on Saturday and bought apples for the whole family.

    | Model | Notes on the model |
    | --- | --- |
    | threads | take turns on one core |

    ```text
    t=0ms: T1 holds the GIL on core 0
    ```

    ```python
    import threading  # threads take turns holding the lock
    x = 1
    ```

    │  threads take turns holding the lock  │
    """

    @Test func itWeighsProseItemsTablesHeadingsAndCommentsOnly() {
        let kinds = Dictionary(uniqueKeysWithValues: ClaimLineModel.lines(Self.page).map { line in
            (line.line, line.features.keys.first { $0.hasPrefix("kind=") } ?? "?")
        })
        // Not the front matter (1–3), the table of contents (7, 8), the question (12), the table's
        // header (16) and rule (17), the timeline in a text block (21), code without a comment (26),
        // nor the diagram drawn with box characters (29).
        #expect(kinds == [5: "kind=heading", 10: "kind=prose", 14: "kind=prose", 18: "kind=table", 25: "kind=code"], "\(kinds)")
        let comment = ClaimLineModel.lines(Self.page).first { $0.line == 25 }
        #expect(comment?.features["w:import"] == nil && comment?.features["w:turns"] != nil, "a line of code is weighed by its comment")
    }

    @Test func aLineIsWeighedByItsWordsPairsAndCharactersOnceEach() {
        let features = ClaimLineModel.features("线程 threads threads run", kind: "prose", heading: "# GIL")
        let names = Set(features.keys)
        #expect(names.isSuperset(of: ["w:threads", "w:run", "b:threads_threads", "b:threads_run", "c:线", "c:程", "cc:线程", "h:gil",
                                      "kind=prose", "bias"]))
        // Eight names of words (2), pairs (2), characters (2), a pair of them and the heading, each weighed 1/√8; the kind and the constant whole.
        #expect(features.filter { $0.value < 1 }.count == 8 && features.values.allSatisfy { $0 == 1 || abs($0 - 1 / 8.0.squareRoot()) < 1e-12 })
        #expect(features["digit"] == nil && ClaimLineModel.features("about 5 ms", kind: "prose", heading: "")["unit"] == 1)
    }

    /// The first family of cue words on the line names the quantity; one with none suggests nothing.
    @Test(arguments: [
        ("Creating a process is far slower than you think.", "process-start py.fork per_process_s"),
        ("Each process has its own memory space.", nil),
        ("Threads doing CPU-heavy work do not get any speed from more cores.", "cpu-bound py.threads speedup"),
        ("Two threads incrementing one counter race without a lock.", "race py.threads-unlocked lost"),
        ("Asyncio is the better choice when most of the time goes to waiting on I/O.", "io-bound py.sleep-asyncio speedup"),
        ("The interpreter was written by volunteers over many years.", nil),
    ] as [(String, String?)])
    func aLineNotReadIsOfferedTheExperimentItsCuesSuggest(line: String, experiment: String?) {
        let suggested = ClaimSuggestion.suggest(line: 1, lines: [line], headings: []).map { "\($0.measure.scenario) \($0.measure.variant) \($0.measure.metric)" }
        #expect(suggested == experiment)
    }

    /// An item that asks is no claim; one that opens like a question but states is.
    @Test(arguments: [
        ("1. Which approach demonstrates true parallelism in Python? Explain.", true),
        ("5. Which method is better for CPU-bound tasks and which for I/O-bound", true),
        ("- **Can threads run Python code in parallel?** No.", true),
        ("- When tasks wait on I/O, threads help", false),
        ("Is the GIL released while waiting on I/O? Yes, it is.", true),
        ("How threads share one interpreter lock is shown below.", false),
        ("What is GIL? As a result no two threads can execute bytecode at the same time.", false),
        ("什么是GIL？它让同一时刻只有一个线程执行字节码。", false),
    ] as [(String, Bool)])
    func aQuestionSetAsAnItemAsks(line: String, asks: Bool) {
        #expect(ClaimScanner.asks(line) == asks)
    }

    @Test func theTrainedWeightsAreWhole() {
        let rows = ClaimLineModel.trainedWeights.split(separator: "\n")
        #expect(rows.count > 1000, "tools/claims-train.py writes thousands of weights")
        #expect(ClaimLineModel.weights.count == rows.count, "every row is a name, a tab and a number")
        #expect(ClaimLineModel.weights["bias"] != nil)
    }

    @Test func aClaimTheModelFindsButNoPatternReadsIsListedNotJudged() throws {
        let file = FoundClaims.read(Self.page, document: "page.md")
        let notRead = (file.unjudged ?? []).filter {
            if case .notRead = $0.why { return true } else { return false }
        }
        #expect(notRead.map(\.line) == [10], "\(notRead.map { ($0.line, $0.why) })")
        if case let .notRead(likelihood) = notRead.first?.why {
            #expect(likelihood >= ClaimLineModel.threshold && likelihood <= 1)
        }
        #expect(!file.claims.contains { $0.line == 10 }, "a line whose bound was not read is never judged")
        #expect(notRead.first?.stated.text == "" && notRead.first?.stated.min == nil && notRead.first?.stated.max == nil)
        // Its words suggest the experiment that would judge it: threads "held back by the GIL", on CPU-bound work;
        // they lean no way ("held back" is no word of one at a time), so it is listed, not judged.
        let measure = notRead.first?.measure
        #expect(measure?.scenario == "cpu-bound" && measure?.variant == "py.threads" && measure?.metric == "parallelism", "\(String(describing: measure))")
        #expect(notRead.first?.reading.quantity == .parallelism && notRead.first?.reading.quantityWords == "GIL")
        // Its reason travels in the claims file as {"not_read": {"likelihood": …}}.
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(notRead.first?.why)) as? [String: [String: Double]]
        #expect(json?["not_read"]?["likelihood"] != nil)
    }
}
