import Contract

extension Quantity {
    /// A figure in base units, as reports write this quantity.
    public func format(_ value: Double?) -> String {
        guard let value else { return "–" }
        switch self {
        case .seconds: return Format.duration(value)
        case .bytes: return Format.bytes(Int(value.rounded()))
        case .perSecond: return Format.rate(value)
        case .bytesPerSecond: return Format.bytes(Int(value.rounded())) + "/s"
        case .count: return Format.number(value, digits: value == value.rounded() ? 0 : 1)
        case .ratio: return Format.ratio(value)
        }
    }
}
