import Foundation

/// Whole reads and writes on a file descriptor, retried on EINTR and on
/// short transfers: the one loop every pipe in pyvs goes through.
public enum FileIO {
    /// Writes every byte unless the descriptor fails; returns the bytes written.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var done = 0
        while done < bytes.count {
            let wrote = write(fd, base + done, bytes.count - done)
            if wrote < 0 && errno == EINTR { continue }
            if wrote <= 0 { break }
            done += wrote
        }
        return done
    }

    @discardableResult
    public static func writeAll(_ fd: Int32, _ data: Data) -> Int {
        data.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Reads until the buffer is full or the other end closes; returns the bytes read.
    public static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let got = read(fd, base + done, buffer.count - done)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            done += got
        }
        return done
    }

    /// One read(2), retried on EINTR: the bytes read, 0 at the end, -1 on an error.
    public static func readOnce(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        while true {
            let got = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            return got
        }
    }

    /// One recv(2), retried on EINTR: the bytes received, 0 at the end, -1 on an error.
    public static func receiveOnce(_ fd: Int32, into buffer: inout [UInt8]) -> Int {
        while true {
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got < 0 && errno == EINTR { continue }
            return got
        }
    }

    /// Everything `fd` gives until the other end closes (or an error).
    public static func readToEnd(_ fd: Int32) -> Data {
        var all = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = readOnce(fd, into: &chunk)
            guard got > 0 else { return all }
            all.append(contentsOf: chunk[0..<got])
        }
    }
}
