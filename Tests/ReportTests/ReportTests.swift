import Console
import Contract
import Foundation
import Report
import Testing
@testable import Measure

@Suite struct TableTests {
    @Test func tablesAlignAndEscape() {
        var table = Table([("name", .left), ("value", .right)])
        table.add(["a|b", "1"])
        table.add(["<script>", "22"])
        let text = table.terminal().split(separator: "\n")
        #expect(text.count == 4)
        #expect(text[2].hasSuffix(" 1") && text[3].hasSuffix("22"))
        let md = table.markdown()
        #expect(md.contains("a\\|b"))
        #expect(!md.contains("<script>"))
        #expect(md.contains("|---|---:|"))
    }
}

@Suite struct HTMLTests {
    @Test func escapesEverything() {
        #expect(HTML.escape("<script>alert('x') & \"y\"</script>") ==
                "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    func report(variantTitle: String) -> RunReport {
        var variant = VariantResult(id: "py.serial", language: .python, model: "serial", title: variantTitle, workers: 1, status: .ok)
        variant.wallSeconds = Summary([1.0, 1.2, 0.9])
        variant.speedup = 1
        variant.treePeakRSSBytes = 10 << 20
        var swift = VariantResult(id: "swift.serial", language: .swift, model: "serial", title: "loop", workers: 1, status: .ok)
        swift.wallSeconds = Summary([0.01, 0.012])
        swift.speedup = 1
        swift.treePeakRSSBytes = 5 << 20
        let machine = MachineInfo(cpuModel: "<b>cpu</b>", cores: 2, nativeParallelism: 1.9, kernel: "Linux", swiftVersion: "6.3",
                                  buildConfiguration: "release", memoryBytes: 1 << 30, loadAverage: 0)
        return RunReport(command: ["pyvs", "run", "<x>"], machine: machine, python: nil,
                         scenarios: [ScenarioResult(name: "cpu-bound", title: "t", params: ["n": 1], variants: [variant, swift],
                                                    counterparts: [Counterpart(python: "py.serial", swift: "swift.serial")])])
    }

    @Test func pageIsSelfContainedAndEscaped() {
        let page = report(variantTitle: "<script>alert(1)</script>").htmlText()
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<b>cpu</b>"))
        #expect(!page.contains("http:") && !page.contains("https:") && !page.contains("src="))
        #expect(page.components(separatedBy: "<svg").count - 1 == 3)  // wall, speedup, memory
        #expect(page.contains("Python beside Swift"))
    }

    @Test func aSkippedRowsReasonFollowsTheTableNotInItsStatusCell() {
        var run = report(variantTitle: "loop")
        var skipped = VariantResult(id: "py.subinterpreters", language: .python, model: "subinterpreters", title: "interpreters",
                                    workers: 2, status: .skipped)
        skipped.reason = .needs(.interpreters, python: "3.11.2")
        let reason = HTML.escape(ProblemWords.text(skipped.reason!))
        #expect(reason.contains("not importable on CPython 3.11.2"))
        run.scenarios[0].variants.insert(skipped, at: 1)
        let page = run.htmlText()
        #expect(page.contains("<td class=\"skip\">skipped</td>"), "the status cell holds the status alone")
        let table = page.range(of: "<h3>All variants</h3>")!.upperBound
        let listed = page.range(of: "<li>py.subinterpreters: skipped: \(reason)</li>")
        #expect(listed.map { $0.lowerBound > table } == true, "the reason is listed after the table")
        #expect(page.components(separatedBy: reason).count == 2, "the reason appears once")
    }

    @Test func standaloneSVGHasItsNamespaceAndInlineDoesNot() {
        let chart = BarChart(title: "t", bars: [.init(label: "a", value: 1, text: "1", colour: BarChart.python)], axisLabel: "speedup")
        #expect(chart.svg(standalone: true).contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!chart.svg().contains("xmlns"))
    }

    @Test func markdownNamesItsChartFiles() {
        let (text, files) = report(variantTitle: "x").markdownWithCharts(stem: "out")
        #expect(files.map(\.name) == ["out-cpu-bound-wall.svg", "out-cpu-bound-speedup.svg", "out-cpu-bound-memory.svg"])
        for file in files { #expect(text.contains("](\(file.name))")) }
    }
}


@Suite struct ComparisonTests {
    func report(_ samples: [String: [Double]], python: String = "3.11.2") -> RunReport {
        let machine = MachineInfo(cpuModel: "cpu", cores: 2, nativeParallelism: 2, kernel: "Linux", swiftVersion: "6.3",
                                  buildConfiguration: "release", memoryBytes: 1 << 30, loadAverage: 0)
        let rows = samples.keys.sorted().map { id -> VariantResult in
            var row = VariantResult(id: id, language: .python, model: "serial", title: id, workers: 1, status: .ok)
            row.wallSeconds = Summary(samples[id]!)
            return row
        }
        let info = PythonInfo(version: python, implementation: "cpython", build: "", library: "", executable: "",
                              startMethod: "fork", switchIntervalSeconds: 0.005, gilEnabled: true, extras: [:])
        return RunReport(command: ["pyvs"], machine: machine, python: info, scenarios: [ScenarioResult(name: "s", title: "t", params: [:], variants: rows)])
    }

