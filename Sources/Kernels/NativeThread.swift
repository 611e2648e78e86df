import Foundation
import Measure

/// A joinable pthread running a Swift closure and handing back its value
/// (Foundation's Thread can be neither joined nor asked for a result). Each
/// thread records its own CPU time (CLOCK_THREAD_CPUTIME_ID).
public final class NativeThread<Value: Sendable> {
    private var handle = pthread_t()
    private let box: ThreadBox<Value>
    private var joined = false

    public init(_ body: @escaping @Sendable () -> Value) {
        box = ThreadBox(body)
        let context = Unmanaged<ThreadStart>.passRetained(box).toOpaque()
        let status = pthread_create(&handle, nil, threadEntry, context)
        precondition(status == 0, "pthread_create failed: \(status)")
    }

    /// Waits for the thread; returns its value and the CPU seconds it used.
    @discardableResult
    public func join() -> (value: Value, cpuSeconds: Double) {
        if !joined {
            pthread_join(handle, nil)
            joined = true
        }
        return (box.value!, box.cpuSeconds)
    }

    /// Runs `body(0..<count)` on `count` new threads and waits for all of
    /// them; returns each thread's value and CPU seconds, in order.
    public static func runAll(_ count: Int, _ body: @escaping @Sendable (Int) -> Value) -> [(value: Value, cpuSeconds: Double)] {
        let threads = (0..<count).map { index in NativeThread { body(index) } }
        return threads.map { $0.join() }
    }
}

/// What a new thread runs (the entry point is not generic; its box is).
/// Written by the thread before it ends and read only after pthread_join,
/// which orders the two: no lock is needed.
private class ThreadStart: @unchecked Sendable {  // unchecked: ordered by pthread_join, see above
    func run() {}
}

private final class ThreadBox<Value: Sendable>: ThreadStart, @unchecked Sendable {  // unchecked: as ThreadStart
    let body: @Sendable () -> Value
    var value: Value?
    var cpuSeconds: Double = 0

    init(_ body: @escaping @Sendable () -> Value) { self.body = body }

    override func run() {
        value = body()
        cpuSeconds = Clock.threadCPU()
    }
}

private func threadEntry(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().run()
    return nil
}
