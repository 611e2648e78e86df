import Dispatch
import Foundation

/// The Swift side of the cpu-bound scenario: `tasks` tasks of
/// `SumOfSquares.task(n)`, summed, in each concurrency model.
public enum CPUBoundVariants {
    public static let models = ["serial", "threads", "dispatch", "taskgroup", "processes"]

    /// `workers`: how many threads or processes share the tasks (threads,
    /// processes); Dispatch and the TaskGroup size their own pools.
    public static func run(model: String, n: Int, tasks: Int, workers: Int) throws -> UInt128 {
        switch model {
        case "serial": return serial(n: n, tasks: tasks)
        case "threads": return threads(n: n, tasks: tasks, workers: workers)
        case "dispatch": return dispatch(n: n, tasks: tasks)
        case "taskgroup": return taskGroup(n: n, tasks: tasks)
        case "processes": return try processes(n: n, tasks: tasks, workers: workers)
        default: throw KernelError.unknownModel(model)
        }
    }

    public static func serial(n: Int, tasks: Int) -> UInt128 {
        (0..<tasks).reduce(0) { total, _ in total &+ SumOfSquares.task(n: n) }
    }

    /// `workers` pthreads — the calling thread and `workers - 1` new ones —
    /// taking the tasks one at a time from a shared counter (a thread per
    /// core: more threads than cores only adds scheduling).
    public static func threads(n: Int, tasks: Int, workers: Int) -> UInt128 {
        let results = ResultSlots(count: tasks)
        let next = TaskCounter()
        let work = { while let index = next.take(below: tasks) { results[index] = SumOfSquares.task(n: n) } }
        let helpers = (1..<max(1, min(workers, tasks))).map { _ in NativeThread(work) }
        work()
        helpers.forEach { $0.join() }
        return results.sum
    }

    /// DispatchQueue.concurrentPerform: Dispatch picks the width (the cores).
    public static func dispatch(n: Int, tasks: Int) -> UInt128 {
        let results = ResultSlots(count: tasks)
        DispatchQueue.concurrentPerform(iterations: tasks) { index in results[index] = SumOfSquares.task(n: n) }
        return results.sum
    }

    /// Structured concurrency: a TaskGroup on the cooperative pool, waited
    /// for from the (synchronous) worker thread.
    public static func taskGroup(n: Int, tasks: Int) -> UInt128 {
        blockingAwait { await taskGroupSum(n: n, tasks: tasks) }
    }

    public static func taskGroupSum(n: Int, tasks: Int) async -> UInt128 {
        await withTaskGroup(of: UInt128.self) { group in
            for _ in 0..<tasks { group.addTask { SumOfSquares.task(n: n) } }
            var total: UInt128 = 0
            for await value in group { total &+= value }
            return total
        }
    }

    /// `workers` forked processes; worker k runs tasks k, k+workers, ... and
    /// sends its 16-byte partial sum up a pipe.
    public static func processes(n: Int, tasks: Int, workers: Int) throws -> UInt128 {
        var children: [(pid: pid_t, fd: Int32)] = []
        let count = max(1, min(workers, tasks))
        for worker in 0..<count {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw KernelError.system("pipe", errno) }
            let pid = fork()
            if pid == 0 {
                // The child does plain arithmetic and write(2) only: after a
                // fork of a threaded process, a lock another thread held
                // (malloc's, the Swift runtime's) stays locked in the child.
                close(fds[0])
                var value: UInt128 = 0
                var task = worker
                while task < tasks {
                    value &+= SumOfSquares.task(n: n)
                    task += count
                }
                let written = withUnsafeBytes(of: &value) { write(fds[1], $0.baseAddress, 16) }
                _exit(written == 16 ? 0 : 1)
            }
            close(fds[1])
            guard pid > 0 else { close(fds[0]); throw KernelError.system("fork", errno) }
            children.append((pid, fds[0]))
        }
        var total: UInt128 = 0
        var failure: KernelError?
        for child in children {
            var value: UInt128 = 0
            let got = withUnsafeMutableBytes(of: &value) { readFully(child.fd, $0) }
            close(child.fd)
            var status: Int32 = 0
            waitpid(child.pid, &status, 0)
            if got != 16 || status != 0 { failure = .childFailed(child.pid, status) }
            total &+= value
        }
        if let failure { throw failure }
        return total
    }

    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        var done = 0
        while done < buffer.count {
            let got = read(fd, buffer.baseAddress! + done, buffer.count - done)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            done += got
        }
        return done
    }
}

public enum KernelError: Error, CustomStringConvertible {
    case unknownModel(String)
    case system(String, Int32)
    case childFailed(pid_t, Int32)

    public var description: String {
        switch self {
        case .unknownModel(let model): return "unknown Swift model '\(model)'"
        case .system(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
        case .childFailed(let pid, let status): return "worker process \(pid) failed (wait status \(status))"
        }
    }
}

/// Each thread writes only its own index, and the slots are read after the
/// threads are joined, so no lock is needed.
public final class ResultSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value>
    public init(count: Int, initial: Value) { storage = .allocate(capacity: count); storage.initialize(repeating: initial) }
    deinit { storage.deinitialize(); storage.deallocate() }
    public subscript(index: Int) -> Value {
        get { storage[index] }
        set { storage[index] = newValue }
    }
    public var values: [Value] { Array(storage) }
}

extension ResultSlots where Value == UInt128 {
    public convenience init(count: Int) { self.init(count: count, initial: 0) }
    public var sum: UInt128 { storage.reduce(0, &+) }
}

/// Hands out task indices to worker threads, each index once.
final class TaskCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard next < limit else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// Runs an async body to completion from synchronous code (the worker's main
/// thread), which blocks meanwhile. Never call it from a task on the
/// cooperative pool: with every pool thread blocked here, the body could
/// never run (a deadlock on a 2-core machine with two such callers).
public func blockingAwait<T>(_ body: @escaping @Sendable () async -> T) -> T {
    let slot = AwaitSlot<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        slot.value = await body()
        done.signal()
    }
    done.wait()
    return slot.value!
}

private final class AwaitSlot<T>: @unchecked Sendable {
    var value: T?
}
