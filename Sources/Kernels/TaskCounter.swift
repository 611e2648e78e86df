import Synchronization

/// Hands out task indices 0..<count to worker threads, each index once.
public final class TaskCounter: Sendable {
    private let next = Atomic<Int>(0)
    private let count: Int

    public init(count: Int) { self.count = count }

    public func take() -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}
