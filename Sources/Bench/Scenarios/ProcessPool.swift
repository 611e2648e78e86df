import Console
import Contract
import Foundation
import Processes
import Kernels
import Measure

/// process-pool: map a function with a per-item cost over N items with a
/// pool of worker processes; the results must come back complete and in
/// order. Python: `pyvs_py.process_pool`.
extension Catalogue {
    public static let processPool: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "process-pool",
            title: "Pool.map of N items, each costing sum(j*j for j in range(cost))",
            source: "reference document §5.1.3",
            pythonModule: "pyvs_py.process_pool",
            parameters: [
                ParameterSpec("items", default: 2_000, quick: 200, range: 1...1_000_000, help: "items mapped"),
                ParameterSpec("cost", default: 20_000, quick: 2_000, range: 0...100_000_000, help: "loop length per item"),
                ParameterSpec("workers", default: MachineInfo.onlineCores, quick: 2, range: 1...256, help: "pool size"),
            ],
            variants: [
                .python("py.serial", .serial, "map() in one process", function: "serial"),
                .python("py.pool-chunk1", .pool, "Pool.map, chunksize=1", workers: .param("workers"), function: "pool_chunk1"),
                .python("py.pool-auto", .pool, "Pool.map, automatic chunksize", workers: .param("workers"), function: "pool_auto"),
                .python("py.pool-initializer", .pool, "Pool(initializer=...).map, automatic chunksize", workers: .param("workers"),
                        function: "pool_initializer"),
                .swift("swift.serial", .serial, "a loop in one process") { p in ProcessPool.serial(p) },
                .swift("swift.process-pool", .processes, "forked worker processes, item k to worker k mod W",
                       workers: .param("workers")) { p in try ProcessPool.forked(p) },
            ])
        spec.counterparts = [
            Counterpart(python: "py.serial", swift: "swift.serial"),
            Counterpart(python: "py.pool-auto", swift: "swift.process-pool"),
        ]
        spec.expected = { p in ProcessPool.describe(items: p.items, checksum: ProcessPool.expectedChecksum(p)) }
        spec.reference = .parameter("workers")
        return spec
    }()
}

/// The Swift side of process-pool. f(i) = sum(j*j for j < cost) + i; the
/// checksum sum((i+1) * f(i)) changes if a result is missing or out of place.
public enum ProcessPool {
    static func describe(items: Int, checksum: UInt128) -> String { "\(items) results in order, checksum \(checksum)" }

    static func checksum(_ results: [UInt128]) -> UInt128 {
        results.enumerated().reduce(0) { $0 &+ UInt128($1.offset + 1) &* $1.element }
    }

    static func expectedChecksum(_ p: Params) -> UInt128 {
        let base = SumOfSquares.expected(n: p.cost, tasks: 1)
        return checksum((0..<p.items).map { base &+ UInt128($0) })
    }

    static func serial(_ p: Params) -> VariantOutput {
        let results = (0..<p.items).map { SumOfSquares.task(n: p.cost) &+ UInt128($0) }
        return VariantOutput(result: describe(items: p.items, checksum: checksum(results)))
    }

    /// W forked workers; worker k computes items k, k+W, ... and writes
    /// (index, value) pairs; the parent puts each value back in its place.
    static func forked(_ p: Params) throws -> VariantOutput {
        let (items, cost) = (p.items, p.cost)
        let workers = max(1, min(p.workers, items))
        var results = [UInt128?](repeating: nil, count: items)
        // Each pair goes out through a buffer made before the fork, laid out as
        // the tuple the parent reads: the child touches no generic code, so it
        // never asks the Swift runtime for the tuple's metadata, whose lock
        // another thread of this process may have held at the fork.
        let size = MemoryLayout<(UInt64, UInt128)>.size
        let offset = MemoryLayout<(UInt64, UInt128)>.offset(of: \(UInt64, UInt128).1)!
        let outgoing = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        defer { outgoing.deallocate() }
        outgoing.initializeMemory(as: UInt8.self, repeating: 0)
        let answers = try ForkedWorkers.stream(count: workers, produce: { worker, fd in
            var item = worker
            while item < items {
                outgoing.storeBytes(of: UInt64(item), as: UInt64.self)
                outgoing.storeBytes(of: SumOfSquares.task(n: cost) &+ UInt128(item), toByteOffset: offset, as: UInt128.self)
                guard FileIO.writeAll(fd, UnsafeRawBufferPointer(outgoing)) == size else { return false }
                item += workers
            }
            return true
        }, consume: { _, fd -> [(Int, UInt128)] in
            var pairs: [(Int, UInt128)] = []
            while true {
                var pair: (UInt64, UInt128) = (0, 0)
                let size = MemoryLayout.size(ofValue: pair)
                let got = withUnsafeMutableBytes(of: &pair) { FileIO.readFully(fd, UnsafeMutableRawBufferPointer(rebasing: $0[0..<size])) }
                if got == 0 { return pairs }
                guard got == size else { throw ProcessError("a short read from a worker", code: EIO) }
                pairs.append((Int(pair.0), pair.1))
            }
        })
        for (index, value) in answers.joined() where index < items { results[index] = value }
        guard !results.contains(where: { $0 == nil }) else { throw WorkerError("a worker process did not return every item") }
        return VariantOutput(result: describe(items: items, checksum: checksum(results.map { $0! })))
    }
}

private extension Params {
    var items: Int { self["items"] ?? 0 }
    var cost: Int { self["cost"] ?? 0 }
}
