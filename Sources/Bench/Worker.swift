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
            case .gil, .snippet: throw WorkerError("worker kind \(spec.kind.rawValue) is not available yet")
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
            try PythonHost.start(executable: spec.pythonExecutable)
            var arguments: [String: Any] = kwargs
            arguments["start_method"] = spec.startMethod
            let json = String(decoding: try JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys]), as: UTF8.self)
            let prepare = try Python.importModule("pyvs_py._harness").attribute("prepare")
            let work = try prepare.call([PyRef(scenario.pythonModule), PyRef(variant.entry), PyRef(json), PyRef(spec.fault ?? "")])
            let (value, wall, cpu) = try measured { try work.call() }
            report.result = try value.string()
            report.wallSeconds = wall
            report.cpuSeconds = cpu
        case .swift:
            let (value, wall, cpu) = try measured { () throws -> String in
                try injectSwiftFault(spec.fault)
                let result = try scenario.runSwift(variant.entry, spec.params)
                return spec.fault == "wrong" ? result + "1" : result
            }
            report.result = value
            report.wallSeconds = wall
            report.cpuSeconds = cpu
        }
    }

    /// Runs the measured region: monotonic wall and CPU of this process and
    /// of the children it waited for.
    static func measured<T>(_ body: () throws -> T) rethrows -> (T, Double, Double) {
        let cpu0 = Clock.processTreeCPU()
        let t0 = Clock.now()
        let value = try body()
        let t1 = Clock.now()
        let cpu1 = Clock.processTreeCPU()
        return (value, t1 - t0, cpu1 - cpu0)
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
