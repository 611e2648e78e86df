import CBlackhole
import Contract
import Dispatch
import Kernels
import Measure

/// primes: T tasks of counting the primes below n by trial division, the
/// document's compare_cpu_bound. Python: `pyvs_py.primes`.
extension Catalogue {
    public static let primes: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "primes",
            title: "T tasks of counting primes below n by trial division",
            source: "reference document §4 compare_cpu_bound",
            pythonModule: "pyvs_py.primes",
            parameters: [
                ParameterSpec("n", default: 100_000, quick: 20_000, range: 2...50_000_000, help: "count the primes below n, per task"),
                ParameterSpec("tasks", default: 4, quick: 2, range: 1...256, help: "number of tasks"),
                ParameterSpec("workers", default: 4, quick: 2, range: 1...256,
                              help: "pool size (the document's max_workers=4)"),
            ],
            variants: [
                .python("py.serial", .serial, "one task after another", function: "serial"),
                .python("py.threads", .threads, "ThreadPoolExecutor.map", workers: .param("workers"), function: "thread_pool"),
                .python("py.processes", .executor, "ProcessPoolExecutor.map", workers: .param("workers"), function: "process_pool"),
                .swift("swift.serial", .serial, "one task after another") { p in Primes.output(Primes.serial(p)) },
                .swift("swift.threads", .threads, "a pthread per task", workers: .param("tasks")) { p in
                    Primes.output(NativeThread.runAll(p.tasks) { _ in Primes.count(below: p.n) }.reduce(0) { $0 + $1.value })
                },
                .swift("swift.taskgroup", .taskGroup, "TaskGroup of tasks", workers: .cores) { p in
                    let (n, tasks) = (p.n, p.tasks)
                    return Primes.output(blockingAwait {
                        await withTaskGroup(of: Int.self) { group in
                            for _ in 0..<tasks { group.addTask { Primes.count(below: n) } }
                            return await group.reduce(0, +)
                        }
                    })
                },
            ])
        spec.counterparts = [
            Counterpart(python: "py.serial", swift: "swift.serial"),
            Counterpart(python: "py.threads", swift: "swift.threads",
                        differs: "a pool of worker threads beside a pthread per task"),
            Counterpart(python: "py.processes", swift: "swift.taskgroup",
                        differs: "a pool of worker processes beside tasks in one process"),
        ]
        spec.expected = { p in String(p.tasks * Primes.sieveCount(below: p.n)) }
        spec.reference = .parameter("workers")
        return spec
    }()
}

/// The Swift side of primes: the document's trial division, and a sieve
/// that checks it.
public enum Primes {
    /// The document's is_prime: trial division by 2...isqrt(num). The bound
    /// passes through `pyvs_opaque`, so the optimiser can neither treat a
    /// call as pure (and count once for T identical tasks) nor fold it.
    @inline(never)
    public static func count(below n: Int) -> Int {
        let n = Int(bitPattern: pyvs_opaque(UInt(bitPattern: n)))
        var count = 0
        var number = 2
        while number < n {
            var prime = true
            var divisor = 2
            while divisor * divisor <= number {
                if number % divisor == 0 { prime = false; break }
                divisor += 1
            }
            if prime { count += 1 }
            number += 1
        }
        return count
    }

    static func serial(_ p: Params) -> Int { (0..<p.tasks).reduce(0) { total, _ in total + count(below: p.n) } }

    /// The sieve of Eratosthenes, for the expected result (never the measured work).
    public static func sieveCount(below n: Int) -> Int {
        guard n > 2 else { return 0 }
        var composite = [Bool](repeating: false, count: n)
        var i = 2
        while i * i < n {
            if !composite[i] { for multiple in stride(from: i * i, to: n, by: i) { composite[multiple] = true } }
            i += 1
        }
        return (2..<n).reduce(0) { $0 + (composite[$1] ? 0 : 1) }
    }

    static func output(_ count: Int) -> VariantOutput { VariantOutput(result: String(count)) }
}
