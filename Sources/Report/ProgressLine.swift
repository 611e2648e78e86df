import Foundation

/// Progress on stderr while a run is under way. On a terminal: one live
/// line (what runs, run k of n, elapsed, estimated time left). Otherwise:
/// plain lines, one per step.
public final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let live: Bool
    private let start = Date()
    private var planned = 0
    private var done = 0
    private var lineShown = false
    private let lock = NSLock()

    public init(enabled: Bool = true, live: Bool = isatty(2) == 1) {
        self.enabled = enabled
        self.live = live
    }

    /// How many steps the whole command will take (for the estimate).
    public func plan(_ steps: Int) { lock.withLock { planned += steps } }

    /// Steps that will not run after all (a variant stopped early).
    public func skip(_ steps: Int) { lock.withLock { planned -= steps } }

    /// A step starts.
    public func step(_ label: String, detail: String) {
        lock.withLock {
            guard enabled else { return }
            let elapsed = Date().timeIntervalSince(start)
            var text = "\(label)  \(detail)  [\(done + 1)/\(max(planned, done + 1))]  \(clock(elapsed))"
            if done > 0 && planned > done {
                text += ", about \(clock(elapsed / Double(done) * Double(planned - done))) left"
            }
            done += 1
            write(text)
        }
    }

    /// A line that stays (a warning, a failure).
    public func note(_ text: String) {
        lock.withLock {
            guard enabled else { return }
            if live && lineShown { FileHandle.standardError.write("\r\u{1B}[2K".data(using: .utf8)!) ; lineShown = false }
            FileHandle.standardError.write("pyvs: \(text)\n".data(using: .utf8)!)
        }
    }

    /// Clears the live line at the end.
    public func finish() {
        lock.withLock {
            if live && lineShown { FileHandle.standardError.write("\r\u{1B}[2K".data(using: .utf8)!) }
            lineShown = false
        }
    }

    private func write(_ text: String) {
        if live {
            let width = terminalWidth()
            let shown = text.count > width - 1 ? String(text.prefix(width - 2)) + "…" : text
            FileHandle.standardError.write("\r\u{1B}[2K\(shown)".data(using: .utf8)!)
            lineShown = true
        } else {
            FileHandle.standardError.write("\(text)\n".data(using: .utf8)!)
        }
    }

    private func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 20 ? Int(size.ws_col) : 100
    }
}
