import Contract
import Dispatch
import Foundation
import Kernels
import Measure
import Synchronization

/// producer-consumer: P producers and C consumers pass M items through a
/// bounded queue; every item must be consumed exactly once. Python:
/// `pyvs_py.producer_consumer`.
extension Catalogue {
    public static let producerConsumer: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "producer-consumer",
            title: "P producers, C consumers, M items through a bounded queue",
            source: "reference document §1.4, §1.5 scene 3, §5.2.3",
            pythonModule: "pyvs_py.producer_consumer",
            parameters: [
                ParameterSpec("producers", default: 2, quick: 2, range: 1...64, help: "producers"),
                ParameterSpec("consumers", default: 2, quick: 2, range: 1...64, help: "consumers"),
                ParameterSpec("items", default: 100_000, quick: 10_000, range: 1...2_000_000, help: "items in all"),
                ParameterSpec("capacity", default: 100, quick: 100, range: 1...1_000_000, help: "the queue's bound"),
            ],
            variants: [
                .python("py.queue-threads", .threads, "queue.Queue between threads", workers: .param("consumers"),
                        function: "queue_threads"),
                .python("py.condition", "condition", "a list guarded by threading.Condition", workers: .param("consumers"),
                        function: "condition_threads"),
                .python("py.asyncio-queue", .asyncio, "asyncio.Queue between coroutines", function: "asyncio_queue"),
                .python("py.mp-queue", .processes, "multiprocessing.Queue between processes", workers: .param("consumers"),
                        function: "mp_queue"),
                .swift("swift.semaphore-threads", .threads, "pthreads, a ring buffer bounded by semaphores",
                       workers: .param("consumers")) { p in ProducerConsumer.semaphoreThreads(p) },
                .swift("swift.actor-queue", .taskGroup, "tasks, a bounded queue in an actor", workers: .cores) { p in
                    ProducerConsumer.actorQueue(p)
                },
                .swift("swift.asyncstream", "asyncstream", "tasks, an AsyncStream (unbounded, one consumer)", workers: .cores) { p in
                    ProducerConsumer.asyncStream(p)
                },
            ])
        spec.speedup = .noBaseline  // throughput is the figure
        spec.counterparts = [
            Counterpart(python: "py.queue-threads", swift: "swift.semaphore-threads"),
            Counterpart(python: "py.asyncio-queue", swift: "swift.actor-queue"),
            Counterpart(python: "py.condition", swift: "swift.asyncstream",
                        differs: "a bounded list shared by several consumers beside an unbounded AsyncStream with one consumer"),
        ]
        spec.expected = { p in ProducerConsumer.describe(ProducerConsumer.Tally(expecting: p.items)) }
        spec.metrics = [MetricSpec(key: "items_per_s", label: "items/s", unit: .perSecond, perWallOf: "items")]
        return spec
    }()
}

/// The Swift side of producer-consumer. Producer k makes items k, k+P, ...;
/// consumers tally what they take (count, sum, sum of squares), so an item
/// lost or taken twice changes the result.
public enum ProducerConsumer {
    struct Tally: Sendable {
        var count = 0
        var sum = 0
        var squares = 0

        init() {}
        init(expecting items: Int) { for item in 0..<items { add(item) } }

        mutating func add(_ item: Int) { count += 1; sum &+= item; squares &+= item &* item }
        static func + (a: Tally, b: Tally) -> Tally {
            var total = a
            total.count += b.count; total.sum &+= b.sum; total.squares &+= b.squares
            return total
        }
    }

    static func describe(_ tally: Tally) -> String { "\(tally.count) items, sum \(tally.sum), sum of squares \(tally.squares)" }

    static func items(of producer: Int, _ p: Params) -> StrideTo<Int> { stride(from: producer, to: p.items, by: p.producers) }

    /// A ring buffer between pthreads: one semaphore counts free slots, one
    /// counts filled ones; a Mutex guards the indices. -1 tells a consumer to stop.
    static func semaphoreThreads(_ p: Params) -> VariantOutput {
        let ring = Ring(capacity: p.capacity)
        let producers = (0..<p.producers).map { producer in
            NativeThread { for item in items(of: producer, p) { ring.put(item) } }
        }
        let consumers = (0..<p.consumers).map { _ in
            NativeThread { () -> Tally in
                var tally = Tally()
                while true {
                    let item = ring.take()
                    if item < 0 { return tally }
                    tally.add(item)
                }
            }
        }
        producers.forEach { $0.join() }
        for _ in 0..<p.consumers { ring.put(-1) }
        return VariantOutput(result: describe(consumers.reduce(Tally()) { $0 + $1.join().value }))
    }

