import Foundation
import Synchronization

/// Progress on stderr while a run is under way. On a terminal: one live
/// line (what runs, run k of n, elapsed, estimated time left). Otherwise:
/// plain lines, one per step.
public final class ProgressLine: Sendable {
    private struct State {
        var planned = 0
        var done = 0
        var lineShown = false
    }

    private let enabled: Bool
    private let live: Bool
    private let start = Date()
    private let state = Mutex(State())

    public init(enabled: Bool = true, live: Bool = isatty(2) == 1) {
        self.enabled = enabled
        self.live = live
    }

    /// How many steps the whole command will take (for the estimate).
    public func plan(_ steps: Int) { state.withLock { $0.planned += steps } }

    /// Steps that will not run after all (a variant stopped early).
    public func skip(_ steps: Int) { state.withLock { $0.planned -= steps } }

    /// A step starts.
    public func step(_ label: String, detail: String) {
        state.withLock { state in
            guard enabled else { return }
            let elapsed = Date().timeIntervalSince(start)
            var text = "\(label)  \(detail)  [\(state.done + 1)/\(max(state.planned, state.done + 1))]  \(clock(elapsed))"
            if state.done > 0 && state.planned > state.done {
                text += ", about \(clock(elapsed / Double(state.done) * Double(state.planned - state.done))) left"
            }
            state.done += 1
            write(text, &state)
        }
    }

    /// A line that stays (a warning, a failure).
    public func note(_ text: String) {
        state.withLock { state in
            guard enabled else { return }
            if live && state.lineShown { Output.stderr("\r\u{1B}[2K") ; state.lineShown = false }
            Output.stderr("pyvs: \(text)\n")
        }
    }

    /// Clears the live line at the end.
    public func finish() {
        state.withLock { state in
            if live && state.lineShown { Output.stderr("\r\u{1B}[2K") }
            state.lineShown = false
        }
    }

    private func write(_ text: String, _ state: inout State) {
        if live {
            let width = terminalWidth()
            let shown = text.count > width - 1 ? String(text.prefix(width - 2)) + "…" : text
            Output.stderr("\r\u{1B}[2K\(shown)")
            state.lineShown = true
        } else {
            Output.stderr("\(text)\n")
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
