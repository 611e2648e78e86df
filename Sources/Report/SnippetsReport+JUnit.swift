import Contract
import Foundation
import Measure

/// A snippets run as JUnit XML: one test suite for the document, one test
/// case per Python block (blocks in other languages are not tests).
extension SnippetsReport {
    public func junitText() -> String? {
        let cases = blocks.filter(\.runnable)
        let failures = cases.filter { $0.status == .failed }.count
        let errors = cases.filter { $0.status == .timeout || $0.status == .crashed }.count
        let skipped = cases.filter { $0.status == .skipped }.count
        let time = cases.reduce(0) { $0 + ($1.wallSeconds ?? 0) }
        let suite = Self.attribute(document)
        var out = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                   "<testsuites name=\"pyvs snippets\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(time))\">",
                   "  <testsuite name=\"\(suite)\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(Self.seconds(time))\" timestamp=\"\(Self.attribute(createdAt))\">"]
        for block in cases {
            out.append("    <testcase classname=\"\(suite)\" name=\"block \(block.index) (line \(block.line))\" file=\"\(suite)\" line=\"\(block.line)\" time=\"\(Self.seconds(block.wallSeconds ?? 0))\">")
            let reason = Self.attribute(ProblemWords.reason(of: block) ?? "")
            switch block.status {
            case .ok: break
            case .skipped: out.append("      <skipped message=\"\(reason)\"/>")
            case .failed: out.append("      <failure type=\"failed\" message=\"\(reason)\">\(Self.text(block.stderr))</failure>")
            case .timeout, .crashed:
                out.append("      <error type=\"\(block.status.rawValue)\" message=\"\(reason)\">\(Self.text(block.stderr))</error>")
            }
            if !block.stdout.isEmpty { out.append("      <system-out>\(Self.text(block.stdout))</system-out>") }
            if !block.stderr.isEmpty { out.append("      <system-err>\(Self.text(block.stderr))</system-err>") }
            out.append("    </testcase>")
        }
        out += ["  </testsuite>", "</testsuites>"]
        return out.joined(separator: "\n") + "\n"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Text as XML character data: escaped, and without the control
    /// characters XML 1.0 cannot hold.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static func attribute(_ value: String) -> String {
        text(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
            .replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;")
    }
}
