import Console
import Contract
import Measure

/// What a size would cost, and which sizes cannot start.
extension Massive {
    /// Resident bytes per task for a variant that declares none.
    static let defaultBytesPerTask = 4_096

    /// Why a row should not start: its tasks would not fit in the memory
    /// left (or under --memory-limit), or its threads are more than the
    /// system lets one process start.
    static func refuse(_ variant: VariantSpec, _ p: Params, _ memoryLimit: Int) -> RowProblem? {
        let tasks = p.tasks
        if variant.model == .threads {
            let ceiling = ProcessMemory.threadCeiling()
            let usable = ceiling.count * 9 / 10
            if tasks > usable {
                return .tooManyThreads(threads: tasks, usable: usable, bound: ceiling.bound)
            }
        }
        let need = tasks * (variant.bytesPerTask ?? defaultBytesPerTask)
        let room = min(memoryLimit, ProcessMemory.available() ?? memoryLimit)
        guard need > room * 8 / 10 else { return nil }
        return .tooLittleMemory(tasks: tasks, needBytes: need, roomBytes: room, byLimit: room == memoryLimit)
    }
}
