import CPython
import Foundation
import Kernels
import Measure
import PyEmbed

/// One row of the GIL study inside a worker process: a variant at a thread
/// count. Reports wall and CPU per loop, plus the summed CPU time of the
/// threads that did the work (measured on each thread) and, for Swift
/// pthreads entering CPython, the time they spent waiting in PyGILState_Ensure.
enum GILWorker {
    struct Pass {
        var result: String
        var threadCPU: Double
        var gilWait: Double = 0
    }

    static func run(_ spec: WorkerSpec, into report: inout WorkerReport) throws {
        guard let model = spec.options["model"], let threads = spec.options["threads"].flatMap(Int.init), threads > 0 else {
            throw WorkerError("the gil worker needs a model and a thread count")
        }
        let n = spec.params["n"] ?? GILSizes.standard.n
        var body: () throws -> Pass
        if model == "threads" && spec.options["language"] == "swift" {
            body = { swiftThreads(n: n, threads: threads) }
        } else {
            if model.hasPrefix("native") { GILNativeFunctions.register() }
            try PythonHost.start(executable: spec.pythonExecutable)
            let gil = try Python.importModule("pyvs_py.gil")
            let size = spec.params["size"] ?? 0
            switch model {
            case "threads":
                if let interval = spec.options["switch_interval_s"].flatMap(Double.init) {
                    body = { try pythonPass(gil, "with_switch_interval", [PyRef(interval), PyRef(n), PyRef(threads)]) }
                } else {
                    body = { try pythonPass(gil, "threads", [PyRef(n), PyRef(threads)]) }
                }
            case "sleep":
                let seconds = Double(spec.params["sleep_us"] ?? 100_000) / 1e6
                body = { try pythonPass(gil, "release_sleep", [PyRef(seconds), PyRef(threads)]) }
            case "sha256", "zlib":
                _ = try gil.attribute("prepare").call([PyRef(model), PyRef(size)])  // input built outside the region
                let function = model == "sha256" ? "release_sha256" : "release_zlib"
                body = { try pythonPass(gil, function, [PyRef(size), PyRef(threads)]) }
            case "native-nogil", "native-gil":
                let release = try PyRef(owning: PyBool_FromLong(model == "native-nogil" ? 1 : 0))
                body = { try pythonPass(gil, "native", [PyRef(n), PyRef(threads), release]) }
            case "processes":
                body = { try pythonPass(gil, "processes", [PyRef(n), PyRef(threads), PyRef(spec.startMethod)]) }
            case "pthreads-gil":
                let task = try Python.importModule("pyvs_py.cpu_bound").attribute("task")
                body = { try hostThreads(task: task, n: n, threads: threads) }
            case "subinterpreters":
                body = { try subinterpreters(n: n, threads: threads) }
            default:
                throw WorkerError("unknown GIL study model '\(model)'")
            }
        }
        let region = try Worker.measured(body)
        report.record(region)
        report.result = region.value.result
        let threadCPU = region.values.map(\.threadCPU).reduce(0, +) / Double(region.loops)
        var extra = ["thread_cpu_s": threadCPU, "concurrency": region.wall > 0 ? threadCPU / region.wall : 0]
        if model == "pthreads-gil" { extra["gil_wait_s"] = region.values.map(\.gilWait).reduce(0, +) / Double(region.loops) }
        if let interval = spec.options["switch_interval_s"].flatMap(Double.init) { extra["switch_interval_s"] = interval }
        report.extra = extra
    }

    /// Calls a pyvs_py.gil function returning (result, [thread CPU seconds]).
    static func pythonPass(_ module: PyRef, _ function: String, _ args: [PyRef]) throws -> Pass {
        let answer = try module.attribute(function).call(args)
        let result = try PyRef(borrowing: PyTuple_GetItem(answer.pointer, 0) ?? { throw PythonError.fetch() }())
        let cpuList = try PyRef(borrowing: PyTuple_GetItem(answer.pointer, 1) ?? { throw PythonError.fetch() }())
        var cpu = 0.0
        for index in 0..<PyList_Size(cpuList.pointer) {
            cpu += try PyRef(borrowing: PyList_GetItem(cpuList.pointer, index) ?? { throw PythonError.fetch() }()).double()
        }
        return Pass(result: try result.string(), threadCPU: cpu)
    }

    static func swiftThreads(n: Int, threads: Int) -> Pass {
        let results = ResultSlots(count: threads)
        let cpu = NativeThread.runAll(threads) { index in results[index] = SumOfSquares.task(n: n) }
        return Pass(result: String(results.sum), threadCPU: cpu.reduce(0, +))
    }

    /// Swift pthreads that each take the GIL with PyGILState_Ensure and run
    /// the Python kernel. The main thread lets go of the GIL meanwhile.
    static func hostThreads(task: PyRef, n: Int, threads: Int) throws -> Pass {
        let results = ResultSlots<Result<String, Error>?>(count: threads, initial: nil)
        let waits = ResultSlots(count: threads, initial: 0.0)
        let saved = Interpreter.releaseGIL()
        let cpu = NativeThread.runAll(threads) { index in
            GIL.withGIL { waited in
                waits[index] = waited
                results[index] = Result { try task.call([PyRef(n)]).string() }
            }
        }
        Interpreter.restoreGIL(saved)
        return Pass(result: try decimalSum(results.values), threadCPU: cpu.reduce(0, +), gilWait: waits.values.reduce(0, +))
    }

    /// One subinterpreter with its own GIL per pthread (CPython 3.12+), each
    /// running the pure-Python kernel.
    static func subinterpreters(n: Int, threads: Int) throws -> Pass {
        guard Interpreter.compiledVersion.major * 100 + Interpreter.compiledVersion.minor >= 312 else {
            throw WorkerError("needs CPython ≥ 3.12 (embedded: \(Interpreter.libraryVersion))")
        }
        let results = ResultSlots<Result<String, Error>?>(count: threads, initial: nil)
        let saved = Interpreter.releaseGIL()
        let cpu = NativeThread.runAll(threads) { index in
            // A thread state of the main interpreter first; creating the
            // subinterpreter swaps to it and lets go of the main GIL.
            GIL.withGIL { _ in
                let main = PyThreadState_Get()
                guard let sub = pyvs_new_own_gil_interpreter() else {
                    PyErr_Clear()
                    results[index] = .failure(WorkerError("could not create a subinterpreter with its own GIL"))
                    return
                }
                results[index] = Result { try Python.eval("sum(i * i for i in range(\(n)))").string() }
                Py_EndInterpreter(sub)
                PyEval_RestoreThread(main)
            }
        }
        Interpreter.restoreGIL(saved)
        return Pass(result: try decimalSum(results.values), threadCPU: cpu.reduce(0, +))
    }

    /// The exact sum of the threads' decimal results; the first error instead.
    static func decimalSum(_ results: [Result<String, Error>?]) throws -> String {
        var total: UInt128 = 0
        for result in results {
            guard let text = try result?.get(), let value = UInt128(text) else {
                throw WorkerError("a thread returned no integer result")
            }
            total &+= value
        }
        return String(total)
    }
}
