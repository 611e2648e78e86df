import Console
import Contract
import Foundation
import Measure
import Report

/// The rows of `pyvs snippets -o FILE` as they finish: FILE.journal, a
/// header line, then one JSON line per block, each written when the block
/// ends. The report is built from it at the end (and the journal removed);
/// if pyvs is killed first, its guardian builds the report from the journal
/// (`finish`), so every finished row reaches FILE; if even the guardian was
/// killed, the next run into FILE says what was interrupted.
struct SnippetJournal: Sendable {
    static let schemaID = "pyvs.snippets-journal/1"

    struct Planned: Codable, Sendable {
        let index: Int
        let line: Int
        let language: String
    }

    struct Header: Codable, Sendable {
        var journal = SnippetJournal.schemaID
        let document: String
        let title: String?
        let output: String
        let format: ReportFormat
        let started: String
        let pid: Int32
        let session: Bool
        let sandbox: String?
        /// The blocks the run will report, in order.
        let planned: [Planned]
    }

    let path: String

    static func path(for output: String) -> String { output + ".journal" }

    /// Starts a journal for a run into `header.output` (replacing any old one).
    init(header: Header) throws {
        path = Self.path(for: header.output)
        let line = try JSONEncoder().encode(header) + Data("\n".utf8)
        guard FileManager.default.createFile(atPath: path, contents: line) else {
            throw CommandFailure.cannotWrite("cannot write the journal \(path) beside the output")
        }
    }

    /// One finished block, appended in one write.
    func append(_ result: SnippetResult) {
        guard let line = try? JSONEncoder().encode(result) else { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { return }
        FileIO.writeAll(fd, line + Data("\n".utf8))
        close(fd)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The header and the rows a journal holds (a torn last line is left out).
    static func read(_ path: String) -> (Header, [SnippetResult])? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = data.split(separator: 0x0a)
        guard let first = lines.first, let header = try? JSONDecoder().decode(Header.self, from: Data(first)),
              header.journal == schemaID else { return nil }
        return (header, lines.dropFirst().compactMap { try? JSONDecoder().decode(SnippetResult.self, from: Data($0)) })
    }

    /// The report of an interrupted run: the finished rows, the block that
    /// was running and those after it marked as not finished.
    static func report(_ header: Header, rows: [SnippetResult], why: String) -> SnippetsReport {
        let done = Dictionary(rows.map { ($0.index, $0) }) { first, _ in first }
        var interruptedAt: Int?
        let blocks = header.planned.map { block -> SnippetResult in
            if let row = done[block.index] { return row }
            defer { interruptedAt = interruptedAt ?? block.index }
            return SnippetResult(index: block.index, line: block.line, language: block.language, status: .skipped,
                                 reason: .journalInterrupted(why: why, running: interruptedAt == nil))
        }
        var report = SnippetsReport(document: header.document, session: header.session,
                                    machine: MachineInfo.current(nativeParallelism: nil), python: nil, blocks: blocks)
        report.title = header.title
        report.sandbox = header.sandbox
        report.incomplete = true
        return report
    }

    /// The guardian's side, pyvs having been killed: the report from the
    /// journal, written where pyvs would have written it; the journal goes.
    static func finish(_ path: String) {
        guard let (header, rows) = read(path) else { return }
        let report = report(header, rows: rows, why: "pyvs was killed")
        guard let text = try? report.rendered(header.format, width: nil), (try? Output.write(text, to: header.output)) != nil else { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// A journal left by a run nobody finished (pyvs and its guardian both
    /// killed): one line saying what was interrupted; the journal goes.
    static func leftover(for output: String) -> String? {
        let path = path(for: output)
        guard let (header, rows) = read(path) else { return nil }
        if kill(header.pid, 0) == 0 { return nil }  // that run is still going
        try? FileManager.default.removeItem(atPath: path)
        return "the last run of \(header.document) into \(output) (started \(header.started)) was interrupted after "
            + "\(rows.count) of \(header.planned.count) blocks; this run replaces it"
    }
}
