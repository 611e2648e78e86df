import Foundation
import Testing

/// pipe-ipc, context-switch and process-start report what their parties
/// counted (messages that arrived intact, handoffs received, statuses read
/// back as 0), so odd sizes that no default uses must come back exactly.
@Suite(.serialized) struct CountedResultsTests {
    func rows(_ arguments: [String]) throws -> [[String: Any]] {
        let run = CLI.run(["run"] + arguments + ["--quick", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
        return try #require((doc["scenarios"] as? [[String: Any]])?.first?["variants"] as? [[String: Any]])
    }

    @Test func pipeIPCCountsTheMessagesAndBytesThatArrived() throws {
        let rows = try rows(["pipe-ipc", "--messages", "37", "--size", "24"])
        #expect(rows.count == 3)
        for row in rows {
            let id = row["id"] as? String ?? "?"
            #expect(row["status"] as? String == "ok", "\(id): \(row["reason"] ?? "")")
            #expect(row["result"] as? String == "37 messages of 24 bytes, in order and intact", "\(id)")
            #expect((row["extra"] as? [String: Double])?["bytes_moved"] == Double(37 * 24), "\(id)")
        }
    }

    @Test func contextSwitchCountsTheRoundTripsThatHappened() throws {
        let rows = try rows(["context-switch", "--round-trips", "13"])
        #expect(rows.count == 5)
        for row in rows {
            let id = row["id"] as? String ?? "?"
            #expect(row["status"] as? String == "ok", "\(id): \(row["reason"] ?? "")")
            #expect(row["result"] as? String == "13 round trips", "\(id)")
        }
    }

    @Test func processStartReadsEveryChildsStatus() throws {
        let rows = try rows(["process-start", "--starts", "3", "--only", "py.fork,py.subprocess,swift.fork,swift.posix-spawn"])
        #expect(rows.count == 4)
        for row in rows {
            let id = row["id"] as? String ?? "?"
            #expect(row["status"] as? String == "ok", "\(id): \(row["reason"] ?? "")")
            #expect(row["result"] as? String == "3 of 3 processes ended with status 0", "\(id)")
        }
    }
}
