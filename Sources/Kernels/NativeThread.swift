import Foundation

/// A joinable pthread running a Swift closure (Foundation's Thread cannot be
/// joined). Each thread records its own CPU time (CLOCK_THREAD_CPUTIME_ID).
public final class NativeThread {
    private final class Box {
        let body: () -> Void
        var cpuSeconds: Double = 0
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    private var handle = pthread_t()
    private let box: Box

    public init(_ body: @escaping () -> Void) {
        box = Box(body)
        let context = Unmanaged.passRetained(box).toOpaque()
        let status = pthread_create(&handle, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            box.cpuSeconds = threadCPUTime()
            return nil
        }, context)
        precondition(status == 0, "pthread_create failed: \(status)")
    }

    /// Waits for the thread; returns the CPU seconds it used.
    @discardableResult
    public func join() -> Double {
        pthread_join(handle, nil)
        return box.cpuSeconds
    }

    /// Runs `count` closures on `count` threads and waits for all of them;
    /// returns each thread's CPU seconds.
    @discardableResult
    public static func runAll(_ count: Int, _ body: @escaping (Int) -> Void) -> [Double] {
        let threads = (0..<count).map { index in NativeThread { body(index) } }
        return threads.map { $0.join() }
    }
}

/// CPU seconds used by the calling thread so far.
public func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
