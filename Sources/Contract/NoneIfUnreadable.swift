/// An optional field that reports saved by an earlier pyvs hold in another
/// form (a sentence where a typed value now stands): read as none, so the
/// report still loads. Absent, it is none; none is not written.
@propertyWrapper
public struct NoneIfUnreadable<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        wrappedValue = try? decoder.singleValueContainer().decode(Value.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    public func decode<Value>(_ type: NoneIfUnreadable<Value>.Type, forKey key: Key) throws -> NoneIfUnreadable<Value> {
        try decodeIfPresent(type, forKey: key) ?? NoneIfUnreadable(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<Value>(_ value: NoneIfUnreadable<Value>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue { try encode(wrapped, forKey: key) }
    }
}