    @Test func rowsMatchByLabelAndSlowerIsARegression() {
        let a = report(["py.a": [1, 1.1, 0.9, 1.05, 0.95], "py.b": [1, 1.1, 0.9, 1.05, 0.95], "py.only-a": [1]])
        let b = report(["py.a": [2, 2.2, 1.8, 2.1, 1.9], "py.b": [1, 1.1, 0.9, 1.05, 0.95]], python: "3.12.1")
        let comparison = Comparison(a: a, b: b, nameA: "a.json", nameB: "b.json")
        #expect(comparison.rows.map(\.variant) == ["py.a", "py.b"])
        #expect(comparison.rows[0].significant && comparison.rows[0].verdict == "slower by 100.0 %")
        #expect(!comparison.rows[1].significant)
        #expect(comparison.unmatched == ["s py.only-a (only in a.json)"])
        #expect(comparison.notes == ["different Pythons: 3.11.2 and 3.12.1"])
        #expect(comparison.regressions(over: 50).map(\.variant) == ["py.a"])
        #expect(comparison.regressions(over: 150).isEmpty)
    }

    @Test func fewSamplesAreNeverSignificant() {
        let comparison = Comparison(a: report(["py.a": [1]]), b: report(["py.a": [3]]), nameA: "a", nameB: "b")
        #expect(comparison.rows.first?.verdict.hasPrefix("not significant (too few samples: 1 and 1") == true)
    }

    @Test func fasterIsWordedAsFasterAndTheMachineAndParametersAreNoted() {
        var a = report(["py.a": [2, 2.2, 1.8, 2.1, 1.9]])
        var b = report(["py.a": [1, 1.1, 0.9, 1.05, 0.95]])
        b.machine.cpuModel = "other cpu"
        b.machine.cores = 8
        a.scenarios[0].params = ["n": 10]
        b.scenarios[0].params = ["n": 20]
        let comparison = Comparison(a: a, b: b, nameA: "a", nameB: "b")
        #expect(comparison.rows[0].verdict == "faster by 50.0 %")
        #expect(comparison.regressions(over: 0).isEmpty)
        #expect(comparison.notes == [
            "different machines: cpu (2 cores) and other cpu (8 cores)",
            "s: different parameters (A n=10; B n=20), so the times measure different work",
        ])
    }

    /// Tied values get mid-ranks: a sample identical to the other is as far
    /// from significant as can be (p = 1), and ties across samples still
    /// separate when one side is wholly above.
    @Test func tiesAndTheExactAndApproximatePValues() throws {
        let tied = try #require(MannWhitney.test([1, 1, 1, 1], [1, 1, 1, 1]))
        #expect(tied.u == 8 && tied.p == 1)
        let apart = try #require(MannWhitney.test([1, 1, 2, 2], [3, 3, 4, 4]))
        #expect(apart.u == 0)
        #expect(abs(apart.p - 2.0 / 70.0) < 1e-12)  // exact: 2 of C(8,4) orderings
        // Large samples (n·m > 400) use the normal approximation: close to the exact figure.
        let a = (0..<25).map(Double.init), b = (0..<25).map { Double($0) + 10.5 }
        let approximate = try #require(MannWhitney.test(a, b))
        let exact = 2 * MannWhitney.exactLowerTail(Int(approximate.u), 25, 25)
        #expect(abs(approximate.p - exact) < 0.002, "normal \(approximate.p), exact \(exact)")
        #expect(MannWhitney.smallestP(3, 3) == 0.1)
        #expect(abs(MannWhitney.smallestP(4, 4) - 2.0 / 70.0) < 1e-12)
        #expect(MannWhitney.smallestP(0, 4) == 1)
    }

    /// --alpha moves the line: the same samples are significant at 0.1 and not at 0.01.
    @Test func alphaDecidesSignificance() {
        let a = report(["py.a": [1.0, 1.1, 1.2, 1.3, 1.4]])
        let b = report(["py.a": [1.15, 1.25, 1.35, 1.45, 1.55]])
        let loose = Comparison(a: a, b: b, nameA: "a", nameB: "b", alpha: 0.5)
        let strict = Comparison(a: a, b: b, nameA: "a", nameB: "b", alpha: 0.01)
        let p = loose.rows[0].p ?? 1
        #expect(p > 0.01 && p < 0.5, "p = \(p)")
        #expect(loose.rows[0].significant && loose.rows[0].verdict.hasPrefix("slower by"))
        #expect(!strict.rows[0].significant && strict.rows[0].verdict == "not significant")
        // 3 runs a side can never reach 0.05: said so, not just "not significant".
        let three = Comparison(a: report(["py.a": [1, 1.1, 1.2]]), b: report(["py.a": [5, 5.1, 5.2]]), nameA: "a", nameB: "b")
        #expect(three.rows[0].verdict.hasPrefix("not significant (too few samples: 3 and 3"))
        let lenient = Comparison(a: report(["py.a": [1, 1.1, 1.2]]), b: report(["py.a": [5, 5.1, 5.2]]), nameA: "a", nameB: "b", alpha: 0.2)
        #expect(lenient.rows[0].significant)
    }

    @Test func oldReportsWithoutLabelsStillMatch() throws {
        let json = """
        {"id": "py.threads", "language": "python", "model": "threads", "title": "t", "workers": 2, "threads": 2, "status": "ok"}
        """
        let row = try JSONDecoder().decode(VariantResult.self, from: Data(json.utf8))
        #expect(row.label == "py.threads ×2")
    }
}

