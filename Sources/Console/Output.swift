import Foundation

/// Writing a report: stdout, or a file written atomically (a temporary file
/// beside it, then rename), so a reader never sees half a report.
public enum Output {
    public struct CannotWrite: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to path: String?) throws {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(text.data(using: .utf8)!)
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw CannotWrite(path: path, reason: reason)
            }
        } catch let error as CannotWrite {
            throw error
        } catch {
            throw CannotWrite(path: path, reason: (error as NSError).localizedFailureReason ?? "the folder does not exist or is not writable")
        }
    }

    /// Checks early (before any measuring) that `path` can be written.
    public static func checkWritable(_ path: String?) throws {
        guard let path, path != "-" else { return }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw CannotWrite(path: path, reason: "folder \(dir) does not exist")
        }
        guard access(dir, W_OK) == 0 else { throw CannotWrite(path: path, reason: "folder \(dir) is not writable") }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw CannotWrite(path: path, reason: "it is a folder")
        }
    }
}
