import Foundation

/// Bytes as they arrive from a pipe, complete lines as they are finished:
/// each byte is scanned for a newline once, however many reads it takes.
public struct LineBuffer: Sendable {
    private var pending: [UInt8] = []
    /// Where the next line starts, and how far the scan for its end has got.
    private var lineStart = 0
    private var scanned = 0

    public init() {}

    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
    }

    /// The next complete line (without its newline), or nil until one is.
    public mutating func nextLine() -> String? {
        while scanned < pending.count {
            let index = scanned
            scanned += 1
            if pending[index] == 0x0a {
                let line = String(decoding: pending[lineStart..<index], as: UTF8.self)
                lineStart = scanned
                compact()
                return line
            }
        }
        return nil
    }

    /// Every complete line so far.
    public mutating func completeLines() -> [String] {
        var lines: [String] = []
        while let line = nextLine() { lines.append(line) }
        return lines
    }

    /// Drops consumed bytes once they are most of the buffer (amortised O(1)).
    private mutating func compact() {
        guard lineStart > 4096 && lineStart * 2 > pending.count else { return }
        pending.removeFirst(lineStart)
        scanned -= lineStart
        lineStart = 0
    }
}
