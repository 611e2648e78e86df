import Bench
import Contract
import Foundation
import Processes
import Testing

@Suite(.serialized) struct IOBoundTests {
    @Test func everyVariantGetsEveryResponseAndTheServerCountsThem() throws {
        let run = CLI.run(["run", "io-bound", "--quick", "--format", "json", "--no-progress", "--requests", "6", "--delay-ms", "50"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr)")
        let scenario = try #require((doc["scenarios"] as? [[String: Any]])?.first)
        let rows = try #require(scenario["variants"] as? [[String: Any]])
        let spec = try #require(Catalogue.scenario(named: "io-bound"))
        #expect(rows.compactMap { $0["id"] as? String } == spec.variants.map(\.id))
        for row in rows {
            let id = row["id"] as? String ?? "?"
            if row["status"] as? String == "skipped" {
                #expect(id == "py.http-aiohttp", "\(id): \(row["reason"] ?? "")")
                continue
            }
            #expect(row["status"] as? String == "ok", "\(id): \(row["reason"] ?? "")")
            #expect(row["result_ok"] as? Bool == true, "\(id): \(row["result"] ?? "")")
            let result = row["result"] as? String ?? ""
            if id.contains("http") {
                #expect(result == "6 responses, 1536 bytes", "\(id)")
                #expect((row["extra"] as? [String: Double])?["served"] == 6, "\(id): the server must count every request")
            } else {
                #expect(result == "6 waits", "\(id)")
            }
            // Six waits of 50 ms: one after another at least 300 ms; concurrent ones need at least one wait.
            let wall = (row["wall_s"] as? [String: Any])?["median"] as? Double ?? 0
            #expect(wall >= (id.hasSuffix("serial") ? 0.3 : 0.05), "\(id): \(wall) s")
        }
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
    }
}
