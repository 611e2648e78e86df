import Testing
@testable import Snippets

/// The bubblewrap command line a sandboxed block runs under: what it
/// shares, what it binds, and in which order (a later bind wins).
@Suite struct SandboxCommandTests {
    let offline = Sandbox(bwrap: "/usr/bin/bwrap", version: "bubblewrap 0.8.0", network: false)

    @Test func theBlockRunsAsNobodyWithNothingShared() throws {
        let command = offline.command(["/usr/bin/python3", "block.py"], writable: ["/work/blocks"])
        #expect(Array(command.prefix(4)) == ["/usr/bin/bwrap", "--die-with-parent", "--new-session", "--unshare-all"])
        #expect(!command.contains("--share-net"))
        #expect(command.contains("65534") && command.firstIndex(of: "--uid").map { command[$0 + 1] } == "65534")
        // The block's own command comes last, after the separator.
        #expect(Array(command.suffix(3)) == ["--", "/usr/bin/python3", "block.py"])
        // Writable folders are bound read-write after the read-only root.
        let root = try #require(command.firstIndex(of: "--ro-bind"))
        let folder = try #require(command.firstIndex(of: "--bind"))
        #expect(root < folder)
        #expect(command[folder + 1] == "/work/blocks" && command[folder + 2] == "/work/blocks")
    }

    @Test func theNetworkIsSharedOnlyWhenAskedFor() {
        let online = Sandbox(bwrap: "/usr/bin/bwrap", version: "v", network: true)
        #expect(online.command(["true"], writable: []).contains("--share-net"))
        #expect(online.summary.contains("with the network") && offline.summary.contains("no network"))
    }

    /// The host's /tmp is replaced by an empty one: what pyvs needs from
    /// there is bound back read-only, each top folder once.
    @Test func whatLivesInTmpIsBoundBackOnce() throws {
        let command = offline.command(["/tmp/build/debug/pyvs", "__worker"], writable: [],
                                      needs: ["/tmp/build/python/x.py", "/tmp/other/file", "/usr/lib/y"])
        let binds = command.indices.filter { command[$0] == "--ro-bind" }.map { command[$0 + 1] }
        #expect(binds.filter { $0 == "/tmp/build" }.count == 1)
        #expect(binds.contains("/tmp/other") && !binds.contains("/usr/lib/y"))
        let tmpfs = try #require(command.firstIndex(of: "--tmpfs"))
        let bindBack = try #require(command.firstIndex(of: "/tmp/build"))
        #expect(tmpfs < bindBack, "the empty /tmp comes first")
    }

    /// A block run alone gets bubblewrap's /proc; the fork server gets the
    /// host's, over which it mounts its blocks' namespace's own (the kernel
    /// refuses a new proc where the only one has parts hidden, as
    /// bubblewrap's has).
    @Test func theForkServerMountsItsOwnProc() throws {
        let alone = offline.command(["true"], writable: [])
        let server = offline.command(["true"], writable: [], forServer: true)
        let proc = try #require(alone.firstIndex(of: "--proc"))
        #expect(alone[proc + 1] == "/proc")
        #expect(!server.contains("--proc"))
        let bound = try #require(server.indices.first { server[$0] == "--bind" && server[$0 + 1] == "/proc" })
        #expect(server[bound + 2] == "/proc" && bound > server.firstIndex(of: "--ro-bind")!, "over the read-only root: \(server)")
    }

    @Test func readableFoldersAreReadOnly() throws {
        let command = offline.command(["true"], writable: ["/w"], readable: ["/r"])
        let at = try #require(command.firstIndex(of: "/r"))
        #expect(command[at - 1] == "--ro-bind")
    }
}
