import Bench
import Foundation
import Processes

/// The sandboxed server's report on one block (`pyvs_py.snippet.watch`),
/// the one line it writes per block: versioned, and read strictly — an
/// unknown key, a missing one or an ending of another kind is an error
/// that names it, never a figure of 0.
struct SandboxReport: Decodable {
    /// The format this pyvs reads (`REPORT_VERSION` in watch.py).
    static let version = 2

    /// How the block's process ended, as the server saw it.
    let ending: ChildOutcome.Ending
    /// The server's figures; none when it could not start the block.
    let figures: Figures?
    /// What the block's own harness said: its verdict, and its threads' CPU.
    let verdict: Verdict?
    /// The non-daemon threads Python waited for at exit, when it did.
    let exiting: Exiting?

    struct Figures: Equatable {
        let wallSeconds: Double
        let userSeconds: Double
        let systemSeconds: Double
        let treePeakRSSBytes: Int
        /// Nil when the block ended before its first reading.
        let treePeakPSSBytes: Int?
        /// The summed RSS at the last PSS reading.
        let pssReadAtRSSBytes: Int?
        let peakProcesses: Int
        let peakThreads: Int
        let leftovers: Int
    }

    struct Verdict: Decodable {
        let verdict: SnippetVerdict
        let threadsCPUSeconds: Double?

        enum CodingKeys: String, CodingKey { case verdict, threadsCPUSeconds = "threads_cpu_s" }
    }

    struct Exiting: Decodable { let threads: [String] }

    enum Unreadable: Error, CustomStringConvertible {
        case empty
        case version(Int)
        case unknownKeys([String])
        case unknownEnding(String)

        var description: String {
            switch self {
            case .empty: return "the server wrote nothing"
            case .version(let found): return "format \(found), this pyvs reads \(SandboxReport.version)"
            case .unknownKeys(let keys): return "unknown key\(keys.count == 1 ? "" : "s") \(keys.joined(separator: ", "))"
            case .unknownEnding(let kind): return "unknown ending '\(kind)'"
            }
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, ending, wallSeconds = "wall_s", userSeconds = "user_s", systemSeconds = "sys_s"
        case treePeakRSSBytes = "tree_peak_rss_bytes", treePeakPSSBytes = "tree_peak_pss_bytes", pssReadAtRSSBytes = "pss_read_at_rss_bytes", peakProcesses = "peak_processes", peakThreads = "peak_threads"
        case leftovers, verdict, exiting
    }

    enum EndingKeys: String, CodingKey, CaseIterable {
        case kind, code, signal, afterSeconds = "after_s", limitBytes = "limit_bytes", limit, message
    }

    init(from decoder: Decoder) throws {
        try Self.refuseUnknownKeys(in: decoder, known: CodingKeys.allCases.map(\.stringValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == Self.version else { throw Unreadable.version(version) }
        let endingDecoder = try container.superDecoder(forKey: .ending)
        try Self.refuseUnknownKeys(in: endingDecoder, known: EndingKeys.allCases.map(\.stringValue))
        let ending = try endingDecoder.container(keyedBy: EndingKeys.self)
        switch try ending.decode(String.self, forKey: .kind) {
        case "exited": self.ending = .exited(try ending.decode(Int32.self, forKey: .code))
        case "signalled": self.ending = .signalled(try ending.decode(Int32.self, forKey: .signal))
        case "timeout": self.ending = .timedOut(afterSeconds: try ending.decode(Double.self, forKey: .afterSeconds))
        case "memory": self.ending = .memoryExceeded(limitBytes: try ending.decode(Int.self, forKey: .limitBytes))
        case "processes": self.ending = .processLimit(try ending.decode(Int.self, forKey: .limit))
        case "failed":
            // The server could not start the block: no figures, no verdict.
            self.ending = .failedToStart(try ending.decode(String.self, forKey: .message))
            figures = nil; verdict = nil; exiting = nil
            return
        case let kind: throw Unreadable.unknownEnding(kind)
        }
        figures = Figures(wallSeconds: try container.decode(Double.self, forKey: .wallSeconds),
                          userSeconds: try container.decode(Double.self, forKey: .userSeconds),
                          systemSeconds: try container.decode(Double.self, forKey: .systemSeconds),
                          treePeakRSSBytes: try container.decode(Int.self, forKey: .treePeakRSSBytes),
                          treePeakPSSBytes: try container.decodeIfPresent(Int.self, forKey: .treePeakPSSBytes),
                          pssReadAtRSSBytes: try container.decodeIfPresent(Int.self, forKey: .pssReadAtRSSBytes),
                          peakProcesses: try container.decode(Int.self, forKey: .peakProcesses),
                          peakThreads: try container.decode(Int.self, forKey: .peakThreads),
                          leftovers: try container.decode(Int.self, forKey: .leftovers))
        // Null when the block's code sent none (it was killed, or ended the process itself).
        verdict = try container.decodeIfPresent(Verdict.self, forKey: .verdict)
        exiting = try container.decodeIfPresent(Exiting.self, forKey: .exiting)
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    private static func refuseUnknownKeys(in decoder: Decoder, known: [String]) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).filter { !known.contains($0) }
        if !unknown.isEmpty { throw Unreadable.unknownKeys(unknown.sorted()) }
    }

    /// A decoding error in one line: what was wrong, and where.
    static func describe(_ error: Error) -> String {
        switch error {
        case let error as Unreadable: return error.description
        case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' is not what it should be"
        case DecodingError.dataCorrupted: return "not JSON"
        default: return "\(error)"
        }
    }
}