@Suite struct NarrowTableTests {
    @Test func tablesFitTheWidthByDroppingThenCutting() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/reports/run.json"))
        let report = try RunReport.load(data)
        let text = report.terminalText(width: 80)
        // The table's lines: its header, rules and a row per variant.
        let tableLines = text.split(separator: "\n").filter { line in
            line.hasPrefix("variant") || line.hasPrefix("─") || line.hasPrefix("·") || line.hasPrefix("py.") || line.hasPrefix("swift.")
        }
        #expect(tableLines.count == 2 + 1 + (report.scenarios.first?.variants.count ?? 0))
        #expect(tableLines.allSatisfy { Format.displayWidth(String($0)) <= 80 }, "\(tableLines)")
        #expect(!text.contains("min–max"))  // one run each: no spread columns
        #expect(report.terminalText(width: nil).contains("min–max"))  // --wide keeps every column
        var table = Table([("name", .left), ("note", .left), ("drop", .left)])
        table.add(["a", String(repeating: "x", count: 100), "y"])
        let fitted = table.fitted(to: 40, dropping: ["drop"], shrinking: ["note"])
        #expect(fitted.headers == ["name", "note"])
        #expect(fitted.width <= 40 && fitted.rows[0][1].hasSuffix("…"))
    }
}

@Suite struct RenderableTests {
    @Test func everyFormatRendersFromOnePlace() throws {
        let report = HTMLTests().report(variantTitle: "x")
        #expect(try report.rendered(.table).contains("py.serial"))
        #expect(try report.rendered(.md).hasPrefix("# pyvs run"))
        #expect(try report.rendered(.html).hasPrefix("<!DOCTYPE html>"))
        #expect(try JSONSerialization.jsonObject(with: Data(report.rendered(.json).utf8)) is [String: Any])
        #expect(ReportFormat.fromExtension("out/report.HTML") == .html && ReportFormat.fromExtension("r.md") == .md)
        #expect(ReportFormat.fromExtension("noextension") == nil)
    }
}

@Suite struct AxisTests {
    @Test func stepsAreRound() {
        #expect(BarChart.niceStep(0.53) == 1)
        #expect(BarChart.niceStep(0.4) == 0.5)
        #expect(BarChart.niceStep(2.2) == 2.5)
        #expect(BarChart.niceStep(37) == 50)
        #expect(BarChart.niceStep(0) == 1)
    }

    @Test func speedupTicksReadZeroHalfOneAndSoOn() {
        let chart = BarChart(title: "t", bars: [.init(label: "a", value: 1.9, text: "1.9", colour: BarChart.python)],
                             lines: [BarChart.Line(value: 1.97, label: "native")], axisLabel: "speedup")
        let svg = chart.svg()
        for tick in [">0<", ">0.5<", ">1<", ">1.5<", ">2<"] { #expect(svg.contains(tick), "\(tick)") }
        #expect(!svg.contains(">1.1<") && !svg.contains(">1.6<"))
    }
}
