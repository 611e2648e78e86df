import Claims
import Contract
import Foundation
import Testing

/// The claims pyvs finds, reads and maps in documents it was not given a
/// claims file for, against the statements labelled by hand in each
/// fixture's .expected.json: every labelled statement is found on its line
/// with its subject, quantity and experiment (or why it is not judged),
/// and nothing is found on a line without a label.
@Suite struct FoundClaimsTests {
    struct Expected: Decodable {
        struct Statement: Decodable {
            let line: Int
            let subject: ClaimSubject
            /// None for a quality in words that names no quantity ("Heavyweight").
            let quantity: ClaimQuantity?
            let count: Int?
            /// "scenario variant metric"
            let judgedBy: String?
            /// An `Unjudged` kind: other_runtime, third_party, no_scenario, comparison.
            let notJudged: String?

            enum CodingKeys: String, CodingKey {
                case line, subject, quantity, count, judgedBy = "judged_by", notJudged = "not_judged"
            }
        }
        let document: String
        let statements: [Statement]
    }

    /// One statement as found: where, how it was read, and by what it is judged or why not.
    struct Found: Equatable, CustomStringConvertible {
        let line: Int
        let subject: ClaimSubject?
        let quantity: ClaimQuantity?
        let count: Int?
        let outcome: String

        var description: String { "line \(line): \(subject?.rawValue ?? "-") \(quantity?.rawValue ?? "-") \(count.map(String.init) ?? "") → \(outcome)" }
    }

