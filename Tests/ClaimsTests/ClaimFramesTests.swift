import Bench
@testable import Claims
import Contract
import Testing

/// Claims read by their frame: a subject, its work and a word that leans one
/// way, in one sentence, whatever the rest of the sentence's words are.
@Suite struct ClaimFramesTests {
    /// Each line's frames as "scenario variant min-max" (0 for no bound).
    static func frames(_ line: String) -> Set<String> {
        Set(ClaimFrames.frames(in: line).compactMap { reading, stated in
            guard let subject = reading.subject, let quantity = reading.quantity,
                  let found = Catalogue.judge(subject, quantity, workload: reading.workload, words: reading.subjectWords) else { return nil }
            return "\(found.scenario.name) \(found.judge.variant) \(stated.min ?? 0)-\(stated.max ?? 0)"
        })
    }

    @Test(arguments: [
        // Two parts set against each other, each with its own subject and work.
        ("计算密集型任务要用多进程完成，而 I/O 密集的任务用协程。", ["cpu-bound py.processes 1.1-0.0", "io-bound py.sleep-asyncio 1.1-0.0"]),
        // "and not": the subject before, the other way.
        ("Threads are appropriate for I/O-bound jobs, and not CPU-bound jobs.", ["io-bound py.sleep-threads 1.1-0.0", "cpu-bound py.threads 0.0-1.1"]),
        // A question on the work, answered by a subject.
        ("1. Heavy number crunching? **multiprocessing**", ["cpu-bound py.processes 1.1-0.0"]),
        // An arrow; an example in brackets is not the work; a subject joined by "或" goes the same way.
        ("- I/O 密集（如网络请求）→ 线程（简单）或协程（省内存）", ["io-bound py.sleep-threads 1.1-0.0", "io-bound py.sleep-asyncio 1.1-0.0"]),
        // A subject named alone, then what it is for.
        ("## Multiprocessing — For CPU-Bound", ["cpu-bound py.processes 1.1-0.0"]),
        // A sentence's opening subject, and the next sentence that names none.
        ("**协程**：由程序自己调度，适合高并发的 I/O 任务。", ["io-bound py.sleep-asyncio 1.1-0.0"]),
        ("协程由程序自己切换。对于 I/O 密集型任务非常适用。", ["io-bound py.sleep-asyncio 1.1-0.0"]),
        // The subject set against another is not judged; the network is the work named.
        ("访问网络时，使用协程比使用线程更合适。", ["io-bound py.http-asyncio 1.1-0.0"]),
        // A work inside another's naming ("CPU 不繁忙" is I/O); the first work of the part before.
        ("如果程序大部分时间在等待 I/O 而 CPU 不繁忙，使用多线程。", ["io-bound py.sleep-threads 1.1-0.0"]),
        ("For CPU-bound tasks that never wait on I/O, threads may not provide much improvement.", ["cpu-bound py.threads 0.0-1.1"]),
        // Words on parallelism say it is a parallelism.
        ("CPU-bound work needs processes to run in parallel.", ["cpu-bound py.processes 1.5-0.0"]),
        // A thread pool is measured by the executor; "非常" is no negation.
        ("# 1. 线程池方式（非常适合 IO 密集）", ["io-bound py.http-executor 1.1-0.0"]),
        // A sentence that names no work goes on with the work of the one before.
        ("For CPU-bound work, threads do not help. Use multiprocessing instead.", ["cpu-bound py.threads 0.0-1.1", "cpu-bound py.processes 1.1-0.0"]),
        // One at a time, said of a thread or a coroutine its sentence names, is said of CPU-bound work.
        ("Both are concurrent, but async does it in one thread.", ["cpu-bound py.asyncio 0.0-1.15"]),
        ("多线程代码不是同时执行，而是交替执行。", ["cpu-bound py.threads 0.0-1.15"]),
        // A part naming no subject takes the nearest before it, with its work; "像 … 一样" sets one against the other.
        ("processes suit CPU-bound tasks and threads suit IO-bound tasks, and both scale well.",
         ["cpu-bound py.processes 1.1-0.0", "io-bound py.sleep-threads 1.1-0.0"]),
        ("多线程其实也是像协程一样交替执行的。", ["cpu-bound py.threads 0.0-1.15"]),
        ("Asyncio wins for many small I/O tasks.", ["io-bound py.sleep-asyncio 1.1-0.0"]),
        // Waiting work run in parallel is waiting work sped up; "fine for"; a thread a process has of its own is no subject.
        ("多线程可以并行下载网页。", ["io-bound py.http-threads 1.1-0.0"]),
        ("Threads are limited by the GIL: not good for CPU-bound tasks, but fine for I/O-bound tasks",
         ["cpu-bound py.threads 0.0-1.1", "io-bound py.sleep-threads 1.1-0.0"]),
        ("Each process can run its own thread: offers true parallelism across CPU cores.", ["cpu-bound py.processes 1.5-0.0"]),
        // A leaning word goes to the group of subjects nearest before it (a word of use, to the one it takes).
        ("asyncio can use only a single thread to mimic multi-threading's behavior", ["cpu-bound py.asyncio 0.0-1.15"]),
        ("CPU 密集型任务使用多进程multithreading", ["cpu-bound py.processes 1.1-0.0"]),
        ("I/O 密集型任务使用多线程或协程", ["io-bound py.sleep-threads 1.1-0.0", "io-bound py.sleep-asyncio 1.1-0.0"]),
        // "明智的选择", "应用于".
        ("如果程序主要在做 I/O 操作，那么多线程常常是一个明智的选择", ["io-bound py.sleep-threads 1.1-0.0"]),
        ("多进程应用于 CPU 密集型计算", ["cpu-bound py.processes 1.1-0.0"]),
    ])
    func aSubjectItsWorkAndALeanAreAClaim(line: String, expected: [String]) {
        #expect(Self.frames(line) == Set(expected))
    }

