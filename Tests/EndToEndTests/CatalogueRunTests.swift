import Bench
import Foundation
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
            #expect(rows.compactMap { $0["id"] as? String } == spec.variants.map(\.id), "\(spec.name)")
            let params = scenario["params"] as? [String: Int] ?? [:]
            for (row, variant) in zip(rows, spec.variants) {
                let id = "\(spec.name) \(variant.id)"
                let status = row["status"] as? String
                if status == "skipped" {
                    #expect((row["reason"] as? String ?? "").hasPrefix("needs "), "\(id): \(row["reason"] ?? "")")
                    continue
                }
                #expect(status == "ok", "\(id): \(row["reason"] ?? "")")
                if variant.expectedResult(params.merging(["port": 0]) { a, _ in a }, scenario: spec) != nil {
                    #expect(row["result_ok"] as? Bool == true, "\(id): \(row["result"] ?? "") \(row["reason"] ?? "")")
                } else {
                    #expect(row["result_ok"] == nil, "\(id): a finding is not checked")
                }
                for metric in spec.metrics {
                    #expect((row["extra"] as? [String: Double])?[metric.key] != nil, "\(id) has no \(metric.key)")
                }
            }
            #expect(!(scenario["verdicts"] as? [String] ?? []).isEmpty, "\(spec.name) has no conclusions")
        }
        // The race's unsafe rows carry their lost updates; the safe ones lost none.
        let race = try #require(scenarios.first { $0["name"] as? String == "race" }?["variants"] as? [[String: Any]])
        for row in race {
            let lost = (row["extra"] as? [String: Double])?["lost"]
            #expect(lost != nil, "\(row["id"] ?? "")")
            if row["result_ok"] as? Bool == true { #expect(lost == 0, "\(row["id"] ?? "")") }
        }
        #expect(CLI.strayWorkers().isEmpty, "left behind: \(CLI.strayWorkers())")
    }
}
