import Contract
import Measure

/// A scenario's parameters by name (whole numbers: sizes, counts, µs).
public typealias Params = [String: Int]

extension Params {
    /// The common parameters, read by name in Swift variants (a missing one
    /// gives 0, or 1 for counts of workers and threads). A scenario reads
    /// its own parameters with accessors in its own file.
    var n: Int { self["n"] ?? 0 }
    var tasks: Int { self["tasks"] ?? 0 }
    var workers: Int { self["workers"] ?? 1 }
    var threads: Int { self["threads"] ?? 1 }
}

public struct ParameterSpec: Sendable {
    public let name: String
    public let defaultValue: Int
    public let quickValue: Int
    public let range: ClosedRange<Int>
    public let help: String

    public init(_ name: String, default defaultValue: Int, quick quickValue: Int, range: ClosedRange<Int>, help: String) {
        self.name = name; self.defaultValue = defaultValue; self.quickValue = quickValue; self.range = range; self.help = help
    }

    /// A value given on the command line, checked against the range.
    public func check(_ value: Int) throws(ParameterError) {
        guard range.contains(value) else {
            throw ParameterError("must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
    }
}

/// A parameter that takes several values, one row per value and variant
/// (thread counts in the GIL study, switch intervals in its sweep).
public struct SeriesSpec: Sendable {
    public let name: String
    public let defaultValues: [Int]
    public let quickValues: [Int]
    public let range: ClosedRange<Int>
    public let help: String
    /// How a row names its value ("×2", "0.1 ms").
    public let display: @Sendable (Int) -> String

    public init(_ name: String, default defaultValues: [Int], quick quickValues: [Int], range: ClosedRange<Int>, help: String,
                display: @escaping @Sendable (Int) -> String) {
        self.name = name; self.defaultValues = defaultValues; self.quickValues = quickValues; self.range = range
        self.help = help; self.display = display
    }

    public func check(_ values: [Int]) throws(ParameterError) {
        guard !values.isEmpty, values.allSatisfy(range.contains) else {
            throw ParameterError("takes whole numbers from \(range.lowerBound) to \(range.upperBound), comma-separated, got '\(values.map(String.init).joined(separator: ","))'")
        }
    }
}

/// What is wrong with a value, said after the option's name.
public struct ParameterError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
