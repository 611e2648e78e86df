import Foundation

/// Memory of a whole process group, read from /proc. Every process of the
/// group counts (a 4-process pool is 5 processes, not one); pages shared after
/// fork count once per process, as `ps` shows them.
public enum ProcessTree {
    public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Sum of resident memory (bytes) and count of the processes whose process
    /// group is `group`. Descendants get pids above the group leader's, so
    /// only those /proc entries are opened (a sample costs well under 1 ms).
    public static func sample(group: pid_t) -> (rssBytes: Int, processes: Int) {
        guard let dir = opendir("/proc") else { return (0, 0) }
        defer { closedir(dir) }
        var total = 0
        var count = 0
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), pid >= group else { continue }
            guard let stat = readSmallFile("/proc/\(pid)/stat"), let fields = statFields(stat) else { continue }
            // fields after "(comm)": [0]=state [2]=pgrp ... [21]=rss (pages)
            guard fields.count > 21, Int32(fields[2]) == group, let pages = Int(fields[21]) else { continue }
            total += pages * pageSize
            count += 1
        }
        return (total, count)
    }

    /// Pids of the live processes in `group` (the leader included).
    public static func members(group: pid_t) -> [pid_t] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { Int32($0) }.filter { pid in
            guard let stat = readSmallFile("/proc/\(pid)/stat"), let fields = statFields(stat) else { return false }
            return fields.count > 2 && Int32(fields[2]) == group && fields[0] != "Z"
        }
    }

    static func statFields(_ text: String) -> [Substring]? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let got = read(fd, &buffer, buffer.count)
        guard got > 0 else { return nil }
        return String(decoding: buffer[0..<got], as: UTF8.self)
    }
}
