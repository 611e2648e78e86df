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

    /// Worker processes (and their children, which carry the same command
    /// line) whose parent is no longer pyvs: left behind by a run that
    /// ended. Workers of runs still under way (other tests) have a pyvs parent.
    static func strayWorkers() -> [String] {
        func commandLine(_ pid: String) -> String? {
            FileManager.default.contents(atPath: "/proc/\(pid)/cmdline").map {
                String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            }
        }
        func parent(_ pid: String) -> String? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 ? String(fields[1]) : nil
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.filter { Int32($0) != nil }.compactMap { pid -> String? in
            guard let line = commandLine(pid), line.contains("__worker") else { return nil }
            let parentLine = parent(pid).flatMap(commandLine) ?? ""
            return parentLine.contains("pyvs") ? nil : line
        }
    }
}
