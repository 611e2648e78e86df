import Console
import Contract
import Foundation
import Report
import Testing

/// The findings a run opens with, and the paragraph that says what the machine gave.
@Suite struct FindingsTests {
    static func row(_ id: String, _ language: Language = .python, workers: Int = 2, build: String? = nil, speedup: Double,
                    concurrency: [Double], parallelism: Double? = nil) -> VariantResult {
        var row = VariantResult(id: id, label: build.map { "\(id) [\($0)]" } ?? id, language: language, model: .threads, title: id,
                                workers: workers, status: .ok)
        row.build = build
        row.wallSeconds = Summary([1, 1.01, 0.99, 1, 1])
        row.rounds = [1, 2, 3, 4, 5]
        row.speedup = speedup
        row.concurrencyInterval = concurrency
        row.peakConcurrency = concurrency[1]
        row.parallelism = parallelism ?? (concurrency[0] + concurrency[1]) / 2
        return row
    }

    static let machine = MachineInfo(cpuModel: "cpu", cores: 2, nativeParallelism: 1.1, kernel: "Linux", swiftVersion: "6.3",
                                     buildConfiguration: "release", memoryBytes: 1 << 30, loadAverage: 0)

    static func report(_ rows: [VariantResult], reference: NativeReference? = nil, rounds: RoundsRecord? = nil) -> RunReport {
        var scenario = ScenarioResult(name: "cpu-bound", title: "t", params: ["n": 1], variants: rows)
        scenario.nativeReference = reference
        scenario.rounds = rounds
        return RunReport(command: ["pyvs", "run", "cpu-bound"], machine: machine, python: nil, scenarios: [scenario])
    }

    /// Native threads that got about one core: 1.05-1.2× over five rounds.
    static let slowMachine = NativeReference(n: 1, rows: [], rounds: [1.05, 1.1, 1.2, 1.1, 1.08].enumerated().map {
        ReferenceRound(round: $0.offset + 1, threads: 2, parallelism: $0.element)
    })

    @Test func pythonThreadsAndProcessesAreToldApartWhateverTheMachineGave() throws {
        let report = Self.report([
            Self.row("py.serial", workers: 1, speedup: 1, concurrency: [1, 1]),
            Self.row("py.threads", speedup: 0.97, concurrency: [0.98, 1.01]),
            Self.row("py.pool", speedup: 1.08, concurrency: [1.85, 1.95]),
            Self.row("py.sleep", speedup: 1.9, concurrency: [0.01, 0.02]),
            Self.row("swift.threads", .swift, speedup: 1.1, concurrency: [1.93, 1.97]),
        ], reference: Self.slowMachine)
        let found = report.findings(for: report.scenarios[0])
        #expect(found.count <= 5)
        #expect(found[0] == "Python: no parallelism — py.threads 0.97× (concurrency 1.01); in parallel — py.pool 1.08× (concurrency 1.95).",
                "\(found)")
        #expect(found[1].hasPrefix("Swift: in parallel — swift.threads 1.10×"))
        #expect(!found.joined().contains("py.sleep"))  // waiting, not parallel work
        #expect(found.last == "Native threads reached 1.10× on 2 threads in the same rounds (1.05×–1.20×): "
                + "the machine gave about 1.10 cores, so every speedup is small.")
        // They come before the table.
        let text = report.terminalText(width: 80)
        let first = try #require(text.range(of: "Python: no parallelism")), table = try #require(text.range(of: "variant "))
        #expect(first.lowerBound < table.lowerBound)
    }

    /// Swift beside Python on the same work, said only where the rounds agree on which is faster.
    @Test func theFasterLanguageIsNamedOnlyWhereTheRoundsAgree() {
        func report(python: [Double], swift: [Double]) -> [String] {
            var py = Self.row("py.serial", workers: 1, speedup: 1, concurrency: [1, 1])
            var sw = Self.row("swift.serial", .swift, workers: 1, speedup: 1, concurrency: [1, 1])
            py.wallSeconds = Summary(python)
            sw.wallSeconds = Summary(swift)
            var run = Self.report([py, sw])
            run.scenarios[0].counterparts = [Counterpart(python: "py.serial", swift: "swift.serial")]
            return run.findings(for: run.scenarios[0])
        }
        #expect(report(python: [2, 2, 2, 2, 2], swift: [0.02, 0.02, 0.02, 0.02, 0.02])
                == ["Swift did the same work 100× faster than Python (swift.serial beside py.serial; 100×–100× over 5 rounds)."])
        #expect(report(python: [1, 1, 1, 1, 1], swift: [2, 2, 2, 2, 2])
                == ["Python did the same work 2.00× faster than Swift (py.serial beside swift.serial; 2.00×–2.00× over 5 rounds)."])
        #expect(report(python: [1, 2, 1, 2, 1], swift: [1.5, 1.5, 1.5, 1.5, 1.5]).isEmpty)
    }

    @Test func aVariantWhoseFindingDiffersBetweenBuildsIsSaidPerBuild() {
        var report = Self.report([
            Self.row("py.threads", build: "3.11", speedup: 0.96, concurrency: [0.99, 1.0]),
            Self.row("py.threads", build: "3.13t", speedup: 1.86, concurrency: [1.88, 1.94]),
            Self.row("py.pool", build: "3.11", speedup: 1.9, concurrency: [1.85, 1.95]),
            Self.row("py.pool", build: "3.13t", speedup: 1.92, concurrency: [1.86, 1.95]),
        ])
        report.builds = [PythonBuildInfo(name: "3.11", python: nil, environment: nil, pyvs: "/a"),
                         PythonBuildInfo(name: "3.13t", python: nil, environment: nil, pyvs: "/b")]
        let found = report.findings(for: report.scenarios[0])
        #expect(found.contains("py.threads: no parallelism on 3.11 (0.96×, concurrency 1.00); in parallel on 3.13t (1.86×, concurrency 1.94)."),
                "\(found)")
        #expect(found.contains("Python: in parallel on every build — py.pool (1.90×–1.92×, concurrency 1.95)."), "\(found)")
    }

    @Test func theMachineParagraphSaysTheRoundsAndWhyTheyStopped() throws {
        let record = RoundsRecord(count: 12, stop: .converged, tolerance: 0.05, budgetSeconds: 100, widest: "py.pool", widestShare: 0.041)
        let report = Self.report([Self.row("py.serial", workers: 1, speedup: 1, concurrency: [1, 1])], reference: Self.slowMachine, rounds: record)
        let paragraph = try #require(report.noiseParagraph(for: report.scenarios[0]))
        #expect(paragraph.hasPrefix("Machine during the run: 12 rounds (every speedup within ±5.0 %; widest interval: py.pool ±4.1 %); "
                                    + "native threads 1.10× on 2 threads (1.05×–1.20×)."), "\(paragraph)")
        #expect(paragraph.contains("It gave about 1.10 cores"))
        var budget = record
        budget.stop = .budget
        let ended = try #require(Self.report([], rounds: budget).noiseParagraph(for: Self.report([], rounds: budget).scenarios[0]))
        #expect(ended.contains("12 rounds (the 100 s budget ended them"), "\(ended)")
    }
}
