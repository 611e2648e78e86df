import Console
import Measure

extension MetricSpec.Unit {
    /// A scenario metric as its unit is written.
    public func format(_ value: Double?) -> String {
        guard let value else { return "–" }
        switch self {
        case .seconds: return Format.duration(value)
        case .bytes: return Format.bytes(Int(value))
        case .perSecond: return Format.rate(value)
        case .bytesPerSecond: return Format.bytes(Int(value)) + "/s"
        case .count: return Format.number(value, digits: value == value.rounded() ? 0 : 1)
        case .ratio: return Format.ratio(value)
        }
    }
}
