import Bench
import Foundation
import Measure
import Testing

@Suite struct GILVerdictTests {
    func verdict(_ model: String = "threads", sharesGIL: Bool = true, threads: Int = 2, speedup: Double?,
                 concurrency: Double? = nil, native: Double = 1.97) -> String? {
        GILVerdict.verdict(subject: "X", model: model, sharesGIL: sharesGIL, threads: threads, speedup: speedup,
                           concurrency: concurrency, nativeParallelism: native)
    }

    @Test func serialisedWhenNeitherSpeedupNorConcurrency() throws {
        let text = try #require(verdict(speedup: 1.01, concurrency: 1.00))
        #expect(text.contains("serialised by the GIL"))
        #expect(text.contains("native threads reach 1.97 here"))
        #expect(text.contains("with 2 threads"))
    }

    @Test func parallelNearTheNativeCeiling() throws {
        #expect(try #require(verdict(speedup: 1.8, concurrency: 1.9)).contains("runs in parallel"))
        // Judged against native parallelism, not the core count: 1.5 of a possible 1.6 is parallel.
        #expect(try #require(verdict(speedup: 1.5, native: 1.6)).contains("runs in parallel"))
    }

    @Test func inBetweenIsPartlyParallel() throws {
        #expect(try #require(verdict(speedup: 1.4, concurrency: 1.4)).contains("partly parallel"))
    }

    @Test func aMachineWithoutParallelismIsInconclusive() throws {
        let text = try #require(verdict(speedup: 1.0, concurrency: 1.0, native: 1.05))
        #expect(text.contains("inconclusive"))
        #expect(!text.contains("serialised"))
    }

    @Test func sleepingThreadsOverlapWithoutCPU() throws {
        #expect(try #require(verdict("sleep", speedup: 1.98, concurrency: 0.01)).contains("waits overlap"))
        #expect(try #require(verdict("sleep", speedup: 1.1, concurrency: 0.01)).contains("did not overlap"))
    }

    @Test func notTheGILsFaultWhenThreadsDoNotShareIt() throws {
        let text = try #require(verdict("processes", sharesGIL: false, speedup: 1.0, concurrency: 1.0))
        #expect(text.contains("did not run in parallel"))
        #expect(!text.contains("GIL"))
    }

    @Test func noVerdictForOneThreadOrNoFigures() {
        #expect(verdict(threads: 1, speedup: 1) == nil)
        #expect(verdict(speedup: nil) == nil)
    }

    @Test func catalogueCoversTheStudy() {
        let ids = Set(GILCatalogue.variants.map(\.id))
        #expect(ids == ["py.threads", "host.pthreads-gil", "py.threads-release", "py.native-nogil", "py.native-gil",
                        "swift.threads", "py.processes", "py.subinterpreters"])
        #expect(Set(GILCatalogue.variants.filter { $0.id == "py.threads-release" }.map(\.model)) == ["sleep", "sha256", "zlib"])
        #expect(GILCatalogue.variants.filter(\.sharesGIL).count == 7)
    }
}

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
        for variant in GILCatalogue.variants {
            for threads in [1, 2] {
                let row = try #require(rows.first { $0["id"] as? String == variant.id && $0["model"] as? String == variant.model
                    && $0["threads"] as? Int == threads }, "no row \(variant.id) \(variant.model) ×\(threads)")
                #expect(row["verdict"] is String, "\(variant.id) \(variant.model) ×\(threads) has no verdict")
                if variant.needsOwnGIL && !ownGIL {
                    #expect(row["status"] as? String == "skipped")
                    #expect((row["reason"] as? String ?? "").contains("needs CPython ≥ 3.12"))
                    #expect((row["verdict"] as? String ?? "").contains("skipped — needs CPython ≥ 3.12"))
                    continue
                }
                #expect(row["status"] as? String == "ok", "\(variant.id) \(variant.model) ×\(threads): \(row["reason"] ?? "")")
                #expect(row["result_ok"] as? Bool == true, "\(variant.id) \(variant.model) ×\(threads)")
                #expect(row["concurrency"] is Double)
                #expect(row["speedup"] is Double)
                let extra = try #require(row["extra"] as? [String: Double])
                #expect(extra["thread_cpu_s"] != nil)
                if threads == 2 {
                    #expect((row["verdict"] as? String ?? "").contains("with 2 threads"), "\(variant.id)")
                } else {
                    #expect((row["verdict"] as? String ?? "").contains("1 thread — the baseline for speedup"))
                }
                if variant.model == "pthreads-gil" { #expect(extra["gil_wait_s"] != nil) }
            }
        }
        let verdicts = try #require(scenarios[0]["verdicts"] as? [String])
        #expect(verdicts.count == GILCatalogue.variants.count)
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
        (["gil", "--switch-intervals=0"], "--switch-intervals takes milliseconds above 0"),
    ] as [([String], String)])
    func badOptions(arguments: [String], message: String) {
        let run = CLI.run(arguments, timeout: 60)
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }
}
