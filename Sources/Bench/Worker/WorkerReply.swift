import Console
import Contract
import Foundation
import Measure

/// What a snippet's block did, as the Python side judged it.
public struct SnippetVerdict: Codable, Sendable, Equatable {
    public var status: RunStatus
    public var reason: String?
    /// What a skipped block lacked (the network, a module).
    public var needs: BlockNeed?
}

/// What a worker writes on its report pipe (fd 3) before it exits.
public struct WorkerReply: Codable, Sendable {
    /// The measured region, per loop: wall and CPU seconds (start-up excluded).
    public var wallSeconds: Double?
    public var cpuSeconds: Double?
    /// The region's CPU split into user and system seconds, per loop.
    public var userSeconds: Double?
    public var systemSeconds: Double?
    /// How many times the measured region ran in a row (figures are per loop).
    public var loops: Int?
    /// How many times the variant ran in all, the calibrating run included.
    public var calls: Int?
    public var output: VariantOutput?
    /// Seconds to start the embedded CPython, for rows that embed it.
    public var interpreterStartSeconds: Double?
    public var python: PythonInfo?
    /// Whether the GIL was on after a Python variant ran (its imports included).
    public var gilEnabled: Bool?
    /// The commit the worker's pyvs was built from (another build's binary may be older).
    public var pyvsCommit: String?
    public var snippet: SnippetVerdict?
    public var peakRSSBytes: Int?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_s", cpuSeconds = "cpu_s", userSeconds = "user_s", systemSeconds = "sys_s", loops, calls, output
        case interpreterStartSeconds = "interpreter_start_s", python, gilEnabled = "gil_enabled", pyvsCommit = "pyvs_commit", snippet, peakRSSBytes = "peak_rss_bytes"
        case error
    }

    public init() {}

    mutating func record<T>(_ region: MeasuredRegion<T>) {
        wallSeconds = region.wall
        cpuSeconds = region.cpu
        userSeconds = region.user
        systemSeconds = region.system
        loops = region.loops
        calls = region.calls
    }

    /// Writes the reply on fd 3 (the private pipe the runner created).
    public func send() {
        var data = (try? JSONEncoder().encode(self)) ?? Data()
        data.append(0x0a)
        FileIO.writeAll(3, data)
    }

    /// The first line a worker wrote on its report pipe, decoded.
    public static func decode(_ report: Data) -> WorkerReply? {
        let firstLine = report.split(separator: 0x0a).first.map { Data($0) } ?? Data()
        return try? JSONDecoder().decode(WorkerReply.self, from: firstLine)
    }
}
