import Foundation

/// How numbers are written in every report.
public enum Format {
    /// 1.23 s, 45.6 ms, 789 µs.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        switch abs(seconds) {
        case 100...: return String(format: "%.0f s", seconds)
        case 1...: return String(format: "%.2f s", seconds)
        case 0.001...: return String(format: "%.1f ms", seconds * 1e3)
        default: return String(format: "%.1f µs", seconds * 1e6)
        }
    }

    /// 12.3 MB (powers of 1024, as ps and top show memory).
    public static func bytes(_ value: Int?) -> String {
        guard let value else { return "–" }
        let units = ["B", "KB", "MB", "GB", "TB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024 && unit < units.count - 1 { amount /= 1024; unit += 1 }
        return unit == 0 ? "\(value) B" : String(format: amount >= 100 ? "%.0f %@" : "%.1f %@", amount, units[unit])
    }

    /// A count as people say it: 10k, 1M, 2.5M, 1234.
    public static func count(_ value: Int) -> String {
        switch abs(value) {
        case 1_000_000...: return value % 1_000_000 == 0 ? "\(value / 1_000_000)M" : String(format: "%.1fM", Double(value) / 1e6)
        case 10_000...: return value % 1_000 == 0 ? "\(value / 1_000)k" : String(format: "%.1fk", Double(value) / 1e3)
        default: return String(value)
        }
    }

    /// 1.97×
    public static func ratio(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: value >= 100 ? "%.0f×" : "%.2f×", value)
    }

    /// 1.23 M/s, 45.6 k/s, 789/s.
    public static func rate(_ perSecond: Double?) -> String {
        guard let perSecond, perSecond.isFinite else { return "–" }
        switch abs(perSecond) {
        case 1e9...: return String(format: "%.2f G/s", perSecond / 1e9)
        case 1e6...: return String(format: "%.2f M/s", perSecond / 1e6)
        case 1e3...: return String(format: "%.1f k/s", perSecond / 1e3)
        default: return String(format: "%.0f/s", perSecond)
        }
    }

    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.1f %%", value * 100)
    }

    public static func number(_ value: Double?, digits: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    /// A number of seconds as a user typed it: 5, 2.5.
    public static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }

    /// The last line of `text` that is not blank (an error's message after its traceback).
    /// A signal's name ("SIGKILL"), or its number.
    public static func signal(_ signal: Int32) -> String {
        let names: [Int32: String] = [SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGHUP: "SIGHUP", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT",
                                      SIGKILL: "SIGKILL", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGTERM: "SIGTERM",
                                      SIGTRAP: "SIGTRAP"]
        return names[signal] ?? "signal \(signal)"
    }

    public static func lastLine(_ text: String) -> String? {
        text.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init)
    }

    /// `text` cut to `columns` terminal columns, ending in "…" when cut.
    public static func truncated(_ text: String, to columns: Int) -> String {
        guard displayWidth(text) > columns else { return text }
        var out = ""
        for character in text {
            if displayWidth(out + String(character)) > columns - 1 { break }
            out.append(character)
        }
        return out + "…"
    }

    /// A line of prose in `width` columns, broken only between words (a
    /// word wider than the line keeps a line of its own, whole); the
    /// continuation lines are indented under the text: past the line's own
    /// indent and a leading "1. ", "warning: " or "name: " label of up to
    /// 12 columns, else by two. Nil width: the line as it is.
    public static func wrap(_ line: String, width: Int?) -> [String] {
        guard let width, displayWidth(line) > width else { return [line] }
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        var hang = indent + 2
        if let label = body.range(of: #"^(\d+\. |[a-z][a-z ]{0,10}: )"#, options: .regularExpression) {
            hang = indent + body.distance(from: body.startIndex, to: label.upperBound)
        }
        if hang > width / 2 { hang = indent + 2 }
        var lines: [String] = []
        var current = String(repeating: " ", count: indent)
        var currentWidth = indent
        var empty = true
        for word in body.split(separator: " ", omittingEmptySubsequences: true) {
            let wordWidth = displayWidth(String(word))
            if !empty && currentWidth + 1 + wordWidth > width {
                lines.append(current)
                current = String(repeating: " ", count: hang)
                currentWidth = hang
                empty = true
            }
            if !empty { current += " "; currentWidth += 1 }
            current += word
            currentWidth += wordWidth
            empty = false
        }
        lines.append(current)
        return lines
    }

    /// Columns the terminal on stdout has; nil when stdout is not a terminal.
    public static func terminalColumns() -> Int? {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return nil }
        return Int(size.ws_col)
    }

    /// Columns a string takes in a terminal (East Asian wide characters take two).
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x0300...0x036F, 0x200B...0x200F: return width
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD: return width + 2
            default: return width + 1
            }
        }
    }
}
