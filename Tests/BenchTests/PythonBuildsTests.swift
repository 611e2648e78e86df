import Contract
import Foundation
import Report
import Testing
@testable import Bench

@Suite struct PythonBuildNameTests {
    @Test(arguments: [("3.13t", true), ("3.13t-opt", true), ("3.13t+gil", true), ("3.11", false), ("3.13", false),
                      ("3.13-opt", false), ("3.14t", true), ("pypy", false)])
    func freeThreadedBuildsAreNamedWithTheirLibrarysT(name: String, freeThreaded: Bool) {
        #expect(PythonBuilds.isFreeThreaded(name) == freeThreaded)
    }

    @Test func aFreeThreadedBuildPairsWithTheGILBuildOfItsVersionAndFlags() {
        #expect(PythonBuilds.gilCounterpart(of: "3.13t") == "3.13")
        #expect(PythonBuilds.gilCounterpart(of: "3.13t-opt") == "3.13-opt")
        #expect(PythonBuilds.gilCounterpart(of: "3.13") == nil)
        #expect(PythonBuilds.gilCounterpart(of: "3.13t+gil") == nil)
    }

    @Test func theGILTwinIsTheSameBinaryWithPYTHON_GIL() {
        let build = PythonBuild(name: "3.13t", pyvs: "/x/.build-py3.13t/release/pyvs")
        let twin = build.withGIL
        #expect(twin.name == "3.13t+gil" && twin.pyvs == build.pyvs && twin.environment == ["PYTHON_GIL": "1"])
        #expect(PythonBuilds.scratchName(of: "/x/.build-py3.13t-opt/x86_64-unknown-linux-gnu/release/pyvs") == "3.13t-opt")
        #expect(PythonBuilds.scratchName(of: "/x/.build/debug/pyvs") == nil)
    }

    @Test func namingABuildThatIsNotThereSaysWhichAreAndHowToMakeThem() throws {
        let builds = [PythonBuild(name: "3.11", pyvs: "/a"), PythonBuild(name: "3.13t", pyvs: "/b")]
        #expect(throws: PythonBuilds.UnknownBuild.self) { try PythonBuilds.named(["3.12"], among: builds) }
        do {
            _ = try PythonBuilds.named(["3.12"], among: builds)
        } catch {
            #expect(error.description.contains("built: 3.11, 3.13t, all"))
            #expect(error.description.contains("make pythons"))
        }
        #expect(try PythonBuilds.named(["3.13t", "all"], among: builds).map(\.name) == ["3.13t", "3.11"])
    }

    @Test func labelsNameTheBuildOnlyWhenThereAreSeveral() {
        #expect(Runner.label("py.threads", nil, nil) == "py.threads")
        #expect(Runner.label("py.threads", nil, nil, build: "3.13t") == "py.threads [3.13t]")
    }
}

@Suite struct BuildAggregationTests {
    func timed(_ id: String, _ model: Model, build: String?, wall: Double, language: Language = .python) -> VariantResult {
        var result = row(id, language, model)
        result.build = build
        result.wallSeconds = Summary([wall, wall, wall])
        return result
    }

    @Test func eachBuildsSpeedupIsAgainstItsOwnSerialRow() {
        var rows = [timed("py.serial", .serial, build: "3.13", wall: 2), timed("py.serial", .serial, build: "3.13t", wall: 2.1),
                    timed("py.threads", .threads, build: "3.13", wall: 2), timed("py.threads", .threads, build: "3.13t", wall: 1.05),
                    timed("swift.serial", .serial, build: nil, wall: 0.02, language: .swift)]
        Aggregate.speedups(&rows, rule: .againstModel(.serial))
        #expect(rows[2].speedup == 1)
        #expect(rows[3].speedup == 2)
        #expect(rows[4].speedup == 1)
    }

    @Test func betweenBuildsComparesTheSerialRowsAndTheFreeThreadedCost() {
        let rows = [timed("py.serial", .serial, build: "3.11", wall: 1), timed("py.serial", .serial, build: "3.13", wall: 2),
                    timed("py.serial", .serial, build: "3.13t", wall: 2.2), timed("py.serial", .serial, build: "3.13t+gil", wall: 2.2)]
        let outcome = ScenarioOutcome(rows: rows, variants: Catalogue.cpuBound.variants, params: [:], context: MachineContext(cores: 2, reference: nil))
        let lines = Conclusions.betweenBuilds(Catalogue.cpuBound, outcome: outcome, builds: ["3.11", "3.13", "3.13t", "3.13t+gil"])
        // Each build against the first, then 3.13t against 3.13 and against itself with the GIL forced on; none twice.
        #expect(lines.count == 5, "\(lines)")
        let pairs = lines.compactMap { line -> Set<String>? in
            if case let .betweenBuilds(fast, slow, _) = line { [fast, slow] } else { nil }
        }
        #expect(pairs.count == 5 && pairs.contains(["py.serial on 3.13", "py.serial on 3.13t"]), "\(lines)")
        #expect(ConclusionWords.text(lines[0]).hasPrefix("Between builds, one thread: py.serial on 3.11 ran "))
    }
}
