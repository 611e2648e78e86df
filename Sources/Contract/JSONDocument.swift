import Foundation

/// An output document of pyvs: written as JSON with sorted keys, so that two
/// runs of the same report differ only where their figures do.
public protocol JSONDocument: Encodable {
    func jsonData() throws -> Data
}

extension JSONDocument {
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
