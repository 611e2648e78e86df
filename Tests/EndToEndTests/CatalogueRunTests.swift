import Bench
import Contract
import Foundation
import Processes
import Testing

/// Every scenario of `pyvs run`, end to end at its --quick sizes.
@Suite(.serialized) struct CatalogueRunTests {
    @Test func runAllQuickGivesEveryRowItsResult() throws {
        let run = CLI.run(["run", "all", "--quick", "--format", "json", "--no-progress"], timeout: 600)
        #expect(run.status == 0, "stderr: \(run.stderr.suffix(2000))")
        let doc = try #require(CLI.json(run.stdout), "stderr: \(run.stderr.suffix(2000))")
        let scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        #expect(scenarios.compactMap { $0["name"] as? String } == Catalogue.names)
        for (scenario, spec) in zip(scenarios, Catalogue.scenarios) {
            let rows = try #require(scenario["variants"] as? [[String: Any]])
            // A variant's rows, one per point of the scenario's series (one without a series).
            let points = spec.points(quick: true, override: nil)
            let variants = spec.variants.flatMap { variant in points.map { (variant, $0) } }
            #expect(rows.compactMap { $0["id"] as? String } == variants.map(\.0.id), "\(spec.name)")
            let params = scenario["params"] as? [String: Int] ?? [:]
            var measured: Set<String> = []
            for (row, (variant, point)) in zip(rows, variants) {
                let id = "\(spec.name) \(variant.id)"
                let status = row["status"] as? String
                if status == "skipped" {
                    let reason = CLI.reason(row).kind
                    #expect(["needs", "runtime_missing", "too_many_threads", "too_little_memory"].contains(reason), "\(id): \(row["reason"] ?? "")")
                    continue
                }
                #expect(status == "ok", "\(id): \(row["reason"] ?? "")")
                var rowParams = params.merging(["port": 0]) { a, _ in a }
                if let point, let series = spec.series { rowParams[series.name] = point }
                if variant.expectedResult(rowParams, scenario: spec) != nil {
                    #expect(row["result_ok"] as? Bool == true, "\(id): \(row["result"] ?? "") \(row["reason"] ?? "")")
                } else {
                    #expect(row["result_ok"] == nil, "\(id): a finding is not checked")
                }
                let extra = row["extra"] as? [String: Double] ?? [:]
                if let primary = spec.metrics.first { #expect(extra[primary.key] != nil, "\(id) has no \(primary.key)") }
                measured.formUnion(extra.keys)
            }
            // Every metric the scenario declares is given by its rows (some,
            // such as a thread's address space, only by the rows they concern).
            for metric in spec.metrics {
                #expect(measured.contains(metric.key), "\(spec.name): no row has \(metric.key)")
            }
            #expect(!(scenario["conclusions"] as? [Any] ?? []).isEmpty, "\(spec.name) has no conclusions")
        }
        // The race's unsafe rows carry their lost updates; the safe ones lost none.
        let race = try #require(scenarios.first { $0["name"] as? String == "race" }?["variants"] as? [[String: Any]])
        for row in race {
            let lost = (row["extra"] as? [String: Double])?["lost"]
            #expect(lost != nil, "\(row["id"] ?? "")")
            if row["result_ok"] as? Bool == true { #expect(lost == 0, "\(row["id"] ?? "")") }
        }
        #expect(CLI.leftBehind(by: run).isEmpty, "left behind: \(CLI.leftBehind(by: run))")
    }
}
