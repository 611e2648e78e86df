import Foundation

/// What a figure measures, which fixes its base unit (seconds, bytes, a
/// rate, a count, a ratio) and how reports write it.
public enum Quantity: String, Codable, Sendable {
    case seconds, bytes, perSecond = "per_second", bytesPerSecond = "bytes_per_second", count, ratio
}

/// A unit a document states a value in: its factor to the base unit of its quantity.
public enum StatedUnit: String, Codable, Sendable, CaseIterable {
    case second = "s", millisecond = "ms", microsecond = "µs", microsecondASCII = "us", nanosecond = "ns"
    case byte = "B", kilobyte = "KB", megabyte = "MB", gigabyte = "GB"
    /// A ratio (a speedup).
    case times = "x"
    case count

    /// Base units per one of this unit (bytes in powers of 1024, as ps and top count).
    public var factor: Double {
        switch self {
        case .second, .byte, .times, .count: return 1
        case .millisecond: return 1e-3
        case .microsecond, .microsecondASCII: return 1e-6
        case .nanosecond: return 1e-9
        case .kilobyte: return 1024
        case .megabyte: return 1024 * 1024
        case .gigabyte: return 1024 * 1024 * 1024
        }
    }

    public var quantity: Quantity {
        switch self {
        case .second, .millisecond, .microsecond, .microsecondASCII, .nanosecond: return .seconds
        case .byte, .kilobyte, .megabyte, .gigabyte: return .bytes
        case .times: return .ratio
        case .count: return .count
        }
    }

    /// "s, ms, µs, us, ns, B, KB, MB, GB, x, count".
    public static var accepted: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let unit = StatedUnit(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown unit '\(text)'; accepted: \(Self.accepted)")
        }
        self = unit
    }
}
