import Foundation

/// The whole machine's CPU time as /proc/stat counts it (every core, in
/// clock ticks turned into seconds): what was busy, and what the
/// hypervisor took (steal). Two readings around a run say what the
/// machine did meanwhile; less what the run and its observer used, that is
/// what other programs used.
public struct MachineCPU: Sendable, Equatable {
    /// user + nice + system + irq + softirq (guest time is inside user).
    public var busySeconds: Double
    /// Time the hypervisor ran something else while this machine's CPUs wanted to run.
    public var stealSeconds: Double

    public init(busySeconds: Double, stealSeconds: Double) {
        self.busySeconds = busySeconds; self.stealSeconds = stealSeconds
    }

    /// Now (zeros where /proc/stat cannot be read).
    public static func now() -> MachineCPU {
        guard let text = ProcFile.read("/proc/stat", limit: 512), let line = text.split(separator: "\n").first else {
            return MachineCPU(busySeconds: 0, stealSeconds: 0)
        }
        return parse(String(line)) ?? MachineCPU(busySeconds: 0, stealSeconds: 0)
    }

    /// The "cpu ..." line: user nice system idle iowait irq softirq steal ...
    static func parse(_ line: String) -> MachineCPU? {
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard line.hasPrefix("cpu "), fields.count >= 8 else { return nil }
        return MachineCPU(busySeconds: (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) * tick,
                          stealSeconds: fields[7] * tick)
    }

    /// One clock tick in seconds: the resolution of these figures.
    public static var tick: Double { 1 / Double(max(1, sysconf(Int32(_SC_CLK_TCK)))) }

    public static func - (after: MachineCPU, before: MachineCPU) -> MachineCPU {
        MachineCPU(busySeconds: max(0, after.busySeconds - before.busySeconds),
                   stealSeconds: max(0, after.stealSeconds - before.stealSeconds))
    }
}

/// Small /proc files read with one open and one read (no Foundation), for
/// the readers that run every few milliseconds.
public enum ProcFile {
    public static func read(_ path: String, limit: Int = 1024) -> String? {
        withBytes(path, limit: limit) { String(decoding: $0, as: UTF8.self) }
    }

    /// The file's bytes (up to `limit`) handed to `body` from a buffer on
    /// the stack; nil when it cannot be read or is empty.
    public static func withBytes<T>(_ path: String, limit: Int = 1024, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return withBytes(fd: fd, limit: limit, body)
    }

    /// The bytes of an open file from its start (pread), as above.
    static func withBytes<T>(fd: Int32, limit: Int, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
        withUnsafeTemporaryAllocation(byteCount: limit, alignment: 1) { buffer -> T? in
            let got = pread(fd, buffer.baseAddress, limit, 0)
            guard got > 0 else { return nil }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
        }
    }

    /// A /proc file kept open and read again from its start: a look costs
    /// one system call instead of three (on this kind of virtual machine the
    /// open, with its path walk, is most of a small read's cost). A process's
    /// file opened this way stays that process's: once it has ended, reads
    /// fail, even if its pid is handed out again.
    public final class Kept {
        private let fd: Int32

        public init?(_ path: String) {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { return nil }
        }

        deinit { close(fd) }

        public func withBytes<T>(limit: Int = 1024, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
            ProcFile.withBytes(fd: fd, limit: limit, body)
        }
    }
}
