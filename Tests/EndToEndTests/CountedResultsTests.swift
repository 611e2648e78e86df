import Foundation
import Testing

/// pipe-ipc, context-switch and process-start report what their parties
/// counted (messages that arrived intact, handoffs received, statuses read
/// back as 0), so odd sizes that no default uses must come back exactly.
@Suite(.serialized) struct CountedResultsTests {
    /// Every row of one quick run, each checked to have run and returned `result`.
    func rows(_ arguments: [String], count: Int, result: String) throws -> [[String: Any]] {
        let run = CLI.run(["run"] + arguments + ["--quick", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
        let rows = try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
        #expect(rows.count == count)
        for row in rows {
            let id = row["id"] as? String ?? "?"
            #expect(row["status"] as? String == "ok", "\(id): \(row["reason"] ?? "")")
            #expect(row["result"] as? String == result, "\(id)")
        }
        return rows
    }

    @Test func pipeIPCCountsTheMessagesAndBytesThatArrived() throws {
        let rows = try rows(["pipe-ipc", "--messages", "37", "--size", "24"], count: 3,
                            result: "37 messages of 24 bytes, in order and intact")
        for row in rows { #expect((row["extra"] as? [String: Double])?["bytes_moved"] == Double(37 * 24), "\(row["id"] ?? "?")") }
    }

    @Test func contextSwitchCountsTheRoundTripsThatHappened() throws {
        _ = try rows(["context-switch", "--round-trips", "13"], count: 5, result: "13 round trips")
    }

    @Test func processStartReadsEveryChildsStatus() throws {
        _ = try rows(["process-start", "--starts", "3", "--only", "py.fork,py.subprocess,swift.fork,swift.posix-spawn,py.thread,swift.thread"],
                     count: 6, result: "3 of 3 started ran to the end")
    }
}
