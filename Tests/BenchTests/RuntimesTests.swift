import Foundation
import Processes
import Testing
@testable import Bench

/// The other runtimes as pyvs finds them: a version from the first command,
/// what is missing with the Debian packages that install it.
@Suite final class RuntimesTests {
    let folder = NSTemporaryDirectory() + "pyvs-runtimes-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/registry/tokio-1.24.2", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/registry/tokio-1.9.0", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/registry/tokio-macros-2.0.0", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// A command that prints `text` on stdout (or stderr, as `java -version` does).
    func command(_ name: String, prints text: String, onStderr: Bool = false) throws {
        let path = folder + "/bin/" + name
        try "#!/bin/sh\necho '\(text)'\(onStderr ? " >&2" : "")\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
    }

    @Test func aRuntimeWithAllItNeedsHasItsVersion() throws {
        try command("rustc", prints: "rustc 1.63.0")
        try command("cargo", prints: "cargo 0.66.0")
        try command("javac", prints: "javac 17.0.15", onStderr: true)
        try command("java", prints: "openjdk 17")
        let found = Runtimes.found(Runtimes.all.filter { $0.id == "rust" || $0.id == "java" }, path: folder + "/bin",
                                   registry: folder + "/registry", supervisor: Supervisor())
        // The newest tokio, not tokio-macros.
        #expect(found.map(\.version) == ["javac 17.0.15", "rustc 1.63.0; tokio 1.24.2"])
        #expect(found.allSatisfy { $0.missing.isEmpty && $0.installCommand == nil })
    }

    @Test func whatIsMissingIsNamedWithThePackagesThatInstallIt() throws {
        try command("rustc", prints: "rustc 1.63.0")
        let found = Runtimes.found(path: folder + "/bin", registry: folder + "/empty", supervisor: Supervisor())
        #expect(found.map(\.id) == ["go", "java", "cpp", "rust", "node"])
        #expect(found.allSatisfy { $0.version == nil })
        let java = try #require(found.first { $0.id == "java" })
        #expect(java.missing == ["javac", "java"] && java.installCommand == "apt-get install -y default-jdk-headless", "one package for both")
        let rust = try #require(found.first { $0.id == "rust" })
        #expect(rust.missing == ["cargo", "the tokio crate in \(folder)/empty"])
        #expect(rust.installCommand == "apt-get install -y cargo librust-tokio-dev", "rustc is here: not installed again")
    }
}
