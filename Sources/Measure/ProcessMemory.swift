import Foundation

/// This process's memory as /proc/self/status states it, and the system's
/// limits on what more it can take.
public struct ProcessMemory: Sendable, Equatable {
    public var resident: Int
    public var peakResident: Int
    public var virtual: Int

    /// This process's, now (zeros when /proc cannot be read).
    public static func current() -> ProcessMemory {
        var memory = ProcessMemory(resident: 0, peakResident: 0, virtual: 0)
        let path = "/proc/self/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return memory }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let kB = parts[1].split(whereSeparator: \.isWhitespace).first.flatMap({ Int($0) }) else { continue }
            switch parts[0] {
            case "VmRSS": memory.resident = kB * 1024
            case "VmHWM": memory.peakResident = kB * 1024
            case "VmSize": memory.virtual = kB * 1024
            default: break
            }
        }
        return memory
    }

    /// The peak resident memory (VmHWM) of a process, from its status file
    /// kept open; nil when it cannot be read (gone, a zombie).
    public static func peakResident(in status: ProcFile.Kept) -> Int? {
        status.withBytes(limit: 4096, peakResident(in:))
    }

    /// VmHWM in bytes, from the bytes of a status file.
    static func peakResident(in bytes: UnsafeRawBufferPointer) -> Int? {
        let key = Array("VmHWM:".utf8)
        guard let start = (0..<max(0, bytes.count - key.count)).first(where: { at in
            (at == 0 || bytes[at - 1] == 10) && key.indices.allSatisfy { bytes[at + $0] == key[$0] }
        }) else { return nil }
        var kB = 0, index = start + key.count
        while index < bytes.count, bytes[index] != 10 {
            if bytes[index] >= 48 && bytes[index] <= 57 { kB = kB * 10 + Int(bytes[index] - 48) }
            index += 1
        }
        return kB * 1024
    }

    /// Resets the peak resident figure to the current one (clear_refs 5),
    /// so a region's peak is its own; then returns the figures.
    @discardableResult
    public static func resetPeak() -> ProcessMemory {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        if fd >= 0 {
            _ = "5".withCString { write(fd, $0, 1) }
            close(fd)
        }
        return current()
    }

    /// Memory the system can give without swapping (MemAvailable), if known.
    public static func available() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// How many threads one process may start here, and what bounds it:
    /// kernel.threads-max, the pid space (a thread takes a pid), and
    /// vm.max_map_count (a thread's stack and its guard page are two maps).
    public static func threadCeiling() -> (count: Int, bound: String) {
        func read(_ path: String) -> Int? {
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let running = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int($0) != nil }.count ?? 0
        var ceilings: [(count: Int, bound: String)] = []
        if let value = read("/proc/sys/kernel/threads-max") { ceilings.append((value, "kernel.threads-max \(value)")) }
        if let value = read("/proc/sys/kernel/pid_max") { ceilings.append((value - running, "kernel.pid_max \(value)")) }
        if let value = read("/proc/sys/vm/max_map_count") { ceilings.append((value / 2, "vm.max_map_count \(value)")) }
        return ceilings.min { $0.count < $1.count } ?? (Int.max, "no known limit")
    }
}
