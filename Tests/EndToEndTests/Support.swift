import Contract
import Foundation
import Measure
import Processes

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
        /// PYVS_TEST_RUN in the environment of pyvs and of everything it starts.
        let tag: String
    }

    /// Runs pyvs with arguments; `timeout` guards the test itself.
    static func run(_ arguments: [String], timeout: Double = 300, input: String? = nil, environment: [String: String] = [:]) -> Result {
        var child = ChildProcess(arguments: [binary] + arguments)
        child.environment.merge(environment) { $1 }
        child.timeout = timeout
        child.captureLimitBytes = 16 << 20
        child.input = input.map { Data($0.utf8) }
        let tag = UUID().uuidString
        child.environment["PYVS_TEST_RUN"] = tag
        let outcome = child.run(in: Supervisor())
        let status: Int32
        switch outcome.ending {
        case .exited(let code): status = code
        case .signalled(let signal): status = 128 + signal
        default: status = -1
        }
        return Result(status: status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
                      stderr: String(decoding: outcome.stderr, as: UTF8.self), outcome: outcome, tag: tag)
    }

    static func json(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// A row's or block's `reason` in the JSON: its kind and figures (an
    /// ending's kind and figures for `ended`); ("", [:]) when it has none.
    static func reason(_ row: [String: Any]) -> (kind: String, figures: [String: Any]) {
        guard let reason = row["reason"] as? [String: Any], let (kind, value) = reason.first else { return ("", [:]) }
        let figures = value as? [String: Any] ?? [:]
        if kind == "ended", let ending = figures["ending"] as? [String: Any], let (how, detail) = ending.first {
            return (how, (detail as? [String: Any] ?? [:]).merging(figures.filter { $0.key != "ending" }) { first, _ in first })
        }
        return (kind, figures)
    }

    /// The words a block's harness said (`said`), or "".
    static func said(_ row: [String: Any]) -> String {
        let (kind, figures) = reason(row)
        return kind == "said" ? figures["text"] as? String ?? "" : ""
    }

    /// The processes a run left behind: every process still alive whose
    /// environment carries the run's own tag (a worker, a pool's children, a
    /// block's daemon all inherit it). Other tests' processes carry other
    /// tags, so suites running beside this one cannot disturb the check.
    static func leftBehind(by run: Result) -> [String] {
        let marker = Data("PYVS_TEST_RUN=\(run.tag)".utf8)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.filter { Int32($0) != nil }.compactMap { pid -> String? in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                  environment.split(separator: 0).contains(where: { Data($0) == marker }),
                  let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            if let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), stat.contains(") Z ") { return nil }
            return "\(pid) " + String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
        }
    }
}
