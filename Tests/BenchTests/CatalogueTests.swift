import Contract
import Foundation
import Kernels
import Measure
import Processes
import Services
import Testing
@testable import Bench

/// Invariants every scenario of the catalogue must keep; a new scenario is
/// checked here without a line of its own.
@Suite struct CatalogueTests {
    /// A claim about waiting work goes to the scenario that waits: threads'
    /// speedup on I/O is io-bound's, on the network its HTTP rows', on
    /// CPU-bound work cpu-bound's; a wall time of sleeping tasks stays
    /// massive's whatever they wait for; a speedup no waiting row measures is none.
    @Test func claimsAboutWaitingWorkGoToTheScenarioThatWaits() {
        func judged(_ subject: ClaimSubject, _ quantity: ClaimQuantity, _ workload: ClaimWorkload?) -> String? {
            Catalogue.judge(subject, quantity, workload: workload).map { "\($0.scenario.name) \($0.judge.variant)" }
        }
        #expect(judged(.thread, .speedup, .io) == "io-bound py.sleep-threads")
        #expect(judged(.gil, .speedup, .network) == "io-bound py.http-threads")
        #expect(judged(.coroutine, .speedup, .network) == "io-bound py.http-asyncio")
        #expect(judged(.thread, .speedup, .cpu) == "cpu-bound py.threads")
        #expect(judged(.thread, .speedup, nil) == "cpu-bound py.threads")
        #expect(judged(.coroutine, .wallTime, .io) == "massive py.asyncio")
        #expect(judged(.process, .speedup, .io) == nil)
    }

    /// A declaration that names its subject's words is that subject's only
    /// when the claim names it so: ProcessPoolExecutor is the executor row,
    /// a pool named otherwise Pool.map's; ThreadPoolExecutor (or a thread pool,
    /// 线程池) on the network or other I/O is the executor's HTTP row, threads
    /// named otherwise on I/O the threads' sleep row.
    @Test func aSubjectNamedByItsLibraryGoesToThatLibrarysRow() {
        func judged(_ subject: ClaimSubject, _ quantity: ClaimQuantity, _ workload: ClaimWorkload?, _ words: String) -> String? {
            Catalogue.judge(subject, quantity, workload: workload, words: words).map { "\($0.scenario.name) \($0.judge.variant)" }
        }
        #expect(judged(.pool, .speedup, .cpu, "ProcessPoolExecutor") == "cpu-bound py.executor")
        #expect(judged(.pool, .parallelism, nil, "processpoolexecutor") == "cpu-bound py.executor")
        #expect(judged(.pool, .speedup, .cpu, "进程池") == "cpu-bound py.pool")
        #expect(judged(.thread, .speedup, .network, "ThreadPoolExecutor") == "io-bound py.http-executor")
        #expect(judged(.thread, .speedup, .io, "ThreadPoolExecutor") == "io-bound py.http-executor")
        #expect(judged(.thread, .speedup, .io, "线程池") == "io-bound py.http-executor")
        #expect(judged(.thread, .speedup, .network, "thread pool") == "io-bound py.http-executor")
        #expect(judged(.thread, .speedup, .io, "threads") == "io-bound py.sleep-threads")
        #expect(judged(.thread, .speedup, .network, "threads") == "io-bound py.http-threads")
        #expect(judged(.goroutine, .parallelism, .cpu, "Go") == "cpu-bound go.goroutines")
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: Catalogue.all.map(\.name))
    func variantsAreUniqueAndNamedForTheirLanguage(name: String) throws {
        let scenario = try #require(Catalogue.scenario(named: name))
        let ids = scenario.variants.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate ids in \(name): \(ids)")
        for variant in scenario.variants {
            switch variant.implementation {
            case .python: #expect(variant.language == .python && variant.id.hasPrefix("py."), "\(variant.id)")
            case .swift: #expect(variant.language == .swift && variant.id.hasPrefix("swift."), "\(variant.id)")
            case .host: #expect(variant.id.hasPrefix("host.") || variant.id.hasPrefix("py."), "\(variant.id)")
            case .program(let program):
                // go.*, node.*, rust.*: a runtime pyvs knows, and a source it ships.
                #expect(variant.id.hasPrefix(variant.language.rawValue + ".") && ![.python, .swift].contains(variant.language), "\(variant.id)")
                #expect(Runtimes.all.contains { $0.id == program.runtime }, "\(variant.id)")
                #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(program.source).path), "\(program.source)")
            }
        }
    }