    @Test(arguments: [
        // An example shows; it does not claim.
        "以下是一个使用`threading`模块实现多线程的示例，模拟一个 I/O 密集型任务。",
        "方案1：使用 asyncio 处理网络请求",
        // Words of use that take no subject ("用于创建", "use the CPU"), or a part of another word ("利用").
        "`threading.Thread`用于创建新线程，每个线程执行 `io_task` 函数。",
        "When one coroutine waits for I/O another can take over and use the CPU.",
        "线程可以利用 I/O 等待的时间。",
        // Concepts set apart, not claimed.
        "面试中要区分线程并发、CPU 并行和 I/O 并发。",
        // A baseline is no serial claim; a subject as a place or an owner is no subject.
        "多进程在 I/O 任务上并不比单线程更快的情况也有。",
        "在一个线程里，共享进程内存空间的任务适合 I/O。",
        // No work named, or no lean.
        "多线程适合用来写简单的程序。",
        "Threads and processes both handle I/O-bound work.",
        // Running in parallel said of no work is not measured; nor is a process named single-threaded.
        "多个线程可以在一个进程内同时运行。",
        "forkserver forks children from a clean single-threaded server process.",
        // A part that speaks of a statement, and a sentence about another runtime.
        "processes are used for CPU-bound tasks, and this is a good heuristic.",
        "Go 语言的调度模型充分利用了多核 CPU 的资源。",
        // Serialisation is no serial execution; a baseline is none either.
        "Threads pay for data serialization on CPU-bound work.",
        "多线程的效率可能还不如单线程。",
    ])
    func noFrameWithoutSubjectWorkAndLean(line: String) {
        #expect(Self.frames(line).isEmpty, "\(Self.frames(line))")
    }

    /// An item's work, where it names none, is its list's: "选择1：多协程" under "- IO密集型" chooses coroutines for I/O;
    /// not an item that points back at the one before ("do not help this type of problem").
    @Test func anItemTakesItsListsWork() {
        let text = """
        - IO密集型
        	- CPU经常在等待IO
        	- 选择1：多协程 coroutine
        	- 选择2：多线程 threading
        - CPU密集型
        	- 使用多进程
        - IO bound
          - CPU-bound problems only gain from multiprocessing.
          - `threading` and `asyncio` do not help this type of problem.
        """
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(FoundClaimsTests.ranges(of: claims, on: 3) == ["io-bound py.sleep-asyncio 1.1-0.0"])
        #expect(FoundClaimsTests.ranges(of: claims, on: 4) == ["io-bound py.sleep-threads 1.1-0.0"])
        #expect(FoundClaimsTests.ranges(of: claims, on: 6) == ["cpu-bound py.processes 1.1-0.0"])
        #expect(!claims.contains { $0.line == 9 && $0.measure.scenario == "io-bound" }, "\(FoundClaimsTests.ranges(of: claims, on: 9))")
    }

    /// A word turned by a negation is quoted with it; "Global Interpreter Lock" names the GIL, not a lock.
    @Test func aTurnedWordIsQuotedWithItsNegation() {
        #expect(ClaimFrames.frames(in: "Threads are not suitable for CPU-bound work.").map(\.1.text) == ["not suitable"])
        #expect(ClaimFrames.frames(in: "多线程不适合 CPU 密集型任务。").map(\.1.text) == ["不适合"])
        #expect(ClaimReader.mentions(in: "due to the Global Interpreter Lock (GIL)").map(\.subject) == [.gil, .gil])
    }

    /// Frames are read in prose, in a program's comments and in a table's cells, not in code, a header or a
    /// question. A cell's subject is its column's, else its row's; its work, where it names none, its row label's
    /// or its column's; a line that names no subject speaks of its heading's.
    @Test func framesAreReadInProseCommentsAndCells() {
        let text = """
        CPU 密集型任务用多进程。

        ```python
        pool = ThreadPool()  # I/O 密集用线程池
        x = "CPU 密集型任务用多进程"
        ```

        | 模型 | CPU 密集型任务用多进程 |
        |---|---|

        Why use threads for I/O-bound work?

        |Aspect |Threading |Multiprocessing |
        |---|---|---|
        |Handles CPU-bound |Poorly (due to GIL) |Well |
        |How many threads? |Many |One |

        | 模型 | I/O 密集型任务 |
        |---|---|
        | 协程 | 非常适合 |

        ## Asyncio
        Best used for I/O-bound tasks.
        """
        let lines = ClaimFrames.candidates(DocumentLayout(text)).map(\.line)
        #expect(lines == [1, 4, 15, 15, 20, 23], "\(lines)")
        let claims = FoundClaims.read(text, document: "d.md").claims
        #expect(FoundClaimsTests.ranges(of: claims, on: 15) == ["cpu-bound py.threads 0.0-1.1", "cpu-bound py.processes 1.1-0.0"])
        #expect(FoundClaimsTests.ranges(of: claims, on: 20) == ["io-bound py.sleep-asyncio 1.1-0.0"])
        #expect(FoundClaimsTests.ranges(of: claims, on: 23) == ["io-bound py.sleep-asyncio 1.1-0.0"])
        #expect(claims.contains { $0.line == 4 && $0.measure.variant == "py.http-executor" && $0.reading?.subjectWords == "线程池" })
    }
}
