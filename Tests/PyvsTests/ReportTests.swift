import Foundation
import Measure
import Report
import Testing

@Suite struct SignificanceTests {
    @Test func identicalSamplesAreNotSignificant() throws {
        let samples = [1.0, 1.1, 0.9, 1.05, 0.95]
        let result = try #require(MannWhitney.test(samples, samples))
        #expect(result.p > 0.5)
    }

    @Test func clearlySeparatedSamplesAre() throws {
        let a = [1.0, 1.1, 0.9, 1.05, 0.95]
        let result = try #require(MannWhitney.test(a, a.map { $0 * 2 }))
        #expect(result.u == 0)
        #expect(abs(result.p - 2.0 / 252.0) < 1e-9)  // exact: 2 of C(10,5) orderings are this extreme
    }

    @Test func oneSampleEachCannotBeSignificant() throws {
        #expect(try #require(MannWhitney.test([1], [2])).p == 1)
        #expect(MannWhitney.test([], [1]) == nil)
    }

    @Test func largeSamplesUseTheNormalApproximation() throws {
        let a = (0..<30).map { Double($0) }
        let result = try #require(MannWhitney.test(a, a.map { $0 + 100 }))
        #expect(result.p < 1e-6)
    }
}

@Suite struct HTMLTests {
    @Test func escapesEverything() {
        #expect(HTML.escape("<script>alert('x') & \"y\"</script>") ==
                "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    func report(variantTitle: String) -> RunReport {
        var variant = VariantResult(id: "py.serial", language: "python", model: "serial", title: variantTitle, workers: 1, status: .ok)
        variant.wallSeconds = Summary([1.0, 1.2, 0.9])
        variant.speedup = 1
        variant.treePeakRSSBytes = 10 << 20
        var swift = VariantResult(id: "swift.serial", language: "swift", model: "serial", title: "loop", workers: 1, status: .ok)
        swift.wallSeconds = Summary([0.01, 0.012])
        swift.speedup = 1
        swift.treePeakRSSBytes = 5 << 20
        let machine = MachineInfo(cpuModel: "<b>cpu</b>", cores: 2, nativeParallelism: 1.9, kernel: "Linux", swiftVersion: "6.3",
                                  buildConfiguration: "release", memoryBytes: 1 << 30, loadAverage: 0)
        return RunReport(command: ["pyvs", "run", "<x>"], machine: machine, python: nil,
                         scenarios: [ScenarioResult(name: "cpu-bound", title: "t", params: ["n": 1], variants: [variant, swift])])
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

@Suite(.serialized) struct ReportCommandTests {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-report-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ReportCommandTests.folder) }  // shared by the suite's tests
        return url
    }()

    /// A saved quick run with 5 counted runs of two variants (enough samples for the test).
    static let saved: String = {
        let path = folder.appendingPathComponent("a.json").path
        _ = CLI.run(["run", "cpu-bound", "--quick", "--repeat", "5", "--only", "py.serial,swift.serial",
                     "--format", "json", "-o", path, "--no-progress"])
        return path
    }()

    @Test func reportRendersHTMLFromASavedRun() throws {
        let out = Self.folder.appendingPathComponent("r.html").path
        let run = CLI.run(["report", Self.saved, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.contains("py.serial") && page.contains("swift.serial") && page.contains("<svg"))
        #expect(!page.contains("http://") && !page.contains("https://"))
    }

    @Test func markdownReportWritesItsCharts() throws {
        let out = Self.folder.appendingPathComponent("r.md").path
        let run = CLI.run(["report", Self.saved, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = Self.folder.appendingPathComponent("r-cpu-bound-wall.svg").path
        #expect(FileManager.default.fileExists(atPath: svg))
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("](r-cpu-bound-wall.svg)"))
    }

    @Test func compareWithItselfIsNotSignificant() throws {
        let run = CLI.run(["compare", Self.saved, Self.saved, "--format", "json", "--fail-on-regression", "5"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try #require(CLI.json(run.stdout)?["rows"] as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0["significant"] as? Bool == false && $0["verdict"] as? String == "not significant" })
    }

    @Test func doubledSamplesAreSignificantlySlower() throws {
        let data = try #require(FileManager.default.contents(atPath: Self.saved))
        var doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var scenarios = try #require(doc["scenarios"] as? [[String: Any]])
        var variants = try #require(scenarios[0]["variants"] as? [[String: Any]])
        var wall = try #require(variants[0]["wall_s"] as? [String: Any])
        wall["samples"] = (wall["samples"] as? [Double] ?? []).map { $0 * 2 }
        wall["median"] = (wall["median"] as? Double ?? 0) * 2
        variants[0]["wall_s"] = wall
        scenarios[0]["variants"] = variants
        doc["scenarios"] = scenarios
        let slow = Self.folder.appendingPathComponent("slow.json").path
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: slow))
        let run = CLI.run(["compare", Self.saved, slow, "--fail-on-regression", "50"])
        #expect(run.status == 1)
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("py.serial") })
        #expect(line.contains("slower by 100.0 %"))
        #expect(run.stdout.split(separator: "\n").first { $0.contains("swift.serial") }?.contains("not significant") == true)
        #expect(run.stderr.contains("significantly slower"))
    }

    @Test(arguments: [
        (["report", "/nonexistent/run.json"], 66, "cannot read /nonexistent/run.json"),
        (["compare", "/nonexistent/a.json", "/nonexistent/b.json"], 66, "cannot read"),
    ] as [([String], Int32, String)])
    func missingInputs(arguments: [String], code: Int32, message: String) {
        let run = CLI.run(arguments, timeout: 60)
        #expect(run.status == code)
        #expect(run.stderr.contains(message))
    }

    @Test func notAReport() throws {
        let path = Self.folder.appendingPathComponent("bad.json").path
        try "{\"schema\": \"other/1\"}".write(toFile: path, atomically: true, encoding: .utf8)
        let run = CLI.run(["report", path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("has schema 'other/1'; accepted: pyvs.run/1, pyvs.snippets/1"))
    }

    @Test func snippetsRenderAsHTMLWithTextEscaped() throws {
        let doc = Self.folder.appendingPathComponent("x.md")
        try "<script>alert(1)</script>\n\n```python\nprint('<script>')\n```\n".write(to: doc, atomically: true, encoding: .utf8)
        let run = CLI.run(["snippets", doc.path, "--format", "html", "--no-progress"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("<script>"))
        #expect(run.stdout.contains("&lt;script&gt;"))
    }
}
