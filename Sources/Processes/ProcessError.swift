import Foundation

/// Why pyvs could not start, talk to or wait for a child: one line naming
/// the call and the system's reason.
public struct ProcessError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// `call` failed with `code` (an errno value): "fork: Resource temporarily unavailable".
    public init(_ call: String, code: Int32) {
        description = "\(call): \(String(cString: strerror(code)))"
    }
}
