import Bench
import Contract
import Foundation
import Processes
import Testing

@Suite(.serialized) struct GILCommandTests {
    @Test func quickJSONRunsEveryVariantAtOneAndTwoThreads() throws {
        let run = CLI.run(["gil", "--quick", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "not JSON: \(run.stdout.prefix(300))")
        #expect(doc["schema"] as? String == "pyvs.run/1")
        let scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["name"] as? String } == ["gil", "gil-switch-interval"])
        let rows = try #require(scenarios[0]["variants"] as? [[String: Any]])
        let version = (doc["python"] as? [String: Any])?["version"] as? String ?? ""
        let ownGIL = version.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes([3, 12]) == false
        let study = try #require(Catalogue.gilStudy.first)
        for variant in study.variants {
            for threads in [1, 2] {
                let row = try #require(rows.first { $0["id"] as? String == variant.id && $0["threads"] as? Int == threads },
                                       "no row \(variant.id) ×\(threads)")
                #expect(row["label"] as? String == "\(variant.id) ×\(threads)")
                let verdict = try #require(row["verdict"] as? [String: Any], "\(variant.id) ×\(threads) has no verdict")
                if variant.id == "py.subinterpreters" && !ownGIL {
                    #expect(row["status"] as? String == "skipped")
                    #expect(CLI.reason(row).kind == "needs" && CLI.reason(row).figures["requirement"] as? String == "python_3_12")
                    #expect(verdict["kind"] as? String == "not_run" && CLI.reason(verdict).figures["requirement"] as? String == "python_3_12")
                    continue
                }
                #expect(row["status"] as? String == "ok", "\(variant.id) ×\(threads): \(row["reason"] ?? "")")
                #expect(row["result_ok"] as? Bool == true, "\(variant.id) ×\(threads)")
                #expect(row["concurrency"] is Double)
                #expect(row["speedup"] is Double)
                let extra = try #require(row["extra"] as? [String: Double])
                #expect(extra["thread_cpu_s"] != nil)
                if threads == 2 {
                    // One run (--quick) is not a conclusion.
                    #expect(verdict["kind"] as? String == "not_conclusive" && verdict["runs"] as? Int == 1, "\(variant.id)")
                } else {
                    #expect(verdict["kind"] as? String == "baseline")
                }
                if variant.id == "host.pthreads-gil" { #expect(extra["gil_wait_s"] != nil) }
            }
        }
        // The native kernel on 1 and 2 pthreads ran in the round, beside the rows.
        let reference = try #require(scenarios[0]["native_reference"] as? [String: Any])
        let referenceRows = try #require(reference["rows"] as? [[String: Any]])
        #expect(referenceRows.compactMap { $0["label"] as? String } == ["native ×1", "native ×2"])
        #expect(referenceRows.allSatisfy { $0["result_ok"] as? Bool == true })
        let rounds = try #require(reference["rounds"] as? [[String: Any]])
        #expect(rounds.count == 1 && rounds[0]["threads"] as? Int == 2 && rounds[0]["parallelism"] is Double)
        let ids = rows.compactMap { $0["label"] as? String }
        #expect(Set(ids).count == ids.count, "row labels repeat: \(ids)")
        let sweep = try #require(scenarios[1]["variants"] as? [[String: Any]])
        #expect(sweep.count == 4)
        #expect(sweep.allSatisfy { $0["status"] as? String == "ok" && $0["result_ok"] as? Bool == true })
        #expect(sweep.compactMap { ($0["extra"] as? [String: Double])?["switch_interval_s"] } == [0.0001, 0.001, 0.005, 0.05])
    }

    @Test func threadListAndSweepOptions() throws {
        let run = CLI.run(["gil", "--quick", "--threads", "1,3", "--switch-intervals", "2", "--format", "json", "--no-progress"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let doc = try #require(CLI.json(run.stdout))
        let scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        let rows = try #require(scenarios[0]["variants"] as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["threads"] as? Int }) == [1, 3])
        #expect((scenarios[1]["variants"] as? [[String: Any]])?.count == 1)
    }

    @Test(arguments: [
        (["gil", "--threads", "0"], "--threads takes whole numbers from 1 to 256"),
        (["gil", "--threads", "two"], "--threads takes whole numbers"),
        (["gil", "--switch-intervals=0"], "--switch-intervals takes milliseconds from 0.001 to 10000"),
        (["gil", "--n", "0"], "--n must be a whole number from 1"),
    ] as [([String], String)])
    func badOptions(arguments: [String], message: String) {
        let run = CLI.run(arguments, timeout: 60)
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}
