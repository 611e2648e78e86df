import Contract
import Kernels
import Measure

/// The native reference every round of a parallel scenario measures: the
/// kernel on native pthreads, one thread and W threads (`ReferenceRule`).
/// Not a scenario of its own (`pyvs list` does not show it); the runner
/// adds its rows to the scenarios that declare a rule, and their workers
/// find it by name.
extension Catalogue {
    public static let nativeReference: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "native-reference",
            title: "the native kernel on one thread and on W threads",
            source: "pyvs's own reference",
            pythonModule: "",
            parameters: [
                // About 3 ms a thread here, so the worker times its loops one by one.
                ParameterSpec("n", default: 5_000_000, quick: 1_000_000, range: 1...2_000_000_000, help: "loop length of the kernel per thread"),
                ParameterSpec("threads", default: 1, quick: 1, range: 1...256, help: "native threads"),
            ],
            variants: [
                .swift(ReferenceRule.variantID, .threads, "native pthreads, the kernel on each", workers: .param("threads"),
                       subject: "native threads") { p in GILStudy.swiftThreads(n: p.n, threads: p.threads) },
            ])
        spec.expected = { p in String(SumOfSquares.expected(n: p.n, tasks: p.threads)) }
        return spec
    }()
}

/// Which native reference a scenario's rounds measure beside its rows.
public enum ReferenceRule: Sendable {
    /// One thread and as many as this parameter says (cpu-bound's workers).
    case parameter(String)
    /// One thread and each value of the scenario's series (the GIL study's thread counts).
    case series

    static let variantID = "native.threads"

    /// The thread counts to measure for a scenario with these parameters and series points, 1 first.
    func threadCounts(params: Params, points: [Int?]) -> [Int] {
        let counts: [Int]
        switch self {
        case .parameter(let name): counts = [params[name] ?? 1]
        case .series: counts = points.compactMap { $0 }
        }
        return [1] + Set(counts).subtracting([1]).sorted()
    }
}
