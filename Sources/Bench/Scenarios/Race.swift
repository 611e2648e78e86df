import CBlackhole
import Console
import Contract
import Kernels
import Measure
import Synchronization

/// race: W workers × N increments of one counter, without and with
/// synchronisation. Safe variants must end at exactly W×N; unsafe ones
/// report the updates they lost. Python: `pyvs_py.race`.
extension Catalogue {
    public static let race: ScenarioSpec = {
        func unsafe(_ variant: VariantSpec) -> VariantSpec {
            var variant = variant
            variant.tags.insert(Race.unsafeTag)
            variant.expected = { _ in nil }  // what it ends at is the finding
            return variant
        }
        var spec = ScenarioSpec(
            name: "race",
            title: "W workers × N increments of one counter",
            source: "reference document §3, §5.2.1",
            pythonModule: "pyvs_py.race",
            parameters: [
                ParameterSpec("workers", default: 4, quick: 2, range: 1...64, help: "threads, processes or tasks incrementing"),
                ParameterSpec("increments", default: 100_000, quick: 20_000, range: 1...100_000_000, help: "increments per worker"),
            ],
            variants: [
                unsafe(.python("py.threads-unlocked", .threads, "threads, global counter += 1 without a lock",
                               workers: .param("workers"), function: "threads_unlocked")),
                .python("py.threads-lock", .threads, "threads, with threading.Lock", workers: .param("workers"), function: "threads_lock"),
                unsafe(.python("py.value-unlocked", .processes, "processes, multiprocessing.Value += 1 without get_lock()",
                               workers: .param("workers"), function: "value_unlocked")),
                .python("py.value-lock", .processes, "processes, with Value.get_lock()", workers: .param("workers"),
                        function: "value_lock"),
                .python("py.asyncio", .asyncio, "coroutines in one thread, dict counter", function: "coroutines"),
                unsafe(.swift("swift.unsafe", .threads, "pthreads, plain memory without synchronisation", workers: .param("workers")) { p in
                    Race.unsynchronised(p)
                }),
                .swift("swift.mutex", .threads, "pthreads, Synchronization.Mutex", workers: .param("workers")) { p in Race.mutex(p) },
                .swift("swift.atomic", .threads, "pthreads, Synchronization.Atomic", workers: .param("workers")) { p in Race.atomic(p) },
                .swift("swift.actor", .taskGroup, "tasks awaiting an actor", workers: .param("workers")) { p in Race.actor(p) },
            ])
        spec.speedup = .noBaseline  // the rows differ in safety, not in speed
        spec.counterparts = [
            Counterpart(python: "py.threads-unlocked", swift: "swift.unsafe"),
            Counterpart(python: "py.threads-lock", swift: "swift.mutex"),
            Counterpart(python: "py.value-lock", swift: "swift.atomic"),
            Counterpart(python: "py.asyncio", swift: "swift.actor"),
        ]
        spec.expected = { p in String(p.workers * p.increments) }
        spec.metrics = [MetricSpec(key: Race.lostKey, label: "lost", unit: .count)]
        spec.conclude = Race.conclude
        spec.claims = [
            ClaimJudge(.thread, .lostUpdates, variant: "py.threads-unlocked", metric: Race.lostKey),
            ClaimJudge(.lock, .lostUpdates, variant: "py.threads-lock", metric: Race.lostKey),
            ClaimJudge(.process, .lostUpdates, variant: "py.value-unlocked", metric: Race.lostKey),
            ClaimJudge(.coroutine, .lostUpdates, variant: "py.asyncio", metric: Race.lostKey),
        ]
        return spec
    }()
}

/// The Swift side of race.
public enum Race {
    static let unsafeTag = "unsafe"
    static let lostKey = "lost"

    static func output(_ final: Int, _ p: Params) -> VariantOutput {
        VariantOutput(result: String(final), metrics: [lostKey: Double(p.workers * p.increments - final)])
    }

    /// A deliberate data race, kept in this one function: W threads add 1 to
    /// the same Int in plain memory. The address passes through an empty asm
    /// statement on every step, so the compiler cannot fold N additions into
    /// one (it must load, add and store each time, as the Python bytecode does).
    static func unsynchronised(_ p: Params) -> VariantOutput {
        let counter = RacyCounter()
        defer { counter.deallocate() }
        let increments = p.increments
        _ = NativeThread.runAll(p.workers) { _ in
            for _ in 0..<increments {
                let address = UnsafeMutablePointer<Int>(bitPattern: UInt(pyvs_opaque(UInt(bitPattern: counter.pointer))))!
                address.pointee &+= 1
            }
        }
        return output(counter.pointer.pointee, p)
    }

    static func mutex(_ p: Params) -> VariantOutput {
        let counter = MutexCounter()
        let increments = p.increments
        _ = NativeThread.runAll(p.workers) { _ in
            for _ in 0..<increments { counter.value.withLock { $0 += 1 } }
        }
        return output(counter.value.withLock { $0 }, p)
    }

    static func atomic(_ p: Params) -> VariantOutput {
        let counter = AtomicCounter()
        let increments = p.increments
        _ = NativeThread.runAll(p.workers) { _ in
            for _ in 0..<increments { counter.value.wrappingAdd(1, ordering: .relaxed) }
        }
        return output(counter.value.load(ordering: .relaxed), p)
    }

    static func actor(_ p: Params) -> VariantOutput {
        let (workers, increments) = (p.workers, p.increments)
        let final = blockingAwait {
            let counter = CounterActor()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<workers { group.addTask { for _ in 0..<increments { await counter.increment() } } }
            }
            return await counter.value
        }
        return output(final, p)
    }

    /// What the unsafe rows lost, and why: the unlocked Python threads'
    /// count beside the GIL state their worker recorded.
    static func conclude(_ outcome: ScenarioOutcome) -> [Conclusion] {
        let total = outcome.params.workers * outcome.params.increments
        let lost = { (row: VariantResult) in (row.extra?[lostKey] ?? 0) }
        var drawn: [Conclusion] = []
        for row in outcome.rows where outcome.variant(of: row)?.tags.contains(unsafeTag) == true && row.status == .ok {
            drawn.append(.lostUpdates(variant: row.id, lost: lost(row), total: total))
        }
        if let threads = outcome.rows.first(where: { $0.id == "py.threads-unlocked" && $0.status == .ok }) {
            drawn.append(.unlockedThreads(lost: lost(threads) > 0, gil: threads.gilEnabled ?? true))
        }
        if let value = outcome.rows.first(where: { $0.id == "py.value-unlocked" && $0.status == .ok }) {
            drawn.append(.unlockedValue(lost: lost(value) > 0))
        }
        return drawn
    }
}

/// Memory shared by the racing threads on purpose: not synchronised, so the
/// race the scenario shows is real.
private final class RacyCounter: @unchecked Sendable {  // unchecked: the data race is the experiment
    let pointer: UnsafeMutablePointer<Int>
    init() { pointer = .allocate(capacity: 1); pointer.initialize(to: 0) }
    func deallocate() { pointer.deallocate() }
}

private final class MutexCounter: Sendable { let value = Mutex(0) }
private final class AtomicCounter: Sendable { let value = Atomic<Int>(0) }

private actor CounterActor {
    var value = 0
    func increment() { value += 1 }
}

private extension Params {
    var increments: Int { self["increments"] ?? 0 }
}