    static func found(_ file: ClaimsFile) -> [Found] {
        file.claims.map { claim in
            Found(line: claim.line ?? 0, subject: claim.reading?.subject, quantity: claim.reading?.quantity, count: claim.reading?.count,
                  outcome: "\(claim.measure.scenario) \(claim.measure.variant) \(claim.measure.metric)")
        } + (file.unjudged ?? []).map { found in
            let kind = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(found.why)) as? [String: Any])?.keys.first ?? "?"
            return Found(line: found.line, subject: found.reading.subject, quantity: found.reading.quantity, count: found.reading.count,
                         outcome: "not judged: \(kind)")
        }
    }

    @Test(arguments: ["threads-en", "coroutines-zh", "suitability", "lesson-en", "wording"])
    func everyLabelledStatementIsFoundAndReadAsLabelled(fixture: String) throws {
        let folder = ClaimsTests.root.appendingPathComponent("fixtures/found")
        let text = try String(contentsOf: folder.appendingPathComponent("\(fixture).md"), encoding: .utf8)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("\(fixture).expected.json")))
        let found = Self.found(FoundClaims.read(text, document: expected.document))
        let wanted = expected.statements.map { statement in
            Found(line: statement.line, subject: statement.subject, quantity: statement.quantity, count: statement.count,
                  outcome: statement.judgedBy ?? "not judged: \(statement.notJudged ?? "?")")
        }
        for statement in wanted {
            #expect(found.contains(statement), "\(fixture): missing \(statement); found on its line: \(found.filter { $0.line == statement.line })")
        }
        let labelled = Set(wanted.map(\.line))
        for extra in found where !labelled.contains(extra.line) {
            Issue.record("\(fixture): found on a line with no claim: \(extra)")
        }
        // Numbers that are not claims: the date, the section numbers, range(10).
        #expect(!found.contains { [1, 3, 62, 64].contains($0.line) && fixture == "threads-en" })
    }

    /// A bound in words keeps its bound: "I/O" in a "适用场景" cell is no fraction.
    @Test func whatAModelSuitsIsAtLeastASpeedup() throws {
        let folder = ClaimsTests.root.appendingPathComponent("fixtures/found")
        let text = try String(contentsOf: folder.appendingPathComponent("suitability.md"), encoding: .utf8)
        let suits = FoundClaims.read(text, document: "suitability.md").claims.filter { $0.line == 35 }
        #expect(suits.count == 2 && suits.allSatisfy { $0.stated.min == 1.1 && $0.stated.max == nil }, "\(suits.map(\.stated))")
    }

    @Test func aFoundClaimsFileLoadsBackAsAClaimsFile() throws {
        let folder = ClaimsTests.root.appendingPathComponent("fixtures/found")
        let text = try String(contentsOf: folder.appendingPathComponent("threads-en.md"), encoding: .utf8)
        let file = FoundClaims.read(text, document: "threads-en.md")
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("found-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: saved) }
        try JSONEncoder().encode(file).write(to: saved)
        let loaded = try ClaimChecker.load(saved.path)
        #expect(loaded.claims.count == file.claims.count && !loaded.claims.isEmpty)
        #expect(loaded.claims.allSatisfy { $0.reading != nil })
        #expect(loaded.unjudged?.count == file.unjudged?.count)
    }

    @Test func aStatedFigureIsReadAsAboutAndAFractionAsASpeedupPerCore() {
        let text = "Each coroutine needs 2 KB.\nOn 4 cores a process pool takes 1/4 of the time.\n"
        let claims = FoundClaims.read(text, document: "d.md").claims
        let memory = claims.first { $0.reading?.quantity == .memoryPerUnit }
        #expect(memory?.stated.min == 1 && memory?.stated.max == 3 && memory?.stated.unit == .kilobyte)
        let speedup = claims.first { $0.reading?.quantity == .speedup }
        #expect(speedup?.stated.perCore == true && speedup?.stated.min == 0.75 && speedup?.stated.max == 1.05)
        #expect(speedup?.measure.variant == "py.pool")
    }

    @Test func aCountInTheTextSetsTheParameter() {
        let claims = FoundClaims.read("10000个协程约20MB\n", document: "d.md").claims
        #expect(claims.count == 1)
        #expect(claims.first?.measure.params?["tasks"] == 10_000 && claims.first?.measure.times == "tasks")
    }

    /// Claims in words: a comparison matrix, a labelled list item; front matter is metadata.
    @Test func qualitiesInWordsAreFoundAndJudgedWhereTheyBound() {
        let text = """
        ---
        title: Why threads are faster
        ---
        ## Processes
        - **Overhead**: Heavy. Creating a process maps new memory.

        | Feature | Process | Thread | Coroutine |
        | --- | --- | --- | --- |
        | **Parallelism** | True (Multi-Core) | False (GIL) | False |
        | **Switching Cost** | High | Medium | Low |
        """
        let file = FoundClaims.read(text, document: "d.md")
        #expect(!file.claims.contains { $0.line == 2 } && !(file.unjudged ?? []).contains { $0.line == 2 }, "front matter")
        let parallel = file.claims.filter { $0.line == 9 }
        #expect(parallel.map(\.measure.variant).sorted() == ["py.asyncio", "py.processes", "py.threads"])
        #expect(parallel.first { $0.measure.variant == "py.threads" }?.stated.max == 1.15)
        #expect(parallel.first { $0.measure.variant == "py.processes" }?.stated.min == 1.5)
        let unjudged = file.unjudged ?? []
        // The switching row ranks its columns: each cell is set against the two it ranks apart from.
        let ranked = file.claims.filter { $0.line == 10 }
        #expect(ranked.count == 6 && !unjudged.contains { $0.line == 10 }, "\(ranked.map(\.measure))")
        #expect(ranked.allSatisfy { $0.measure.scenario == "context-switch" && $0.measure.against != nil })
        #expect(unjudged.contains { $0.line == 5 && $0.reading.subject == .process && $0.why == .noFigure })
        #expect(parallel.first { $0.measure.variant == "py.asyncio" }?.stated.max == 1.15)
    }

    /// Two subjects set against each other in words, by a cost both are
    /// measured by, are judged by the ratio of their rows: more is at least
    /// 1.1× the other's, less at most 1/1.1; a factor is read as about it.
    @Test func aComparisonInWordsSetsOneRowAgainstAnother() {
        let text = """
        Creating processes has a higher overhead compared to creating threads.
        协程的切换开销远远小于线程的切换开销。
        进程的启动和管理开销较大。
        协程切换比线程切换快10倍。

        | Aspect | Process | Thread | Coroutine |
        |---|---|---|---|
        | Context switch cost | High | Moderate | Very low |
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> [Claim] { claims.filter { $0.line == line } }
        let start = on(1).first
        #expect(start?.measure.variant == "py.fork" && start?.measure.against == ComparedRow(variant: "py.thread"))
        #expect(start?.stated.min == 1.1 && start?.stated.max == nil && start?.reading?.comparedWords == "threads")
        let cheaper = on(2).first
        #expect(cheaper?.measure.variant == "py.asyncio" && cheaper?.measure.against?.variant == "py.threads")
        #expect(cheaper?.stated.min == nil && cheaper?.stated.max.map { abs($0 - 1 / 1.1) < 1e-12 } == true)
        // None named: a process's cost is set against a thread's, and the reading says no words named it.
        let implied = on(3).first
        #expect(implied?.measure.against?.variant == "py.thread" && implied?.reading?.comparedWith == .thread)
        #expect(implied?.reading?.comparedWords == nil)
        // "快10倍" of a cost: a tenth of it, read as about a tenth (1/15 to 1/5).
        let tenth = on(4).first
        #expect(tenth?.measure.against?.variant == "py.threads", "\(on(4).map(\.measure))")
        #expect(tenth.map { abs(($0.stated.min ?? 0) - 1 / 15.0) < 1e-12 && abs(($0.stated.max ?? 0) - 1 / 5.0) < 1e-12 } == true)
        // A process switch is a Swift row's: a thread beside it is swift.threads, in the same language.
        let matrix = on(8)
        #expect(matrix.count == 6)
        let process = matrix.filter { $0.measure.variant == "swift.processes" }
        #expect(Set(process.compactMap(\.measure.against?.variant)) == ["swift.threads", "swift.tasks"])
        #expect(process.allSatisfy { $0.stated.min == 1.1 })
        let threads = matrix.filter { $0.reading?.subject == .thread }
        #expect(threads.contains { $0.measure.variant == "swift.threads" && $0.measure.against?.variant == "swift.processes" && $0.stated.max != nil })
        #expect(threads.contains { $0.measure.variant == "py.threads" && $0.measure.against?.variant == "py.asyncio" && $0.stated.min == 1.1 })
    }

    /// A line that names no work takes its section's: the nearest heading
    /// above it that names one kind of work, not a sibling section's, and not
    /// one that names both I/O and CPU.
    @Test func aLineThatNamesNoWorkTakesItsSections() {
        let text = """
        ## Results

        ### 1. I/O-BOUND TASKS

        #### File Operations
        | Method | Speedup |
        |---|---|
        | Threading | 3.72x |
        | ThreadPoolExecutor | 3.72x |

        #### Network Calls
        | Method | Speedup |
        |---|---|
        | Threading | 3.32x |

        ### 2. Summary

        Threading gave a 3x speedup.

        ## GIL and I/O or CPU work

        Threading gave a 3x speedup.
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func variant(_ line: Int) -> String? { claims.first { $0.line == line }?.measure.variant }
        #expect(variant(8) == "py.sleep-threads")
        // A thread pool's I/O is measured with the pool.
        #expect(variant(9) == "py.http-executor")
        #expect(variant(14) == "py.http-threads")
        // A section of the same level closes the one before: CPU-bound, the work named by none.
        #expect(variant(18) == "py.threads")
        #expect(variant(22) == "py.threads")
    }

    /// "No two threads … at the same time" bounds threads' parallelism, and
    /// "no real difference between running computation in sequence or
    /// threads" their speedup; a purpose ("to make memory management
    /// thread-safe") states no lost updates.
    @Test func aQuestionAnsweredOnItsLineStates() {
        let text = """
        What is GIL? Developers did not make memory management in CPython thread-safe. As a result no two threads, \
        within the same process, can execute bytecode at the same time. And the effect is what you've seen \
        above – no real difference between running computation in sequence or threads.
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(Set(claims.map { "\($0.measure.variant) \($0.measure.metric)" }) == ["py.threads parallelism", "py.threads speedup"])
        #expect(claims.first { $0.measure.metric == "parallelism" }?.stated.max == 1.15)
        #expect(claims.first { $0.measure.metric == "speedup" }?.stated.max == 1.1)
    }

    /// A rule without its outer pipes still rules the header above it; a
    /// row's label names the cost a cell's ratio compares; a cell that names
    /// two subjects together is a claim about each.
    @Test func aTableRuledWithoutOuterPipesIsReadByItsColumns() {
        let text = """
        | | 进程 | 线程 |
        ---|-----|-----|---
        | 创建速度 | 慢 | 比进程快 10 ~ 100 倍 |

        | Workload | Best tool |
        |---|---|
        | IO-bound | threads or asyncio |
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        let faster = claims.first { $0.line == 3 && $0.stated.text == "10 ~ 100 倍" }
        #expect(faster?.measure.scenario == "process-start" && faster?.measure.variant == "py.thread", "\(claims.map(\.measure))")
        #expect(faster?.measure.against?.variant == "py.fork" && faster?.stated.min == 0.01 && faster?.stated.max == 0.1)
        #expect(Set(claims.filter { $0.line == 7 }.map(\.measure.variant)) == ["py.sleep-threads", "py.sleep-asyncio"])
    }

    /// What the GIL affects and what it does not block bound its threads,
    /// with a typographic apostrophe as with a straight one; coroutines
    /// that need no mutex lose no update.
    @Test func whatTheGILAffectsAndDoesNotBlockAreBounds() {
        let text = """
        The GIL mainly affects **CPU-bound** tasks. It doesn’t block **I/O-bound** tasks (like file operations).
        协程之间不需要互斥锁。
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        let experiments = Set(claims.map { "\($0.line ?? 0) \($0.measure.scenario) \($0.measure.variant) \($0.measure.metric)" })
        #expect(experiments == ["1 cpu-bound py.threads parallelism", "1 io-bound py.sleep-threads speedup", "2 race py.asyncio lost"])
        #expect(claims.first { $0.measure.metric == "parallelism" }?.stated.max == 1.15)
        #expect(claims.first { $0.measure.metric == "speedup" }?.stated.min == 1.1)
        #expect(claims.first { $0.line == 2 }?.stated.max == 0)
    }

    /// "是线性执行的" and "one task at a time" bound parallelism, "鸡肋" and
    /// "效率不如单线程" a speedup, "works well for IO-bound code" a speedup on
    /// I/O; "单线程线性执行" is the baseline, no bound.
    @Test func serialWordsAndWhatWorksWellForIOAreBounds() {
        let text = """
        如果你的代码是CPU密集型，多个线程的代码很有可能是线性执行的。所以这种情况下多线程是鸡肋。
        The event loop can only have one Task actually executing at any moment.
        Coroutine calling works well for IO-bound code.
        测试单线程线性执行IO密集操作所需时间
        CPU密集型任务用多线程，效率可能还不如单线程。
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> [String] { claims.filter { $0.line == line }.map { "\($0.measure.variant) \($0.measure.metric) \($0.stated.text)" } }
        #expect(on(1) == ["py.threads parallelism 是线性执行", "py.threads speedup 鸡肋"])
        #expect(on(5) == ["py.threads speedup 效率可能还不如单线程"])
        #expect(on(2) == ["py.asyncio parallelism only have one Task actually executing"])
        #expect(on(3) == ["py.sleep-asyncio speedup works well for"])
        #expect(on(4).isEmpty)
    }

    /// A network that is simulated is a wait: the sleep rows measure it, not the HTTP rows.
    @Test func aSimulatedNetworkIsMeasuredBySleeping() {
        let text = """
        #### Network I/O Simulation (HTTP/API/Sockets)
        | Method | Speedup |
        |--------|---------|
        | Asyncio | 8.42x |

        #### Network I/O (HTTP)
        | Method | Speedup |
        |--------|---------|
        | Asyncio | 8.42x |
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(claims.map { "\($0.line ?? 0) \($0.measure.scenario) \($0.measure.variant)" } == ["4 io-bound py.sleep-asyncio", "9 io-bound py.http-asyncio"])
    }

    /// A cost ranked in words ("High startup overhead", "Minimal context switching costs",
    /// "Efficient task switching") is set against the usual other, the way it points.
    @Test func aCostRankedInWordsIsAComparison() {
        let text = """
        #### Multiprocessing
        - **Cons**:
          - High startup overhead

        #### Asyncio
        - **Pros**:
          - Minimal context switching costs
          - Efficient task switching
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> String? {
            claims.first { $0.line == line }.map { "\($0.measure.variant)/\($0.measure.against?.variant ?? "-") \($0.stated.min ?? 0) \($0.stated.max ?? 0)" }
        }
        let less = 1 / 1.1  // the margin of a comparison, as "faster" has
        #expect(on(3) == "py.fork/py.thread 1.1 0.0")
        #expect(on(7) == "py.asyncio/py.threads 0.0 \(less)")
        #expect(on(8) == "py.asyncio/py.threads 0.0 \(less)")
    }

    /// A subject that goes without a cost is set against the one the words name
    /// ("没有线程切换的开销": a coroutine's switch against a thread's), which is not its subject.
    @Test func aCostGoneWithoutNamesTheOther() throws {
        let text = "最大的优势就是协程极高的执行效率。因为子程序切换不是线程切换，因此，没有线程切换的开销。"
        let claim = try #require(FoundClaims.read(text, document: "d.md").claims.first)
        #expect(claim.reading?.subject == .coroutine && claim.reading?.comparedWith == .thread)
        #expect(claim.measure.scenario == "context-switch" && claim.measure.variant == "py.asyncio" && claim.measure.against?.variant == "py.threads")
        #expect(claim.stated.max == 1 / 1.1)
    }

    /// A cost in words in its own sentence is read beside a bound in another
    /// ("协程切换的开销很小. 协程之间不需要互斥锁." states two), a context of "2k" is
    /// 2 KB, and writes that cannot conflict, or synchronization needed against
    /// conflicts, bound lost updates.
    @Test func costsBesideBoundsContextsInKAndConflicts() {
        let text = """
        协程切换的开销很小. 协程之间不需要互斥锁.
        goroutine 的上下文只有 2k, 而线程的上下文需要几兆的空间.
        在协程中不存在同时写变量冲突。
        Threads share memory, which means you need synchronization to avoid conflicts.
        A 2k loop over the threads.
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> { Set(claims.filter { $0.line == line }.map { "\($0.measure.variant) \($0.measure.metric)" }) }
        #expect(on(1) == ["py.asyncio lost", "py.asyncio per_switch_s"])
        #expect(on(2) == ["go.goroutines resident_per_task_bytes", "py.threads resident_per_task_bytes"])
        #expect(claims.first { $0.stated.text == "2k" }.map { "\($0.stated.min ?? 0)-\($0.stated.max ?? 0) \($0.stated.unit)" } == "1.0-3.0 \(StatedUnit.kilobyte)")  // about 2 KB
        #expect(claims.first { $0.line == 3 }.map { "\($0.measure.variant) \($0.stated.max ?? -1)" } == "py.asyncio 0.0")
        #expect(claims.first { $0.line == 4 }.map { "\($0.measure.variant) \($0.stated.min ?? -1)" } == "py.threads-unlocked 1.0")
        #expect(on(5).isEmpty)
    }

    /// Serial words ("本质上是单线程", "GIL blocks threads", "limits CPU parallelism") bound the
    /// threads' parallelism; the GIL that does not touch processes lets them run in parallel;
    /// what work "needs" or "uses" is a speedup of what it names, as a check in a checklist
    /// states it (a question mark and all) and a comment "IO密集的任务,用ThreadPoolExecutor" does.
    @Test func whatWorkNeedsUsesAndWhatTheGILLeavesAlone() {
        let text = """
        python的多线程，其实本质上是单线程。
        GIL并不影响多进程的任务。
        - The GIL is released during blocking I/O; **CPU-bound** work needs processes or a GIL-releasing extension.
        - [ ] CPU-bound tasks use multiprocessing? (GIL blocks threads)
        - [ ] I/O-bound tasks use asyncio or threads?
        - [ ] Are nested loops necessary?
        ```python
        # IO密集的任务,用ThreadPoolExecutor;CPU密集任务,用ProcessPoolExcutor
        # ✅ ProcessPoolExecutor for CPU-bound work
        ```

        | Model | Best for | Cost |
        |---|---|---|
        | threads | I/O-bound, blocking libraries | GIL limits CPU parallelism |
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> {
            Set(claims.filter { $0.line == line }.map { "\($0.measure.scenario) \($0.measure.variant) \($0.measure.metric) \($0.stated.min ?? 0)-\($0.stated.max ?? 0)" })
        }
        #expect(on(1) == ["cpu-bound py.threads parallelism 0.0-1.15"])
        #expect(on(2) == ["cpu-bound py.processes parallelism 1.5-0.0"])
        #expect(on(3) == ["io-bound py.sleep-threads speedup 1.1-0.0", "cpu-bound py.processes speedup 1.1-0.0"])
        #expect(on(4) == ["cpu-bound py.processes speedup 1.1-0.0", "cpu-bound py.threads parallelism 0.0-1.15"])
        #expect(on(5) == ["io-bound py.sleep-asyncio speedup 1.1-0.0", "io-bound py.sleep-threads speedup 1.1-0.0"])
        #expect(on(6).isEmpty)
        #expect(on(8) == ["io-bound py.http-executor speedup 1.1-0.0", "cpu-bound py.executor speedup 1.1-0.0"])
        #expect(on(9) == ["cpu-bound py.executor speedup 1.1-0.0"])
        #expect(on(14).contains("cpu-bound py.threads parallelism 0.0-1.15"))
    }

    /// A subject named for a kind of work suits it ("asyncio for I/O and multiprocessing for CPU": each
    /// its own subject and work), unless the line warns against it ("❌ Thread for CPU-bound work"); so
    /// does each item that names work under "**Use multiprocessing when**:", and "Use for", "Best for
    /// computation-heavy work" under a subject's heading; "cause slowdowns" is slower.
    @Test func whatASubjectIsForAndWhenToUseIt() {
        let text = """
        Prefer **asyncio for I/O** and **multiprocessing for CPU**, with thread pools as a simpler alternative.
        ```python
        # ❌ Thread for CPU-bound work
        ```

        **Use ThreadPoolExecutor when**:
        - You need simplicity
        - Doing moderate I/O operations

        #### Multiprocessing
        - **Use for**: CPU-bound computations
        - Best for computation-heavy work

        #### Threading
        - Can cause slowdowns on fast tasks
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> { Self.ranges(of: claims, on: line) }
        #expect(on(1) == ["io-bound py.sleep-asyncio 1.1-0.0", "cpu-bound py.processes 1.1-0.0"])
        #expect(on(3).isEmpty)
        #expect(on(7).isEmpty)
        #expect(on(8) == ["io-bound py.http-executor 1.1-0.0"])
        #expect(on(11) == ["cpu-bound py.processes 1.1-0.0"])
        #expect(on(12) == ["cpu-bound py.processes 1.1-0.0"])
        #expect(on(15) == ["cpu-bound py.threads 0.0-1.0"])
    }

    /// More words of one at a time, of no speedup and of I/O that runs concurrently: "在单线程内",
    /// "不是自动并行", "GIL 影响 CPU 并行", "无法…明显变快", "I/O … 可以暂时释放GIL", "并发等待";
    /// a GIL each process has of its own, however far the words put it; a cost "比进程低".
    @Test func oneAtATimeNoSpeedupAndWaitingTogether() {
        let text = """
        协程是在单线程内通过事件循环进行协作式调度，常见于 `asyncio`。
        - 协程不是自动并行，它仍然运行在线程中。
        | 方式 | 适合场景 | 缺点 |
        | --- | --- | --- |
        | 多线程 | I/O 密集 | GIL 影响 CPU 并行 |
        这种场景多线程可能无法随着线程数增加明显变快。
        多线程在IO操作等可能会引起阻塞的system call之前，可以暂时释放GIL
        多个协程的 I/O 任务可以并发等待。
        进程之间内存隔离，每个进程都有独立的 Python 解释器和 GIL。
        线程共享同一个进程的内存空间，创建和切换成本比进程低。
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> { Self.ranges(of: claims, on: line) }
        #expect(on(1) == ["cpu-bound py.asyncio 0.0-1.15"])
        #expect(on(2) == ["cpu-bound py.asyncio 0.0-1.15"])
        #expect(on(5).contains("cpu-bound py.threads 0.0-1.15"))
        #expect(on(6) == ["cpu-bound py.threads 0.0-1.1"])
        #expect(on(7) == ["io-bound py.sleep-threads 1.1-0.0"])
        #expect(on(8) == ["io-bound py.sleep-asyncio 1.1-0.0"])
        #expect(on(9) == ["cpu-bound py.processes 1.5-0.0"])
        #expect(Set(claims.filter { $0.line == 10 }.map { "\($0.measure.scenario) \($0.measure.variant)/\($0.measure.against?.variant ?? "-")" })
                == ["process-start py.thread/py.fork", "context-switch swift.threads/swift.processes"])
    }

    /// A line no pattern reads, which the line model takes for a claim, is judged where its words on
    /// speed or parallelism lean one way only: "有价值", "优先考虑" up, "无法" down; a negation alone
    /// ("GIL 不等于 Python 线程没有用") or words that lean both ways leave it listed, not judged.
    @Test func aModelLineThatLeansOneWayIsJudged() {
        let text = """
        ### I/O 密集型任务

        对于文件读写等 I/O 密集型任务，多线程仍然有价值。

        ### 注意事项

        - CPU 密集优先考虑多进程。
        - GIL 不等于 Python 线程没有用。

        For CPU-bound work in Python, threads are effectively serialized by the GIL.
        """
        let found = FoundClaims.read(text, document: "d.md")
        func on(_ line: Int) -> Set<String> {
            Set(found.claims.filter { $0.line == line }.map { "\($0.measure.scenario) \($0.measure.variant) \($0.stated.min ?? 0)-\($0.stated.max ?? 0) \($0.stated.text)" })
        }
        #expect(on(3) == ["io-bound py.sleep-threads 1.1-0.0 有价值"])
        #expect(on(7) == ["cpu-bound py.processes 1.1-0.0 优先"])
        #expect(on(8).isEmpty)
        #expect(on(10) == ["cpu-bound py.threads 0.0-1.15 serialized"])
        #expect(ClaimLineModel.claimLines(text).map(\.line).contains(3), "the model must find the line for the leaning to read it")
    }

    /// What work gains from, what does not help it, and what to use under a condition or a
    /// "适用场景" heading; two threads that cannot run at the same time; one thread per process;
    /// a lock to manage by hand; a GIL escaped is not what runs in parallel.
    @Test func gainsHelpsConditionsAndSuitedLists() {
        let text = """
        - Two threads cannot be run in one process at the same time
          - Since there is only one key resource per process, only one thread can run in a process at once
        - CPU-bound problems only really gain from using `multiprocessing`.
        - `threading` and `asyncio` do not help this type of problem at all.
        CPU密集型任务应尽可能用多进程完成并行，而IO密集型任务则应尽量使用多线程达到并发的效果。
        多线程对CPU密集型应用无法带来性能上的提升。
        多进程适合CPU密集型任务，因为每个进程都有自己独立的Python解释器，避免了GIL的限制，能够利用多核CPU。

        | 特性 | 多线程 | 多进程 |
        |---|---|---|
        | 数据同步 | 需要手动管理锁等同步机制 | 进程之间数据独立 |

        #### 多线程适用场景：
        - I/O密集型任务（如文件读写、网络请求等）。

        - 如果程序需要处理大量I/O操作而CPU不繁忙，使用**多线程**。
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> { Self.ranges(of: claims, on: line) }
        #expect(on(1) == ["cpu-bound py.threads 0.0-1.15"])
        #expect(on(2) == ["cpu-bound py.threads 0.0-1.15"])
        #expect(on(3) == ["cpu-bound py.processes 1.1-0.0"])
        #expect(on(4) == ["cpu-bound py.threads 0.0-1.1", "cpu-bound py.asyncio 0.0-1.1"])
        #expect(on(5).contains("io-bound py.sleep-threads 1.1-0.0"))
        #expect(on(6) == ["cpu-bound py.threads 0.0-1.1"])
        #expect(on(7).contains("cpu-bound py.processes 1.5-0.0") && !on(7).contains("cpu-bound py.threads 1.5-0.0"))
        #expect(on(11).contains("race py.threads-unlocked 1.0-0.0"))
        #expect(on(14) == ["io-bound py.sleep-threads 1.1-0.0"])
        #expect(on(16) == ["io-bound py.sleep-threads 1.1-0.0"])
    }

    /// What benefits and what does not, what is appropriate "and not", a label's work then "Use X",
    /// a single-threaded event loop, a subject "used for" each work, a "Usage" column, a GIL
    /// bypassed before "ideal for" (not the subject), and "more lightweight than" (memory).
    @Test func benefitsAppropriateUsageAndLightweight() {
        let text = """
        This means that CPU-bound tasks do not benefit from threading in CPython.
        The `multiprocessing` module spawns separate OS processes. This bypasses the GIL entirely, making it ideal for CPU-bound tasks.
        `asyncio` uses a single-threaded event loop with cooperative multitasking.
        - **Small-scale I/O**: Use `threading` for simplicity.
        Because of the GIL, threads are appropriate for I/O-bound tasks, and not CPU-bound tasks.
        Multiprocesses are appropriate for CPU-bound tasks.
        A coroutine is a unit of concurrency that is more lightweight than a thread.
        Typically, processes are used for CPU-bound tasks and threads are used for IO-bound tasks.

        | Python module | Usage |
        |---|---|
        | `threading` | IO-bound tasks |
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> { Self.ranges(of: claims, on: line) }
        #expect(on(1) == ["cpu-bound py.threads 0.0-1.1"])
        #expect(on(2).contains("cpu-bound py.processes 1.1-0.0") && !on(2).contains("cpu-bound py.threads 1.1-0.0"))
        #expect(on(3) == ["cpu-bound py.asyncio 0.0-1.15"])
        #expect(on(4) == ["io-bound py.sleep-threads 1.1-0.0"])
        #expect(on(5) == ["io-bound py.sleep-threads 1.1-0.0", "cpu-bound py.threads 0.0-1.1"])
        #expect(on(6) == ["cpu-bound py.processes 1.1-0.0"])
        #expect(claims.first { $0.line == 7 }.map { "\($0.measure.scenario) \($0.measure.variant)/\($0.measure.against?.variant ?? "-")" } == "massive py.asyncio/py.threads")
        #expect(on(8) == ["cpu-bound py.processes 1.1-0.0", "io-bound py.sleep-threads 1.1-0.0"])
        #expect(on(12) == ["io-bound py.sleep-threads 1.1-0.0"])
    }

    /// An item set in under "1. **Threading is best for:**" is told its subject by that item and
    /// suits the work it names; under "- **Pros**:", which names none, by the heading above; a cost
    /// a subject carries is more than the usual other's; "neither asyncio nor threads help" is each's.
    @Test func nestedItemsCarriedCostsAndNeither() {
        let text = """
        1. **Threading is best for:**
           - I/O-bound tasks (file operations, network requests)
        2. **Multiprocessing is best for:**
           - CPU-bound tasks (calculations, data processing)
           - Utilizing multiple CPU cores

        #### Asyncio
        - **Pros**:
          - Minimal context switching costs

        Threads carry per-thread memory overhead and operating-system context-switch costs.
        For CPU-bound work, neither asyncio nor threads help in CPython.
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> {
            Set(claims.filter { $0.line == line }.map {
                "\($0.measure.scenario) \($0.measure.variant)\($0.measure.against.map { "/" + $0.variant } ?? "") \($0.stated.min ?? 0)-\($0.stated.max ?? 0)"
            })
        }
        #expect(on(2) == ["io-bound py.sleep-threads 1.1-0.0"])
        #expect(on(4) == ["cpu-bound py.processes 1.1-0.0"])
        #expect(on(5) == ["cpu-bound py.processes 1.5-0.0"])
        #expect(on(9).map { $0.hasPrefix("context-switch py.asyncio/py.threads") } == [true])
        #expect(on(11).map { $0.hasPrefix("massive py.threads/py.asyncio 1.1") } == [true])
        #expect(on(12) == ["cpu-bound py.asyncio 0.0-1.1", "cpu-bound py.threads 0.0-1.1"])
        // A line that ends on a colon and names no subject leaves the items to the heading above.
        let listed = FoundClaims.read("### Threads\n\nSome facts to keep in mind:\n- good for I/O-bound work\n", document: "d.md").claims
        #expect(listed.map { "\($0.line ?? 0) \($0.measure.variant)" } == ["4 py.sleep-threads"])
    }

    /// "任何时刻仅有一个线程", a GIL "各自独自的", "对于IO密集型任务非常适用" after the work, and
    /// "异步操作" naming coroutines.
    @Test func anyMomentOwnGILSuitedAfterWorkAndAsyncOperations() {
        let text = """
        GIL 使得任何时刻仅有一个线程在执行。
        多进程是一个不错的替代方式，因为每个进程独自存在且使用各自独自的GIL。
        协程对于IO密集型任务非常适用。
        当需要执行I/O操作时，异步操作适合I/O密集型任务。
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        func on(_ line: Int) -> Set<String> { Self.ranges(of: claims, on: line) }
        #expect(on(1) == ["cpu-bound py.threads 0.0-1.15"])
        #expect(on(2) == ["cpu-bound py.processes 1.5-0.0"])
        #expect(on(3) == ["io-bound py.sleep-asyncio 1.1-0.0"])
        #expect(on(4) == ["io-bound py.sleep-asyncio 1.1-0.0"])
    }

    /// The experiments of the claims on `line`, each with its stated range: "cpu-bound py.threads 0.0-1.15".
    static func ranges(of claims: [Claim], on line: Int) -> Set<String> {
        Set(claims.filter { $0.line == line }.map { "\($0.measure.scenario) \($0.measure.variant) \($0.stated.min ?? 0)-\($0.stated.max ?? 0)" })
    }

    /// One thread at a time said of a thread shared or of a moment ("同一个线程", "同一时间点"), a subject
    /// that "是单线程的", locks avoided or needed, values overwritten or counted short without a lock, a
    /// lock's protection, and an efficiency higher than another's.
    @Test func oneThreadSharedLocksAndHigherEfficiency() {
        let text = """
        多个 `coroutine` 可以运行在同一个线程中。
        Asyncio 和其他 Python 程序一样，是单线程的。
        多线程同一时间点只能有一个线程在执行，协程同一时间点只能有一个任务在执行。
        协程能控制对共享资源的访问，从而避免使用锁。
        - 线程>共享（需锁）
        两个线程同时修改会覆盖彼此的值。
        多线程无锁时结果会小于预期，加锁保护后结果正确。

        | | 多线程 | asyncio |
        |---|---|---|
        | 执行效率 | 一般 | IO 操作多时比多线程运行效率更高 |
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(Self.ranges(of: claims, on: 1) == ["cpu-bound py.asyncio 0.0-1.15"])
        #expect(Self.ranges(of: claims, on: 2) == ["cpu-bound py.asyncio 0.0-1.15"])
        #expect(Self.ranges(of: claims, on: 3) == ["cpu-bound py.threads 0.0-1.15", "cpu-bound py.asyncio 0.0-1.15"])
        #expect(Self.ranges(of: claims, on: 4) == ["race py.asyncio 0.0-0.0"])
        #expect(Self.ranges(of: claims, on: 5) == ["race py.threads-unlocked 1.0-0.0"])
        #expect(Self.ranges(of: claims, on: 6) == ["race py.threads-unlocked 1.0-0.0"])
        #expect(Self.ranges(of: claims, on: 7) == ["race py.threads-unlocked 1.0-0.0", "race py.threads-lock 0.0-0.0"])
        #expect(Self.ranges(of: claims, on: 11) == ["io-bound py.sleep-asyncio 1.1-0.0"])
        #expect(claims.first { $0.line == 11 }?.measure.against?.variant == "py.sleep-threads")
    }

    /// A comment beside a counter speaks of the threads the code above it starts, however far up in its
    /// block; a lock that is not there ("无锁", "忘记加锁") is no subject: the threads without it lose updates.
    @Test func aCounterCommentSpeaksOfTheCodeAboveIt() {
        let text = """
        #### 线程忘记加锁→数据竞争
        **错误用法**（无锁导致计数器错误）：
        ```python
        import threading
        counter = 0
        def bump():
            global counter
            for _ in range(100000):
                counter += 1
        t1 = threading.Thread(target=bump)
        t2 = threading.Thread(target=bump)
        t1.start(); t2.start()
        t1.join(); t2.join()

        print(counter)  # 无锁会小于200000
        ```
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(Self.ranges(of: claims, on: 2) == ["race py.threads-unlocked 1.0-0.0"])
        #expect(Self.ranges(of: claims, on: 15) == ["race py.threads-unlocked 1.0-0.0"])
    }

    /// What the GIL affects and does not, named in the words ("只影响线程不影响进程"), what it affects in Chinese
    /// ("GIL只会对CPU密集型的程序产生影响"), processes that avoid it, and it released when I/O comes.
    @Test func whatTheGILAffectsNamedInItsWords() {
        let text = """
        - GIL只会对CPU密集型的程序产生影响
        + GIL（Global Interpreter Lock，全局解释器锁）
            + 只影响线程不影响进程
            + 遇到IO时，GIL会释放
            + 创建多个进程，避免GIL
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(Self.ranges(of: claims, on: 1) == ["cpu-bound py.threads 0.0-1.15"])
        #expect(Self.ranges(of: claims, on: 3) == ["cpu-bound py.threads 0.0-1.15", "cpu-bound py.processes 1.5-0.0"])
        #expect(Self.ranges(of: claims, on: 4) == ["io-bound py.sleep-threads 1.1-0.0"])
        #expect(Self.ranges(of: claims, on: 5) == ["cpu-bound py.processes 1.5-0.0"])
    }

    /// "co-routine" names a coroutine, as "coroutine" does.
    @Test func aHyphenatedCoroutineIsACoroutine() {
        let claims = FoundClaims.read("Threads are costly. Once active, each co-routine uses less than 1KB of memory.",
                                      document: "d.md").claims
        #expect(claims.map(\.measure.variant) == ["py.asyncio"], "\(claims.map(\.measure))")
        #expect(claims.first?.reading?.subjectWords == "co-routine")
    }

    /// A wall time stated beside code takes the code's loop and sleep.
    @Test func aWallTimeTakesTheLoopAndSleepOfTheCodeAbove() throws {
        let text = """
        ```python
        async def task():
            await asyncio.sleep(0.05)

        async def main():
            await asyncio.gather(*[task() for _ in range(2000)])

        asyncio.run(main())  # about 0.05 seconds
        ```
        """
        let claim = try #require(FoundClaims.read(text, document: "d.md").claims.first)
        #expect(claim.measure.scenario == "massive" && claim.measure.variant == "py.asyncio" && claim.measure.metric == "wall")
        #expect(claim.measure.params == ["tasks": 2000, "sleep_ms": 50])
    }
}
