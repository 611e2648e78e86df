import Foundation
import Measure
import PyEmbed

/// The hidden worker mode: one measured run inside a fresh process. It
/// reports its measured region (wall and CPU, start-up excluded) and its
/// result on fd 3, then exits: 0 when it has a result, 1 when it failed.
public enum Worker {
    public static func main(_ spec: WorkerSpec) -> Int32 {
        var report = WorkerReport()
        do {
            switch spec.kind {
            case .variant: try runVariant(spec, into: &report)
            case .pythonInfo:
                try PythonHost.start(executable: spec.pythonExecutable)
                report.python = try PythonHost.describe()
            case .gil: try GILWorker.run(spec, into: &report)
            case .snippet: try SnippetWorker.run(spec, into: &report)
            }
        } catch {
            report.error = String(describing: error)
        }
        report.peakRSSBytes = Clock.selfPeakRSS()
        fflush(stdout)
        report.send()
        return report.error == nil ? 0 : 1
    }

    static func runVariant(_ spec: WorkerSpec, into report: inout WorkerReport) throws {
        guard let scenario = Catalogue.scenario(named: spec.scenario), let variant = scenario.variant(spec.variant) else {
            throw WorkerError("unknown scenario variant \(spec.scenario)/\(spec.variant)")
        }
        var kwargs = spec.params
        kwargs["workers"] = variant.workerCount(spec.params)
        switch variant.language {
        case .python:
            let started = Clock.now()
            try PythonHost.start(executable: spec.pythonExecutable)
            report.extra = ["interpreter_start_s": Clock.now() - started]
            var arguments: [String: Any] = kwargs
            arguments["start_method"] = spec.startMethod
            let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
            let prepare = try Python.importModule("pyvs_py._harness").attribute("prepare")
            let work = try prepare.call([PyRef(scenario.pythonModule), PyRef(variant.entry), PyRef(json), PyRef(spec.fault ?? "")])
            let region = try measured { try work.call() }
            report.result = try region.value.string()
            report.record(region)
        case .swift:
            let region = try measured { () throws -> String in
                try injectSwiftFault(spec.fault)
                let result = try scenario.runSwift(variant.entry, kwargs)
                return spec.fault == "wrong" ? result + "1" : result
            }
            report.result = region.value
            report.record(region)
        }
    }

    /// A child process running pyvs in worker mode for `spec`. Swift's crash
    /// backtracer is off there: a crashing block is reported by its signal,
    /// not by a Swift backtrace of the host.
    public static func process(_ spec: WorkerSpec, timeout: Double, memoryLimitBytes: Int, captureLimitBytes: Int) -> ChildProcess {
        var child = ChildProcess(arguments: [Paths.selfExecutable, "__worker", spec.encoded()])
        child.timeout = timeout
        child.memoryLimitBytes = memoryLimitBytes
        child.captureLimitBytes = captureLimitBytes
        child.environment["PYVS_PYTHON_DIR"] = Paths.pythonDirectory
        child.environment["SWIFT_BACKTRACE"] = "enable=no"
        return child
    }

    /// The measured region's figures, per loop.
    struct Region<T> {
        var value: T
        /// What every loop returned, in order (`value` is the last).
        var values: [T]
        var wall: Double
        var cpu: Double
        var loops: Int
    }

    /// Runs the measured region: monotonic wall and CPU of this process and
    /// of the children it waited for. As pyperf does, a body that takes less
    /// than `minTime` is run again `loops` times in a row (its first run only
    /// calibrates the count) and the figures are per loop: a 10 ms parallel
    /// region is otherwise dominated by scheduling noise.
    static func measured<T>(minTime: Double = 0.1, _ body: () throws -> T) rethrows -> Region<T> {
        func timed(_ loops: Int) throws -> Region<T> {
            let cpu0 = Clock.processTreeCPU()
            let t0 = Clock.now()
            var values = [try body()]
            for _ in 1..<loops { values.append(try body()) }
            let t1 = Clock.now()
            let cpu1 = Clock.processTreeCPU()
            return Region(value: values[values.count - 1], values: values, wall: (t1 - t0) / Double(loops),
                          cpu: (cpu1 - cpu0) / Double(loops), loops: loops)
        }
        let first = try timed(1)
        guard first.wall < minTime else { return first }
        return try timed(min(1000, Int((minTime / max(first.wall, 1e-6)).rounded(.up))))
    }

    static func injectSwiftFault(_ fault: String?) throws {
        switch fault {
        case "segfault": kill(getpid(), SIGSEGV)
        case "hang": sleep(3600)
        case "exit": _exit(3)
        case "raise": throw WorkerError("injected failure")
        case "memory":
            var hog: [[UInt8]] = []
            while true { hog.append([UInt8](repeating: 1, count: 64 << 20)) }
        default: break
        }
    }
}

public struct WorkerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
