/// How a supervised process ended, as its supervisor saw it.
public enum ProcessEnding: Codable, Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    case timedOut(afterSeconds: Double)
    /// The tree went over the memory limit and was killed.
    case memoryExceeded(limitBytes: Int)
    /// More processes at once than the limit: the tree was killed.
    case processLimit(Int)
    /// It never started (the system's words).
    case failedToStart(String)

    enum CodingKeys: String, CodingKey {
        case exited, signalled, timedOut = "timed_out", memoryExceeded = "memory_exceeded", processLimit = "process_limit"
        case failedToStart = "failed_to_start"
    }
    enum ExitedCodingKeys: String, CodingKey { case _0 = "status" }
    enum SignalledCodingKeys: String, CodingKey { case _0 = "signal" }
    enum TimedOutCodingKeys: String, CodingKey { case afterSeconds = "seconds" }
    enum MemoryExceededCodingKeys: String, CodingKey { case limitBytes = "limit_bytes" }
    enum ProcessLimitCodingKeys: String, CodingKey { case _0 = "limit" }
    enum FailedToStartCodingKeys: String, CodingKey { case _0 = "message" }

    /// It ended by itself (any status).
    public var exited: Bool { if case .exited = self { return true } else { return false } }
}
