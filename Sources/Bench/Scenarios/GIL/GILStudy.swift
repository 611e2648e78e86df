import Contract
import Foundation
import Kernels
import Measure
import PyEmbed

/// The GIL study's Swift side: the threads that enter CPython from Swift,
/// the native functions Python threads call, and the study's verdicts.
public enum GILStudy {
    /// Tag: the variant's threads all run in the one main interpreter, under its GIL.
    static let sharesGIL = "shares-gil"
    /// Tag: the variant's threads wait (sleep) rather than compute.
    static let waits = "waits"
    static let gilWaitKey = "gil_wait_s"

    /// The kernel's loop length, the same in the study and its sweep.
    static let kernelLength = ParameterSpec("n", default: 5_000_000, quick: 100_000, range: 1...2_000_000_000,
                                            help: "loop length of the kernel per thread")

    /// Rows whose work releases the GIL return how many units they finished.
    static func releasing(_ variant: VariantSpec) -> VariantSpec {
        var variant = variant
        variant.expected = { p in String(p.threads) }
        return variant
    }

    /// Rows running the Swift kernel: its loop length is `native_n`.
    static func native(_ variant: VariantSpec) -> VariantSpec {
        var variant = variant
        variant.expected = { p in String(SumOfSquares.expected(n: p["native_n"] ?? p.n, tasks: p.threads)) }
        return variant
    }

    static let threadStartKey = "thread_start_s"

    /// Subinterpreters with their own GIL exist from CPython 3.12 on.
    static func needsOwnGIL(_ variant: VariantSpec) -> VariantSpec {
        var variant = variant
        variant.unavailable = { python in
            // The build the row runs on decides (its worker embeds it), not the host's own library.
            let version = python?.version ?? Interpreter.libraryVersion
            let parts = version.split(separator: ".").compactMap { Int($0) }
            guard parts.count >= 2, (parts[0], parts[1]) < (3, 12) else { return nil }
            return .needs(.python312, python: version)
        }
        return variant
    }

    // MARK: the workers' side

    /// Registers `pyvs_native` (call once, before CPython starts).
    @Sendable static func registerNativeModule() {
        NativeModule.register(name: "pyvs_native", doc: "pyvs's native Swift functions", methods: nativeMethods)
    }

    /// The cpu-bound kernel as the built-in module `pyvs_native`: once
    /// releasing the GIL around its loop (what a C extension does with
    /// Py_BEGIN_ALLOW_THREADS), once holding it.
    static let nativeMethods: [NativeModule.Method] = [
        .init(name: "sum_squares", doc: "sum(i*i for i in range(n)) in Swift, with the GIL released") { argument in
            let n = try argument.int()
            return try PyRef(decimal: String(GIL.releasing { SumOfSquares.task(n: n) }))
        },
        .init(name: "sum_squares_holding_gil", doc: "sum(i*i for i in range(n)) in Swift, holding the GIL") { argument in
            try PyRef(decimal: String(SumOfSquares.task(n: try argument.int())))
        },
    ]

    /// Native Swift pthreads, each measuring its own CPU time and when it began.
    static func swiftThreads(n: Int, threads: Int) -> VariantOutput {
        let started = Clock.now()
        let results = NativeThread.runAll(threads) { _ in (begun: Clock.now(), value: SumOfSquares.task(n: n)) }
        return VariantOutput(result: String(results.reduce(0) { $0 &+ $1.value.value }),
                             threadCPUSeconds: results.reduce(0) { $0 + $1.cpuSeconds },
                             metrics: [threadStartKey: (results.map(\.value.begun).max() ?? started) - started])
    }

    /// Swift pthreads that each take the GIL with PyGILState_Ensure and run
    /// the Python kernel; the time they waited there is reported. The calling
    /// thread lets go of the GIL meanwhile.
    static func hostThreads(n: Int, threads: Int) throws -> VariantOutput {
        let task = GILBound(try Python.importModule("pyvs_py.cpu_bound").attribute("task"))
        let results = GIL.releasing {
            NativeThread.runAll(threads) { _ in
                task.withGIL { task, waited in (Result { try task.call([PyRef(n)]).string() }.mapError(ErrorText.init), waited) }
            }
        }
        var output = try sum(results.map { ($0.value.0, $0.cpuSeconds) })
        output.metrics[gilWaitKey] = results.reduce(0) { $0 + $1.value.1 }
        return output
    }

    /// One subinterpreter with its own GIL per pthread (CPython 3.12+), each
    /// running the pure-Python kernel.
    static func subinterpreters(n: Int, threads: Int) throws -> VariantOutput {
        let results = GIL.releasing {
            NativeThread.runAll(threads) { _ in
                Result { try Subinterpreter.evaluate("sum(i * i for i in range(\(n)))") }.mapError(ErrorText.init)
            }
        }
        return try sum(results.map { ($0.value, $0.cpuSeconds) })
    }

    /// The exact sum of the threads' decimal results and their CPU time; the first error instead.
    static func sum(_ results: [(Result<String, ErrorText>, Double)]) throws -> VariantOutput {
        var total: UInt128 = 0
        for (result, _) in results {
            guard let value = UInt128(try result.get()) else { throw WorkerError("a thread returned no integer result") }
            total &+= value
        }
        return VariantOutput(result: String(total), threadCPUSeconds: results.reduce(0) { $0 + $1.1 })
    }
}

extension GILStudy {
    /// The study's series: thread counts, and the sweep's switch intervals (µs).
    public static let threadsSeries = "threads"
    public static let intervalSeries = "switch_interval_us"
}
