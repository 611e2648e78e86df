/// The language a variant is written in.
public enum Language: String, Codable, Sendable, CaseIterable {
    case python, swift
    /// The runtimes the documents compare Python with, run as programs of their own.
    case go, rust, java, node, cpp
}

/// The concurrency model a variant uses: an open set of names (each scenario
/// may add its own), shown in reports and used for speedup baselines.
public struct Model: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let serial: Model = "serial"
    public static let threads: Model = "threads"
    public static let processes: Model = "processes"
    public static let pool: Model = "pool"
    public static let executor: Model = "executor"
    public static let asyncio: Model = "asyncio"
    public static let dispatch: Model = "dispatch"
    public static let taskGroup: Model = "taskgroup"
    public static let eventLoop: Model = "event-loop"
}