    @Test(arguments: Catalogue.all.map(\.name))
    func counterpartsNameVariantsOfEachLanguage(name: String) throws {
        let scenario = try #require(Catalogue.scenario(named: name))
        for pair in scenario.counterparts {
            #expect(scenario.variant(pair.python)?.language == .python, "\(pair.python)")
            #expect(scenario.variant(pair.swift)?.language == .swift, "\(pair.swift)")
        }
    }

    @Test(arguments: Catalogue.all.map(\.name))
    func defaultsAndQuickSizesAreInRange(name: String) throws {
        let scenario = try #require(Catalogue.scenario(named: name))
        for parameter in scenario.parameters {
            #expect(parameter.range.contains(parameter.defaultValue) && parameter.range.contains(parameter.quickValue), "\(parameter.name)")
        }
        if let series = scenario.series {
            #expect(!series.quickValues.isEmpty && (series.defaultValues + series.quickValues).allSatisfy(series.range.contains))
        }
        #expect(!scenario.source.isEmpty && !scenario.title.isEmpty)
    }

    /// Every Python variant names a function its module defines.
    @Test(arguments: Catalogue.all.map(\.name))
    func pythonFunctionsExist(name: String) throws {
        let scenario = try #require(Catalogue.scenario(named: name))
        let file = Self.root.appendingPathComponent("python/" + scenario.pythonModule.replacingOccurrences(of: ".", with: "/") + ".py")
        let source = try String(contentsOf: file, encoding: .utf8)
        for variant in scenario.variants {
            guard case .python(let function, _) = variant.implementation else { continue }
            #expect(source.contains("\ndef \(function)("), "\(scenario.pythonModule) has no function \(function)")
        }
    }

    /// Every native Swift variant returns its scenario's exact result at the quick sizes.
    @Test(arguments: Catalogue.all.map(\.name))
    func swiftVariantsReturnTheExpectedResult(name: String) async throws {
        let scenario = try #require(Catalogue.scenario(named: name))
        var params = scenario.resolve(quick: true, overrides: [:])
        if let series = scenario.series { params[series.name] = series.quickValues.max() }
        // The scenario's server, here in this process (the service runs it in a pyvs worker).
        let server = scenario.service == nil ? nil : try HTTPServer(threads: 1)
        defer { server?.stop() }
        if let server { params["port"] = server.port }
        for variant in scenario.variants {
            guard case .swift(let body) = variant.implementation else { continue }
            let input = params.merging(["workers": params["workers"] ?? variant.workerCount(params)]) { first, _ in first }
            // On a thread of its own: a variant may block on the cooperative pool (TaskGroup).
            let output = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread { continuation.resume(with: Result { try body(input) }) }
            }
            // A variant whose result is a finding (a deliberate race) has no expected value.
            if let expected = variant.expectedResult(input, scenario: scenario) {
                #expect(output.result == expected, "\(name) \(variant.id)")
            }
        }
    }

    @Test func runAndGILScenariosAreDistinct() {
        #expect(Set(Catalogue.scenarios.map(\.name)).isDisjoint(with: Catalogue.gilStudy.map(\.name)))
        #expect(Catalogue.names == Catalogue.scenarios.map(\.name))
        for scenario in Catalogue.all { #expect(Catalogue.scenario(named: scenario.name)?.title == scenario.title) }
    }
}

@Suite struct ParameterTests {
    let spec = ScenarioSpec(name: "s", title: "t", source: "x", pythonModule: "m",
                            parameters: [ParameterSpec("n", default: 100, quick: 10, range: 1...1_000, help: "n"),
                                         ParameterSpec("k", default: 4, quick: 2, range: 1...8, help: "k")],
                            series: SeriesSpec("threads", default: [1, 2, 2, 4], quick: [2, 1], range: 1...16, help: "t",
                                               display: { "×\($0)" }),
                            variants: [])

    @Test func defaultsQuickSizesAndOverrides() {
        #expect(spec.resolve(quick: false, overrides: [:]) == ["n": 100, "k": 4])
        #expect(spec.resolve(quick: true, overrides: [:]) == ["n": 10, "k": 2])
        // Overrides of parameters the scenario does not have are ignored.
        #expect(spec.resolve(quick: true, overrides: ["n": 7, "tasks": 3]) == ["n": 7, "k": 2])
    }

