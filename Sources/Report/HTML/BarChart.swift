import Contract
import Console
import Foundation

/// Horizontal bar charts as inline SVG: one bar per labelled row, an
/// optional min–max whisker, optional reference lines. Sizes are fixed so a
/// page needs no script. All text is escaped.
public struct BarChart {
    public struct Bar {
        public var label: String
        public var value: Double
        public var low: Double?
        public var high: Double?
        public var text: String
        public var colour: String
        public init(label: String, value: Double, low: Double? = nil, high: Double? = nil, text: String, colour: String) {
            self.label = label; self.value = value; self.low = low; self.high = high; self.text = text; self.colour = colour
        }
    }

    public struct Line {
        public var value: Double
        public var label: String
        public init(value: Double, label: String) { self.value = value; self.label = label }
    }

    public var title: String
    public var bars: [Bar]
    public var lines: [Line] = []
    public var logarithmic = false
    public var axisLabel: String

    public init(title: String, bars: [Bar], lines: [Line] = [], logarithmic: Bool = false, axisLabel: String) {
        self.title = title; self.bars = bars; self.lines = lines; self.logarithmic = logarithmic; self.axisLabel = axisLabel
    }

    public static let python = "#3572a5"
    public static let swift = "#f05138"

    /// Another runtime's bars (Go, Rust, Node, …).
    public static let other = "#6b7280"

    static func colour(language: Language) -> String { language == .swift ? swift : language == .python ? python : other }

    /// The chart as an `<svg>` element. `standalone` adds the XML namespace a
    /// separate .svg file needs (inline SVG in HTML does without it).
    public func svg(standalone: Bool = false) -> String {
        let labelWidth = 230.0, plotWidth = 380.0, textWidth = 110.0, rowHeight = 22.0, top = 46.0
        let width = labelWidth + plotWidth + textWidth
        let height = top + rowHeight * Double(max(bars.count, 1)) + 34
        let values = bars.flatMap { [$0.value, $0.high ?? $0.value] } + lines.map(\.value)
        let positive = values.filter { $0 > 0 }
        var lower = 0.0, upper = max(values.max() ?? 1, 1e-12) * 1.08
        // Memory steps are round in MB (the unit the ticks are written in).
        let unit = axisLabel.contains("memory") ? Double(1 << 20) : 1
        let step = Self.niceStep(upper / 5 / unit) * unit  // about five steps
        if !logarithmic { upper = (upper / step).rounded(.up) * step }
        if logarithmic {
            lower = pow(10, floor(log10(positive.min() ?? 1e-3)))
            upper = pow(10, ceil(log10(max(positive.max() ?? 1, lower * 10))))
        }
        func x(_ value: Double) -> Double {
            guard logarithmic else { return labelWidth + plotWidth * max(0, value) / upper }
            let clamped = min(max(value, lower), upper)
            return labelWidth + plotWidth * (log10(clamped) - log10(lower)) / (log10(upper) - log10(lower))
        }
        // Inline, the chart is as wide as its box (the viewBox keeps its proportions).
        let size = standalone ? "width=\"\(Int(width))\" height=\"\(Int(height))\"" : "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\""
        var out = "<svg\(standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : "") \(size) "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">"
        out += "<title>\(HTML.escape(title))</title>"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
        out += "<text x=\"8\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(HTML.escape(title))</text>"
        // Grid: decades on a log axis, quarters on a linear one.
        var ticks: [Double] = []
        if logarithmic {
            var tick = lower
            while tick <= upper * 1.0001 { ticks.append(tick); tick *= 10 }
        } else {
            ticks = stride(from: 0.0, through: upper * 1.0001, by: step).map { $0 }
        }
        let bottom = top + rowHeight * Double(bars.count)
        for tick in ticks {
            let position = f(x(tick))
            out += "<line x1=\"\(position)\" y1=\"\(f(top - 4))\" x2=\"\(position)\" y2=\"\(f(bottom))\" stroke=\"#e3e6ec\"/>"
            out += "<text x=\"\(position)\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\" fill=\"#5a6272\">\(HTML.escape(axisTick(tick)))</text>"
        }
        out += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(bottom + 29))\" text-anchor=\"middle\" fill=\"#5a6272\">\(HTML.escape(axisLabel))</text>"
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let start = logarithmic ? labelWidth : x(0)
            out += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 15))\" text-anchor=\"end\">\(HTML.escape(bar.label))</text>"
            out += "<rect x=\"\(f(start))\" y=\"\(f(y + 4))\" width=\"\(f(max(1, x(bar.value) - start)))\" height=\"\(f(rowHeight - 8))\" fill=\"\(bar.colour)\" opacity=\"0.85\"/>"
            if let low = bar.low, let high = bar.high {
                let middle = f(y + rowHeight / 2)
                out += "<line x1=\"\(f(x(low)))\" y1=\"\(middle)\" x2=\"\(f(x(high)))\" y2=\"\(middle)\" stroke=\"#1d2330\"/>"
                for end in [low, high] {
                    out += "<line x1=\"\(f(x(end)))\" y1=\"\(f(y + 6))\" x2=\"\(f(x(end)))\" y2=\"\(f(y + rowHeight - 6))\" stroke=\"#1d2330\"/>"
                }
            }
            out += "<text x=\"\(f(labelWidth + plotWidth + 6))\" y=\"\(f(y + 15))\">\(HTML.escape(bar.text))</text>"
        }
        for line in lines {
            let position = f(x(line.value))
            out += "<line x1=\"\(position)\" y1=\"\(f(top - 6))\" x2=\"\(position)\" y2=\"\(f(bottom))\" stroke=\"#2a9d4b\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
            out += "<text x=\"\(position)\" y=\"\(f(top - 9))\" text-anchor=\"middle\" fill=\"#2a9d4b\">\(HTML.escape(line.label))</text>"
        }
        return out + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A round step near `rough`: 1, 2, 2.5 or 5 times a power of ten, so a
    /// linear axis reads 0, 0.5, 1, 1.5, 2.
    public static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, floor(log10(rough)))
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    private func axisTick(_ value: Double) -> String {
        switch axisLabel {
        case let label where label.contains("seconds"): return Format.duration(value)
        case let label where label.contains("memory"): return Format.bytes(Int(value))
        default: return value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
        }
    }
}
