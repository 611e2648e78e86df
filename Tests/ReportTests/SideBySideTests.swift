import Contract
import Report
import Testing

/// Python beside Swift: a ratio only where both do the same work alike;
/// the tree's memory as PSS where every row read it.
@Suite struct SideBySideTests {
    func row(_ id: String, _ language: Language, wall: Double, rss: Int, pss: Int?) -> VariantResult {
        var row = VariantResult(id: id, language: language, model: "m", title: id, workers: 1, status: .ok)
        row.wallSeconds = Summary([wall])
        row.treePeakRSSBytes = rss
        row.treePeakPSSBytes = pss
        return row
    }

    func report(pss: Bool) -> RunReport {
        let rows = [row("py.serial", .python, wall: 1, rss: 100 << 20, pss: pss ? 40 << 20 : nil),
                    row("py.threads", .python, wall: 1, rss: 100 << 20, pss: pss ? 40 << 20 : nil),
                    row("swift.serial", .swift, wall: 0.01, rss: 30 << 20, pss: pss ? 12 << 20 : nil),
                    row("swift.threads", .swift, wall: 0.005, rss: 30 << 20, pss: pss ? 12 << 20 : nil)]
        let machine = MachineInfo(cpuModel: "cpu", cores: 2, nativeParallelism: 1.9, kernel: "Linux", swiftVersion: "6.3",
                                  buildConfiguration: "release", memoryBytes: 1 << 30, loadAverage: 0)
        let pairs = [Counterpart(python: "py.serial", swift: "swift.serial"),
                     Counterpart(python: "py.threads", swift: "swift.threads", differs: "a thread per task beside one per worker")]
        return RunReport(command: ["pyvs", "run"], machine: machine, python: nil,
                         scenarios: [ScenarioResult(name: "s", title: "t", params: [:], variants: rows, counterparts: pairs)])
    }

    @Test func aRatioOnlyBetweenVariantsThatDoTheSameWork() throws {
        let scenario = report(pss: true).scenarios[0]
        let table = try #require(report(pss: true).sideBySide(for: scenario))
        #expect(table.rows[0].last == "100×")
        #expect(table.rows[1].last == "different model")
        #expect(report(pss: true).differentModels(for: scenario)
            == ["py.threads beside swift.threads: a thread per task beside one per worker — different models, so no ratio."])
        #expect(report(pss: true).htmlText().contains("different models, so no ratio"))
    }

    @Test func treeMemoryIsThePSSWhereEveryRowHasIt() throws {
        let withPSS = report(pss: true), withoutPSS = report(pss: false)
        let table = withPSS.table(for: withPSS.scenarios[0])
        #expect(table.headers.contains("tree PSS") && !table.headers.contains("tree RSS"))
        #expect(table.rows[0].contains("40.0 MB"))
        #expect(withoutPSS.table(for: withoutPSS.scenarios[0]).headers.contains("tree RSS"))
        #expect(withPSS.htmlText().contains("PSS summed over processes"))
    }
}
