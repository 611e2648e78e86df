import Console
import Contract
import Foundation
import Kernels
import Measure

/// pipe-ipc: M messages of S bytes from one process to another; every
/// message must arrive intact and in order. Python: `pyvs_py.pipe_ipc`.
extension Catalogue {
    public static let pipeIPC: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "pipe-ipc",
            title: "M messages of S bytes from one process to another",
            source: "reference document §1.3, §5.1.2",
            pythonModule: "pyvs_py.pipe_ipc",
            parameters: [
                ParameterSpec("messages", default: 100_000, quick: 10_000, range: 1...10_000_000, help: "messages sent"),
                ParameterSpec("size", default: 1_024, quick: 256, range: 8...(16 << 20), help: "bytes per message (at least 8)"),
            ],
            variants: [
                .python("py.pipe", .processes, "multiprocessing.Pipe, send_bytes/recv_bytes", function: "pipe"),
                .python("py.queue", .processes, "multiprocessing.Queue of bytes", function: "queue"),
                .swift("swift.pipe", .processes, "pipe(2) from a forked process, read/write") { p in try PipeIPC.pipe(p) },
            ])
        spec.speedup = .noBaseline  // throughput is the figure
        spec.counterparts = [Counterpart(python: "py.pipe", swift: "swift.pipe")]
        spec.expected = { p in PipeIPC.describe(p) }
        spec.metrics = [
            MetricSpec(key: "messages_per_s", label: "msgs/s", unit: .perSecond, perWallOf: "messages"),
            MetricSpec(key: "bytes_per_s", label: "bytes/s", unit: .bytesPerSecond, perWallOf: PipeIPC.bytesKey),
        ]
        return spec
    }()
}

/// The Swift side of pipe-ipc. Message i is its index (8 bytes, little
/// endian) followed by bytes (i + j) % 251 for j = 8..<S, so a message lost,
/// reordered or corrupted is noticed.
public enum PipeIPC {
    static let bytesKey = "bytes_moved"

    static func describe(_ p: Params) -> String { describe(received: p.messages, size: p.size) }
    static func describe(received: Int, size: Int) -> String { "\(received) messages of \(size) bytes, in order and intact" }

    struct Corrupt: Error, CustomStringConvertible { let description: String }

    /// 251 + S bytes of the repeating pattern: message i's body is a slice of it.
    static func pattern(_ size: Int) -> [UInt8] { (0..<(size + 251)).map { UInt8($0 % 251) } }

    static func pipe(_ p: Params) throws -> VariantOutput {
        let (count, size) = (p.messages, p.size)
        let pattern = pattern(size)
        let outgoing = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)  // before the fork
        defer { outgoing.deallocate() }
        let counted = try ForkedWorkers.stream(count: 1, produce: { _, fd in
            pattern.withUnsafeBytes { source in
                for index in 0..<count {
                    outgoing.storeBytes(of: UInt64(index).littleEndian, as: UInt64.self)
                    let offset = (index + 8) % 251
                    (outgoing.baseAddress! + 8).copyMemory(from: source.baseAddress! + offset, byteCount: size - 8)
                    if FileIO.writeAll(fd, UnsafeRawBufferPointer(outgoing)) != size { return false }
                }
                return true
            }
        }, consume: { _, fd in
            var incoming = [UInt8](repeating: 0, count: size)
            var (received, moved) = (0, 0)
            try pattern.withUnsafeBytes { source in
                for index in 0..<count {
                    let got = incoming.withUnsafeMutableBytes { FileIO.readFully(fd, $0) }
                    guard got == size else { throw Corrupt(description: "message \(index) ended after \(got) of \(size) bytes") }
                    let header = incoming.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    guard UInt64(littleEndian: header) == UInt64(index) else {
                        throw Corrupt(description: "message \(index) arrived as message \(UInt64(littleEndian: header))")
                    }
                    let offset = (index + 8) % 251
                    let intact = incoming.withUnsafeBytes { memcmp($0.baseAddress! + 8, source.baseAddress! + offset, size - 8) == 0 }
                    guard intact else { throw Corrupt(description: "message \(index) arrived corrupted") }
                    received += 1
                    moved += got
                }
            }
            return (received, moved)
        })[0]
        return VariantOutput(result: describe(received: counted.0, size: size), metrics: [bytesKey: Double(counted.1)])
    }
}

private extension Params {
    var messages: Int { self["messages"] ?? 0 }
    var size: Int { self["size"] ?? 8 }
}
