import Bench
import Contract
import Foundation
import Processes
import Measure
import Markdown

/// --session: the blocks run in order in one interpreter, sharing one
/// `__main__` namespace, as a reader typing them in would. The worker
/// announces each block on its report pipe, so each still gets its own
/// timeout; when the worker dies, the blocks after it are reported as not run.
extension SnippetRunner {
    /// What the session worker writes on its report pipe: "start" before a
    /// block, "end" with the block's verdict and figures after it.
    struct SessionEvent: Decodable {
        let token: String?
        let event: String
        let index: Int
        let status: RunStatus?
        let reason: String?
        /// The harness's words as a block's reason (none when it said nothing).
        var problem: RowProblem? { reason.flatMap { $0.isEmpty ? nil : .said($0) } }
        let needs: BlockNeed?
        let wallSeconds: Double?
        let cpuSeconds: Double?
        let peakRSSBytes: Int?

        enum CodingKeys: String, CodingKey {
            case token, event, index, status, reason, needs, wallSeconds = "wall_s", cpuSeconds = "cpu_s", peakRSSBytes = "peak_rss_bytes"
        }
    }

    /// The session's job file, read by `pyvs_py.snippet.run_session`.
    struct SessionFile: Encodable {
        struct Block: Encodable {
            let index: Int
            /// The document line of the block's fence (its code starts below it).
            let line: Int
            let source: String
            let expectError: Bool
            let requires: [String]
            /// A >>> session as the document shows it (checked as doctest does).
            let transcript: String?

            enum CodingKeys: String, CodingKey {
                case index, line, source, expectError = "expect_error", requires, transcript
            }
        }

        let path: String
        let display: String
        let blocks: [Block]
        let exitFirst: Bool
        /// Carried by every event the worker writes: the worker reads it
        /// and deletes this file before any block runs, so a block cannot
        /// write an event pyvs would believe.
        let token: String

        enum CodingKeys: String, CodingKey { case path, display, blocks, exitFirst = "exit_first", token }
    }

    func runSession(_ blocks: [CodeBlock], display: String, folder: String) -> [SnippetResult] {
        guard !blocks.isEmpty else { return [] }
        progress.step("\(display) session", detail: "\(blocks.count) blocks")
        let file = folder + "/" + display
        let job = folder + "/session.json"
        // One file holding every block at its own lines (for tracebacks and spawn).
        var lines: [String] = []
        for block in blocks {
            while lines.count < block.line { lines.append("") }
            lines += block.source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let session = SessionFile(path: file, display: display, blocks: blocks.map { block in
            SessionFile.Block(index: block.index, line: block.line, source: block.source + "\n", expectError: block.directives.expectError,
                              requires: block.directives.requires, transcript: block.isSession ? block.code + "\n" : nil)
        }, exitFirst: options.exitFirst, token: UUID().uuidString)
        let timeouts = Dictionary(uniqueKeysWithValues: blocks.map { ($0.index, timeout(of: $0)) })
        do {
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: false, encoding: .utf8)
            try JSONEncoder().encode(session).write(to: URL(fileURLWithPath: job))
        } catch {
            return blocks.map { SnippetResult(index: $0.index, line: $0.line, language: $0.language, status: .failed,
                                              reason: .cannotWrite(what: "the session files", message: error.localizedDescription)) }
        }
        let worker = SnippetJob(display: display, folder: folder, python: options.python, mode: .session(jobFile: job))
        var child = child(worker, timeout: options.limits.timeout + 30)  // until the first block starts: start-up
        let byIndex = Dictionary(uniqueKeysWithValues: blocks.map { ($0.index, $0) })
        let onResult = options.onResult
        child.onReportLine = { [self] line in
            guard let event = try? JSONDecoder().decode(SessionEvent.self, from: Data(line.utf8)), event.token == session.token else { return nil }
            if event.event == "start" { return timeouts[event.index] }
            // A finished block reaches the journal now (its output is split
            // from the session's at the end).
            if let onResult, let block = byIndex[event.index], let status = event.status {
                var row = SnippetResult(index: block.index, line: block.line, language: block.language, status: status, reason: event.problem)
                row.needs = event.needs
                row.wallSeconds = event.wallSeconds
                row.cpuSeconds = event.cpuSeconds
                onResult(finished(row, block))
            }
            return nil
        }
        let outcome = run(child)

        var events: [Int: SessionEvent] = [:]
        var started: [Int] = []
        for line in outcome.report.split(separator: 0x0a) {
            guard let event = try? JSONDecoder().decode(SessionEvent.self, from: Data(line)), event.token == session.token else { continue }
            if event.event == "start" { started.append(event.index) } else { events[event.index] = event }
        }
        let stdout = Self.splitByBlock(outcome.stdout)
        let stderr = Self.splitByBlock(outcome.stderr)
        var results: [SnippetResult] = []
        var endedAt: Int?
        for block in blocks {
            var result = SnippetResult(index: block.index, line: block.line, language: block.language, status: .skipped)
            result.stdout = clean(stdout[block.index] ?? Data(), truncated: false, file: file, display: display)
            result.stderr = clean(stderr[block.index] ?? Data(), truncated: false, file: file, display: display)
            if let event = events[block.index], let status = event.status {
                result.status = status
                result.reason = event.problem
                result.needs = event.needs
                result.wallSeconds = event.wallSeconds
                result.cpuSeconds = event.cpuSeconds
                result.peakRSSBytes = event.peakRSSBytes
            } else if let ended = endedAt {
                result.reason = .sessionEnded(atBlock: ended)
            } else if options.exitFirst, let failed = results.last(where: { $0.status.isFailure }) {
                endedAt = failed.index
                result.reason = .stoppedAt(block: failed.index)
            } else if started.contains(block.index) {
                endedAt = block.index
                if let failure = Outcome.abnormal(outcome) {
                    result.status = failure.status
                    result.reason = failure.reason
                } else if case .exited(let code) = outcome.ending {
                    result.status = code == 0 ? .ok : .failed
                    result.reason = .exitedDuringBlock(status: code, session: true)
                }
            } else {
                endedAt = endedAt ?? block.index
                result.status = .failed
                result.reason = .sessionNotReached(outcome.ending, stderr: outcome.ending.exited
                    ? String(decoding: outcome.stderr.suffix(300), as: UTF8.self) : nil)
            }
            appendUnknownDirectives(block, to: &result)
            results.append(result)
        }
        return results
    }

    /// Splits a session's output at the markers the worker writes before
    /// each block ("\u{1E}pyvs-block N\u{1E}\n").
    static func splitByBlock(_ data: Data) -> [Int: Data] {
        var parts: [Int: Data] = [:]
        var current: Int?
        let marker = Array("\u{1E}pyvs-block ".utf8)
        var index = data.startIndex
        var segmentStart = index
        while index < data.endIndex {
            if data[index] == 0x1E, data[index...].starts(with: marker),
               let close = data[(index + marker.count)...].firstIndex(of: 0x1E) {
                if let current { parts[current, default: Data()].append(data[segmentStart..<index]) }
                current = Int(String(decoding: data[(index + marker.count)..<close], as: UTF8.self))
                index = close + 1
                if index < data.endIndex && data[index] == 0x0a { index += 1 }
                segmentStart = index
                continue
            }
            index += 1
        }
        if let current { parts[current, default: Data()].append(data[segmentStart..<index]) }
        return parts
    }
}
