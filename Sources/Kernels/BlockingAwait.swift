import Dispatch
import Synchronization

/// Runs an async body to completion from synchronous code (the worker's main
/// thread), which blocks meanwhile. Never call it from a task on the
/// cooperative pool: with every pool thread blocked here, the body could
/// never run (a deadlock on a 2-core machine with two such callers).
public func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let slot = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let value = await body()
        slot.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    return slot.withLock { $0! }
}
