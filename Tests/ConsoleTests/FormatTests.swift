import Console
import Foundation
import Testing

@Suite struct FormatTests {
    @Test func durationsBytesRatios() {
        #expect(Format.duration(1.234) == "1.23 s")
        #expect(Format.duration(0.0456) == "45.6 ms")
        #expect(Format.duration(0.0000789) == "78.9 µs")
        #expect(Format.duration(nil) == "–")
        #expect(Format.bytes(512) == "512 B")
        #expect(Format.bytes(3 << 20) == "3.0 MB")
        #expect(Format.ratio(1.966) == "1.97×")
        #expect(Format.count(10_000) == "10k")
        #expect(Format.count(1_000_000) == "1M")
        #expect(Format.count(2_500_000) == "2.5M")
        #expect(Format.count(1_234) == "1234")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(Format.displayWidth("abc") == 3)
        #expect(Format.displayWidth("并发") == 4)
    }
}

@Suite struct FileIOTests {
    @Test func readsOnceAndToTheEndThroughAPipeAndASocket() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        FileIO.writeAll(fds[1], Data("first".utf8))
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(FileIO.readOnce(fds[0], into: &buffer) == 5)
        FileIO.writeAll(fds[1], Data(repeating: 7, count: 10_000))
        close(fds[1])
        #expect(FileIO.readToEnd(fds[0]) == Data(repeating: 7, count: 10_000))
        #expect(FileIO.readOnce(fds[0], into: &buffer) == 0, "the end")
        close(fds[0])
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &pair) == 0)
        FileIO.writeAll(pair[1], Data("one message".utf8))
        #expect(FileIO.receiveOnce(pair[0], into: &buffer) == 11)
        close(pair[1])
        #expect(FileIO.receiveOnce(pair[0], into: &buffer) == 0)
        close(pair[0])
        #expect(FileIO.readOnce(-1, into: &buffer) == -1, "an error is not the end")
    }

    @Test func writesAndReadsEveryByteThroughAPipe() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let payload = Data((0..<1000).map { UInt8($0 % 251) })
        #expect(FileIO.writeAll(fds[1], payload) == 1000)
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 1200)
        let got = buffer.withUnsafeMutableBytes { FileIO.readFully(fds[0], $0) }
        close(fds[0])
        #expect(got == 1000)  // the other end closed before the buffer was full
        #expect(Data(buffer.prefix(got)) == payload)
    }
}