    final class Ring: Sendable {
        private let slots: Mutex<(buffer: [Int], head: Int, count: Int)>
        private let free: DispatchSemaphore
        private let filled = DispatchSemaphore(value: 0)

        init(capacity: Int) {
            slots = Mutex((buffer: [Int](repeating: 0, count: capacity), head: 0, count: 0))
            free = DispatchSemaphore(value: capacity)
        }

        func put(_ item: Int) {
            free.wait()
            slots.withLock { ring in
                ring.buffer[(ring.head + ring.count) % ring.buffer.count] = item
                ring.count += 1
            }
            filled.signal()
        }

        func take() -> Int {
            filled.wait()
            let item = slots.withLock { ring in
                let item = ring.buffer[ring.head]
                ring.head = (ring.head + 1) % ring.buffer.count
                ring.count -= 1
                return item
            }
            free.signal()
            return item
        }
    }

    /// A bounded queue as an actor: a full queue suspends its producers, an
    /// empty one its consumers, on continuations the other side resumes.
    actor BoundedQueue {
        private var buffer: [Int] = []
        private var head = 0
        private let capacity: Int
        private var waitingProducers: [CheckedContinuation<Void, Never>] = []
        private var waitingConsumers: [CheckedContinuation<Int, Never>] = []

        init(capacity: Int) { self.capacity = capacity }

        private var count: Int { buffer.count - head }

        func put(_ item: Int) async {
            if !waitingConsumers.isEmpty { return waitingConsumers.removeFirst().resume(returning: item) }
            while count >= capacity { await withCheckedContinuation { waitingProducers.append($0) } }
            if !waitingConsumers.isEmpty { return waitingConsumers.removeFirst().resume(returning: item) }
            buffer.append(item)
        }

        func take() async -> Int {
            if count > 0 {
                let item = buffer[head]
                head += 1
                if head > 4096 && head * 2 > buffer.count { buffer.removeFirst(head); head = 0 }
                if !waitingProducers.isEmpty { waitingProducers.removeFirst().resume() }
                return item
            }
            return await withCheckedContinuation { waitingConsumers.append($0) }
        }
    }

    static func actorQueue(_ p: Params) -> VariantOutput {
        let (producers, consumers, capacity) = (p.producers, p.consumers, p.capacity)
        let tally = blockingAwait {
            let queue = BoundedQueue(capacity: capacity)
            return await withTaskGroup(of: Tally.self) { group in
                for _ in 0..<consumers {
                    group.addTask {
                        var tally = Tally()
                        while true {
                            let item = await queue.take()
                            if item < 0 { return tally }
                            tally.add(item)
                        }
                    }
                }
                await withTaskGroup(of: Void.self) { makers in
                    for producer in 0..<producers {
                        makers.addTask { for item in items(of: producer, p) { await queue.put(item) } }
                    }
                }
                for _ in 0..<consumers { await queue.put(-1) }
                return await group.reduce(Tally(), +)
            }
        }
        return VariantOutput(result: describe(tally))
    }

    /// AsyncStream: producers yield, one consumer iterates. The stream has
    /// no bound (yield never waits), and a stream has one consumer.
    static func asyncStream(_ p: Params) -> VariantOutput {
        let producers = p.producers
        let tally = blockingAwait {
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .unbounded)
            let consumer = Task {
                var tally = Tally()
                for await item in stream { tally.add(item) }
                return tally
            }
            await withTaskGroup(of: Void.self) { makers in
                for producer in 0..<producers {
                    makers.addTask { for item in items(of: producer, p) { continuation.yield(item) } }
                }
            }
            continuation.finish()
            return await consumer.value
        }
        return VariantOutput(result: describe(tally))
    }
}

private extension Params {
    var producers: Int { self["producers"] ?? 1 }
    var consumers: Int { self["consumers"] ?? 1 }
    var items: Int { self["items"] ?? 0 }
    var capacity: Int { self["capacity"] ?? 1 }
}
