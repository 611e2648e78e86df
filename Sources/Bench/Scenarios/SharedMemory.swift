import Atomics
import Contract
import Foundation
import Processes
import Kernels
import Measure

/// shared-memory: W worker processes each add 1 to every element of one
/// shared array, R times over; every element must end at W×R. Python:
/// `pyvs_py.shared_memory`.
extension Catalogue {
    public static let sharedMemory: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "shared-memory",
            title: "W processes add 1 to every element of a shared array, R times",
            source: "reference document §5.1.2",
            pythonModule: "pyvs_py.shared_memory",
            parameters: [
                ParameterSpec("workers", default: 4, quick: 2, range: 1...64, help: "worker processes"),
                ParameterSpec("length", default: 1_000, quick: 100, range: 1...10_000_000, help: "elements in the array"),
                ParameterSpec("rounds", default: 100, quick: 20, range: 1...1_000_000, help: "passes over the array per worker"),
            ],
            variants: [
                .python("py.array-lock", .processes, "multiprocessing.Array, a pass under get_lock()", workers: .param("workers"),
                        function: "array_lock"),
                .python("py.shared-memory", .processes, "shared_memory.SharedMemory, a pass under a Lock",
                        workers: .param("workers"), function: "shared_memory_lock"),
                .swift("swift.mmap-atomic", .processes, "mmap(MAP_SHARED) across fork, an atomic add per element",
                       workers: .param("workers")) { p in try SharedMemory.mmapAtomic(p) },
            ])
        spec.speedup = .noBaseline  // the models differ in how they share
        spec.counterparts = [Counterpart(python: "py.shared-memory", swift: "swift.mmap-atomic")]
        spec.expected = { p in SharedMemory.describe(length: p.length, sum: p.length * p.workers * p.rounds,
                                                     low: p.workers * p.rounds, high: p.workers * p.rounds) }
        spec.metrics = [MetricSpec(key: "updates_per_s", label: "updates/s", unit: .perSecond, perWallOf: SharedMemory.updatesKey)]
        return spec
    }()
}

/// The Swift side of shared-memory.
public enum SharedMemory {
    static let updatesKey = "updates"

    static func describe(length: Int, sum: Int, low: Int, high: Int) -> String {
        "\(length) elements, sum \(sum), each between \(low) and \(high)"
    }

    /// An anonymous shared mapping, inherited by the forked workers; each
    /// adds 1 to every element with an atomic read-modify-write.
    static func mmapAtomic(_ p: Params) throws -> VariantOutput {
        let (length, rounds) = (p.length, p.rounds)
        let bytes = length * MemoryLayout<UnsafeAtomic<Int>.Storage>.stride
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else {
            throw ProcessError("mmap", code: errno)
        }
        defer { munmap(raw, bytes) }
        let cells = raw.bindMemory(to: UnsafeAtomic<Int>.Storage.self, capacity: length)
        cells.initialize(repeating: UnsafeAtomic<Int>.Storage(0), count: length)
        _ = try ForkedWorkers.run(count: p.workers) { _ in
            for _ in 0..<rounds {
                for index in 0..<length { UnsafeAtomic<Int>(at: cells + index).wrappingIncrement(ordering: .relaxed) }
            }
            return 0
        }
        var (sum, low, high) = (0, Int.max, Int.min)
        for index in 0..<length {
            let value = UnsafeAtomic<Int>(at: cells + index).load(ordering: .relaxed)
            sum += value; low = min(low, value); high = max(high, value)
        }
        return VariantOutput(result: describe(length: length, sum: sum, low: low, high: high),
                             metrics: [updatesKey: Double(p.workers * rounds * length)])
    }
}

private extension Params {
    var length: Int { self["length"] ?? 0 }
    var rounds: Int { self["rounds"] ?? 0 }
}
