import Foundation
import Measure

/// What the parent asks one worker process to do (passed as JSON on the
/// command line of the hidden `__worker` mode).
public struct WorkerSpec: Codable, Sendable {
    public enum Kind: String, Codable, Sendable { case variant, pythonInfo = "python-info", gil, snippet }
    public var kind: Kind
    public var scenario: String = ""
    public var variant: String = ""
    public var params: [String: Int] = [:]
    /// Injected fault, for pyvs's own tests: segfault, hang, exit, raise, memory, wrong.
    public var fault: String?
    public var pythonExecutable: String?
    public var startMethod: String = "fork"
    /// Free-form arguments of other kinds (a GIL variant's thread count, a snippet file...).
    public var options: [String: String] = [:]

    public init(kind: Kind) { self.kind = kind }

    public func encoded() -> String {
        String(decoding: try! JSONEncoder().encode(self), as: UTF8.self)
    }
}

/// What a worker writes on its report pipe (fd 3) before it exits.
public struct WorkerReport: Codable, Sendable {
    public var wallSeconds: Double?
    public var cpuSeconds: Double?
    public var result: String?
    public var peakRSSBytes: Int?
    public var error: String?
    public var extra: [String: Double]?
    public var python: PythonInfo?
    public var payload: String?
    /// How many times the measured region ran in a row (figures are per loop).
    public var loops: Int?

    enum CodingKeys: String, CodingKey {
        case wallSeconds = "wall_s", cpuSeconds = "cpu_s", result, peakRSSBytes = "peak_rss_bytes"
        case error, extra, python, payload, loops
    }

    public init() {}

    mutating func record<T>(_ region: Worker.Region<T>) {
        wallSeconds = region.wall
        cpuSeconds = region.cpu
        loops = region.loops
    }

    /// Writes the report on fd 3 (the private pipe the runner created).
    public func send() {
        var data = (try? JSONEncoder().encode(self)) ?? Data()
        data.append(0x0a)
        data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let wrote = write(3, raw.baseAddress! + done, raw.count - done)
                if wrote < 0 && errno == EINTR { continue }
                if wrote <= 0 { break }
                done += wrote
            }
        }
    }
}
