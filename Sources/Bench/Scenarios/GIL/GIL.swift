import Console
import Contract
import Kernels
import Measure
import PyEmbed

/// The GIL study (`pyvs gil`): one kernel on 1, 2 and N threads, in every
/// way Python can run threads, beside native pthreads; then a sweep of
/// sys.setswitchinterval. Python side: `pyvs_py.gil`.
extension Catalogue {
    public static let gil: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "gil",
            title: "the GIL against true pthread parallelism",
            source: "reference document §2, §5.2, §6.2",
            pythonModule: "pyvs_py.gil",
            parameters: [
                GILStudy.kernelLength,
                ParameterSpec("sleep_us", default: 100_000, quick: 20_000, range: 1...60_000_000,
                              help: "microseconds each thread sleeps (time.sleep rows)"),
                ParameterSpec("hash_bytes", default: 64 << 20, quick: 4 << 20, range: 1...(1 << 30),
                              help: "bytes each thread hashes (hashlib rows)"),
                ParameterSpec("zlib_bytes", default: 8 << 20, quick: 1 << 20, range: 1...(1 << 30),
                              help: "bytes each thread compresses (zlib rows)"),
                ParameterSpec("native_n", default: 50_000_000, quick: 5_000_000, range: 1...2_000_000_000,
                              help: "loop length of the Swift kernel Python threads call (native rows)"),
            ],
            series: SeriesSpec("threads", default: [1, 2, MachineInfo.onlineCores], quick: [1, 2], range: 1...256,
                               help: "thread counts", display: { "×\($0)" }),
            variants: [
                .python("py.threads", .threads, "threading.Thread, pure-Python kernel", workers: .param("threads"),
                        subject: "Python threads", tags: [GILStudy.sharesGIL], function: "threads"),
                VariantSpec("host.pthreads-gil", .python, "pthreads-gil", "Swift pthreads entering CPython (PyGILState_Ensure)",
                            workers: .param("threads"), subject: "Swift pthreads running Python", tags: [GILStudy.sharesGIL],
                            .host { p in try GILStudy.hostThreads(n: p.n, threads: p.threads) }),
                GILStudy.releasing(.python("py.release-sleep", "sleep", "threads in time.sleep (releases the GIL)",
                                           workers: .param("threads"), subject: "Python threads in time.sleep",
                                           tags: [GILStudy.sharesGIL, GILStudy.waits], function: "release_sleep")),
                GILStudy.releasing(.python("py.release-sha256", "sha256", "threads in hashlib.sha256 (releases the GIL)",
                                           workers: .param("threads"), subject: "Python threads in hashlib.sha256",
                                           tags: [GILStudy.sharesGIL], function: "release_sha256")),
                GILStudy.releasing(.python("py.release-zlib", "zlib", "threads in zlib.compress (releases the GIL)",
                                           workers: .param("threads"), subject: "Python threads in zlib.compress",
                                           tags: [GILStudy.sharesGIL], function: "release_zlib")),
                GILStudy.native(.python("py.native-nogil", "native-nogil", "threads calling a Swift function that releases the GIL",
                        workers: .param("threads"), subject: "Python threads calling Swift (GIL released)",
                        tags: [GILStudy.sharesGIL], function: "native", arguments: ["release": 1])),
                GILStudy.native(.python("py.native-gil", "native-gil", "threads calling the same Swift function holding the GIL",
                        workers: .param("threads"), subject: "Python threads calling Swift (GIL held)",
                        tags: [GILStudy.sharesGIL], function: "native", arguments: ["release": 0])),
                GILStudy.native(.swift("swift.threads", .threads, "native Swift pthreads, Swift kernel", workers: .param("threads"),
                       subject: "Swift pthreads") { p in GILStudy.swiftThreads(n: p["native_n"] ?? p.n, threads: p.threads) }),
                .python("py.processes", .processes, "multiprocessing.Process per worker", workers: .param("threads"),
                        subject: "multiprocessing", function: "processes"),
                GILStudy.needsOwnGIL(VariantSpec(
                    "py.subinterpreters", .python, "subinterpreters", "subinterpreters with their own GIL on pthreads",
                    workers: .param("threads"), subject: "subinterpreters with their own GIL",
                    .host { p in try GILStudy.subinterpreters(n: p.n, threads: p.threads) })),
            ])
        spec.speedup = .perThread
        spec.reference = .series
        spec.expected = { p in String(SumOfSquares.expected(n: p.n, tasks: p.threads)) }
        spec.metrics = [MetricSpec(key: GILStudy.gilWaitKey, label: "GIL wait", unit: .seconds)]
        spec.beforePython = GILStudy.registerNativeModule
        spec.rowVerdict = { GILStudy.rowVerdict($0, $1, context: $2) }
        spec.conclude = GILStudy.conclude
        return spec
    }()

    public static let gilSwitchInterval: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "gil-switch-interval",
            title: "sys.setswitchinterval and Python threads",
            source: "reference document §5.2",
            pythonModule: "pyvs_py.gil",
            parameters: [
                GILStudy.kernelLength,
                ParameterSpec("threads", default: 2, quick: 2, range: 1...256, help: "Python threads"),
            ],
            series: SeriesSpec("switch_interval_us", default: [100, 1_000, 5_000, 50_000], quick: [100, 1_000, 5_000, 50_000],
                               range: 1...10_000_000, help: "sys.setswitchinterval values, in µs",
                               display: { "@ \(Format.duration(Double($0) / 1e6))" }),
            variants: [
                .python("py.threads", .threads, "threading.Thread, pure-Python kernel", workers: .param("threads"),
                        subject: "Python threads", tags: [GILStudy.sharesGIL], function: "with_switch_interval"),
            ])
        spec.speedup = .perThread
        spec.expected = { p in String(SumOfSquares.expected(n: p.n, tasks: p.threads)) }
        spec.metrics = [MetricSpec(key: "switch_interval_s", label: "interval", unit: .seconds)]
        spec.conclude = GILStudy.concludeSweep
        return spec
    }()
}
