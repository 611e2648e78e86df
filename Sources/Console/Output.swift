import Foundation
import Synchronization

/// Writing a report. To stdout; or to a file: a regular file (or a new
/// path) is replaced atomically — a temporary file beside it, then rename —
/// so a reader never sees half a report; a symlink is followed to its
/// target; a device or a FIFO is written through, never replaced.
public enum Output {
    public struct CannotWrite: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Standard streams that were closed when pyvs started (they were then
    /// pointed at /dev/null, so no file pyvs opens takes their number).
    private static let closedAtStart = Mutex(Set<Int32>())

    /// Call first thing: notes a closed stdout or stderr and keeps its
    /// descriptor number taken.
    public static func checkStandardStreams() {
        for fd: Int32 in [1, 2] where fcntl(fd, F_GETFD) < 0 {
            closedAtStart.withLock { _ = $0.insert(fd) }
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
        }
    }

    /// A line (or more) on stderr; nothing when stderr is closed or full.
    public static func stderr(_ text: String) {
        guard !closedAtStart.withLock({ $0.contains(2) }) else { return }
        FileIO.writeAll(2, Data(text.utf8))
    }

    public static func write(_ text: String, to path: String?) throws {
        let data = Data(text.utf8)
        switch try destination(path) {
        case .standardOutput:
            guard FileIO.writeAll(1, data) == data.count else {
                throw CannotWrite(path: "standard output", reason: String(cString: strerror(errno)))
            }
        case .newFile(let target): try replace(target, with: data, shownAs: path ?? target, mode: nil)
        case .regularFile(let target, let mode): try replace(target, with: data, shownAs: path ?? target, mode: mode)
        case .passThrough(let target): try writeThrough(target, data, shownAs: path ?? target)
        }
    }

    /// Where a report goes. A path is resolved through its symlinks.
    enum Destination {
        case standardOutput
        case newFile(String)
        /// Replaced atomically, keeping its permissions.
        case regularFile(String, mode: mode_t)
        /// A device or a FIFO: written through, never replaced.
        case passThrough(String)
    }

    static func destination(_ path: String?) throws -> Destination {
        guard let path, path != "-" else {
            if closedAtStart.withLock({ $0.contains(1) }) { throw CannotWrite(path: "standard output", reason: "it is closed") }
            return .standardOutput
        }
        let target = resolve(path)
        var info = stat()
        guard stat(target, &info) == 0 else { return .newFile(target) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw CannotWrite(path: path, reason: "it is a folder")
        case S_IFREG: return .regularFile(target, mode: info.st_mode & 0o7777)
        default: return .passThrough(target)
        }
    }

    /// A symlink's final target (relative links resolved beside the link).
    static func resolve(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let destination = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return current
    }

    /// A device or a FIFO: opened and written, as a shell redirection would.
    private static func writeThrough(_ target: String, _ data: Data, shownAs path: String) throws {
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard FileIO.writeAll(fd, data) == data.count else {
            throw CannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// A temporary file beside the target, then rename over it (keeping the
    /// old file's permissions).
    private static func replace(_ target: String, with data: Data, shownAs path: String, mode: mode_t?) throws {
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode ?? 0o644)
        guard fd >= 0 else {
            throw CannotWrite(path: path, reason: errno == ENOENT ? "the folder does not exist" : String(cString: strerror(errno)))
        }
        let written = FileIO.writeAll(fd, data)
        let failure = written == data.count ? nil : String(cString: strerror(errno))
        if let mode { fchmod(fd, mode) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw CannotWrite(path: path, reason: failure)
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CannotWrite(path: path, reason: reason)
        }
    }

    /// Checks early (before any measuring) that `path` can be written.
    public static func checkWritable(_ path: String?) throws {
        let target: String
        switch try destination(path) {
        case .standardOutput: return
        case .passThrough(let device):
            guard access(device, W_OK) == 0 else { throw CannotWrite(path: path ?? device, reason: String(cString: strerror(errno))) }
            return
        case .newFile(let file), .regularFile(let file, _): target = file
        }
        let path = path ?? target
        let dir = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw CannotWrite(path: path, reason: "folder \(dir) does not exist")
        }
        guard access(dir, W_OK) == 0 else { throw CannotWrite(path: path, reason: "folder \(dir) is not writable") }
    }
}