    @Test func seriesPointsAreSortedAndDistinct() {
        #expect(spec.points(quick: false, override: nil) == [1, 2, 4])
        #expect(spec.points(quick: true, override: nil) == [1, 2])
        #expect(spec.points(quick: true, override: [8, 3, 8]) == [3, 8])
        let plain = ScenarioSpec(name: "p", title: "t", source: "x", pythonModule: "m", parameters: [], variants: [])
        #expect(plain.points(quick: false, override: nil) == [nil])
    }

    @Test func rangesAreChecked() throws {
        try spec.parameters[0].check(1_000)
        #expect(throws: ParameterError.self) { try spec.parameters[0].check(0) }
        #expect(throws: ParameterError.self) { try spec.series!.check([1, 17]) }
        #expect(throws: ParameterError.self) { try spec.series!.check([]) }
        #expect {
            try spec.parameters[1].check(9)
        } throws: { error in
            (error as? ParameterError)?.description == "must be a whole number from 1 to 8, got 9"
        }
    }

    @Test func workerRules() {
        let params: Params = ["tasks": 6, "workers": 3]
        #expect(VariantSpec.python("py.a", .serial, "a", function: "a").workerCount(params) == 1)
        #expect(VariantSpec.python("py.b", .threads, "b", workers: .param("tasks"), function: "b").workerCount(params) == 6)
        #expect(VariantSpec.python("py.c", .pool, "c", workers: .param("workers"), function: "c").workerCount(params) == 3)
        #expect(VariantSpec.python("py.d", .pool, "d", workers: .cores, function: "d").workerCount(params) == MachineInfo.onlineCores)
    }
}

@Suite struct WorkerJobTests {
    func roundTrip(_ job: WorkerJob) throws -> WorkerJob {
        try JSONDecoder().decode(WorkerJob.self, from: Data(job.encoded().utf8))
    }

    @Test func variantJobsSurviveTheCommandLine() throws {
        let job = WorkerJob.variant(VariantJob(scenario: "cpu-bound", variant: "py.pool", params: ["n": 5, "tasks": 2],
                                               python: PythonSetup(executable: "/x/python3", startMethod: .spawn), fault: .hang))
        guard case .variant(let back) = try roundTrip(job) else { Issue.record("not a variant job"); return }
        #expect(back.scenario == "cpu-bound" && back.variant == "py.pool" && back.params == ["n": 5, "tasks": 2])
        #expect(back.python == PythonSetup(executable: "/x/python3", startMethod: .spawn) && back.fault == .hang)
    }

    @Test func snippetJobsKeepTheirMode() throws {
        let block = WorkerJob.snippet(SnippetJob(display: "guide.md", folder: "/tmp/x", python: PythonSetup(),
            mode: .block(BlockJob(path: "/tmp/x/guide.md", offset: 12, expectError: true, transcript: "/tmp/x/guide.md.transcript", requires: ["numpy"]))))
        guard case .snippet(let back) = try roundTrip(block), case .block(let inner) = back.mode else {
            Issue.record("not a block job"); return
        }
        #expect(inner.expectError && inner.transcript == "/tmp/x/guide.md.transcript" && inner.requires == ["numpy"] && back.display == "guide.md" && inner.offset == 12)
        guard case .snippet(let session) = try roundTrip(.snippet(SnippetJob(display: "d", folder: "f", python: PythonSetup(),
                                                                                 mode: .session(jobFile: "/tmp/j.json")))),
              case .session(let file) = session.mode else { Issue.record("not a session job"); return }
        #expect(file == "/tmp/j.json")
    }
}

@Suite struct CPUBoundThreadsTests {
    @Test func threadsReportTheirStartAndTheirCPU() {
        let run = CPUBound.threads(n: 2_000_000, tasks: 4, workers: 2)
        #expect(run.total == SumOfSquares.expected(n: 2_000_000, tasks: 4))
        #expect(run.startupSeconds > 0 && run.startupSeconds < 1)  // creating threads takes time: 0 would mean it was not measured
        #expect(run.threadCPUSeconds > 0)
        #expect(run.sharedCPU == 0 || run.sharedCPU == 1)
    }
}

@Suite struct PathsTests {
    @Test func thePythonFolderIsTheCheckouts() {
        #expect(FileManager.default.fileExists(atPath: Paths.pythonDirectory + "/pyvs_py/__init__.py"))
        #expect(Paths.pythonDirectory.hasSuffix("/python"))
    }
}
