import Foundation
import Measure

/// Running the built pyvs binary the way a user does.
enum CLI {
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["PYVS_BIN"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/pyvs").path
    }

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let outcome: ChildOutcome
    }

    /// Runs pyvs with arguments; `timeout` guards the test itself.
    static func run(_ arguments: [String], timeout: Double = 300, input: String? = nil) -> Result {
        var child = ChildProcess(arguments: [binary] + arguments)
        child.timeout = timeout
        child.captureLimitBytes = 16 << 20
        child.input = input.map { Data($0.utf8) }
        let outcome = child.run()
        let status: Int32
        switch outcome.ending {
        case .exited(let code): status = code
        case .signalled(let signal): status = 128 + signal
        default: status = -1
        }
        return Result(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                      stderr: String(decoding: outcome.stderr, as: UTF8.self), outcome: outcome)
    }

    static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// pyvs processes (workers, their children) still alive, other than tests.
    static func strayWorkers() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { Int32($0) }.compactMap { pid -> String? in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return line.contains("__worker") && line.contains("\"fault\"") ? line : nil
        }
    }
}
