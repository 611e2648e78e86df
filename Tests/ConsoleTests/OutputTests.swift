import Console
import Foundation
import Testing

/// Writing a report to a path: a new file, a file replaced whole (keeping
/// its permissions, never half-written), a symlink's target, a FIFO
/// written through, and a one-line reason when it cannot be written.
@Suite final class OutputTests {
    let folder = NSTemporaryDirectory() + "pyvs-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func aFileIsReplacedWholeAndKeepsItsPermissions() throws {
        let file = folder + "/report.txt"
        try Output.write("first\n", to: file)
        #expect(read(file) == "first\n")
        chmod(file, 0o600)
        try Output.write("second\n", to: file)
        #expect(read(file) == "second\n")
        var info = stat()
        #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
    }

    @Test func aSymlinkIsWrittenThroughToItsTarget() throws {
        let target = folder + "/target.txt"
        try "old".write(toFile: target, atomically: true, encoding: .utf8)
        let link = folder + "/link.txt"
        #expect(symlink("target.txt", link) == 0)  // relative: resolved beside the link
        try Output.write("new", to: link)
        #expect(read(target) == "new")
        var info = stat()
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK, "the link stays a link")
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let fifo = folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        // The read end opened first, without waiting: the write's open then
        // finds a reader, and a short write fits the FIFO's buffer (no thread
        // has to wait for another).
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try Output.write("through the fifo", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let got = FileIO.readOnce(reader, into: &buffer)
        #expect(String(decoding: buffer.prefix(max(0, got)), as: UTF8.self) == "through the fifo")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func whatCannotBeWrittenSaysWhy() {
        #expect(throws: Output.CannotWrite.self) { try Output.write("x", to: folder) }
        do {
            try Output.checkWritable(folder + "/missing/report.json")
            Issue.record("a report into a missing folder was accepted")
        } catch {
            #expect("\(error)" == "cannot write \(folder)/missing/report.json: folder \(folder)/missing does not exist")
        }
        do {
            try Output.write("x", to: folder)
        } catch {
            #expect("\(error)".hasSuffix(": it is a folder"))
        }
    }
}
