import Contract
import Foundation
import Measure

extension Worker {
    /// One measured run of a variant: start-up (CPython, if it needs it),
    /// then the measured region, then its output.
    static func runVariant(_ job: VariantJob, into reply: inout WorkerReply) throws {
        guard let scenario = Catalogue.measurable(named: job.scenario), let variant = scenario.variant(job.variant) else {
            throw WorkerError("unknown scenario variant \(job.scenario)/\(job.variant)")
        }
        var params = job.params
        params["workers"] = params["workers"] ?? variant.workerCount(job.params)
        if variant.runsPython {
            scenario.beforePython?()
            let started = Clock.now()
            try PythonHost.start(job.python)
            reply.interpreterStartSeconds = Clock.now() - started
        }
        let region: MeasuredRegion<VariantOutput>
        switch variant.implementation {
        case .python(let function, let arguments):
            let call = try PythonHost.prepare(module: scenario.pythonModule, function: function,
                                              params: params.merging(arguments) { $1 }, setup: job.python, fault: job.fault)
            let raw = try MeasuredRegion.measure { try call.call() }
            let outputs = try raw.values.map(PythonHost.output)
            region = MeasuredRegion(value: outputs[outputs.count - 1], values: outputs, wall: raw.wall, user: raw.user,
                                    system: raw.system, loops: raw.loops, calls: raw.calls, medianLoop: raw.medianLoop)
        case .program(let program):
            guard let command = job.command else { throw WorkerError("\(variant.id) has no command: the host builds its program first") }
            let arguments = command + program.mode + program.arguments.map { String(params[$0] ?? 0) }
            var programPeak = 0
            region = try MeasuredRegion.measure {
                try Faults.inject(job.fault)
                var (output, peak) = try ProgramRun.run(arguments)
                programPeak = max(programPeak, peak)
                if job.fault == .wrong { output.result += "1" }
                return output
            }
            reply.peakRSSBytes = programPeak  // the row's peak is its program's
        case .swift(let body), .host(let body):
            region = try MeasuredRegion.measure {
                try Faults.inject(job.fault)
                var output = try body(params)
                if job.fault == .wrong { output.result += "1" }
                return output
            }
        }
        reply.record(region)
        reply.output = region.perLoop(scenario.metrics + scenario.hiddenMetrics)
        if variant.runsPython { reply.gilEnabled = try PythonHost.gilEnabled() }
    }
}
