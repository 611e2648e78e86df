import Contract
import Foundation
import Measure
import Processes

/// process-start: start and wait for one process, N times in a row, in each
/// way Python and Swift start processes; ms per process. Python:
/// `pyvs_py.process_start`.
extension Catalogue {
    public static let processStart: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "process-start",
            title: "N processes started and waited for, one after another",
            source: "reference document §5.1.1",
            pythonModule: "pyvs_py.process_start",
            parameters: [
                ParameterSpec("starts", default: 20, quick: 5, range: 1...10_000, help: "processes started per run"),
            ],
            variants: [
                .python("py.fork", .processes, "multiprocessing.Process, fork", function: "process_fork"),
                .python("py.forkserver", .processes, "multiprocessing.Process, forkserver", function: "process_forkserver"),
                .python("py.spawn", .processes, "multiprocessing.Process, spawn", function: "process_spawn"),
                .python("py.forkserver-script", .processes, "forkserver, each child re-running a script's __main__",
                        function: "process_forkserver_script"),
                .python("py.spawn-script", .processes, "spawn, each child re-running a script's __main__", function: "process_spawn_script"),
                .python("py.subprocess", .processes, "subprocess.run of /bin/true", function: "subprocess_true"),
                .swift("swift.fork", .processes, "fork(), the child _exit(0)s, waitpid") { p in try ProcessStart.fork(p) },
                .swift("swift.posix-spawn", .processes, "posix_spawn of /bin/true, waitpid") { p in try ProcessStart.spawn(p) },
            ])
        spec.speedup = .noBaseline  // the cost per process is the figure
        spec.counterparts = [
            Counterpart(python: "py.fork", swift: "swift.fork"),
            Counterpart(python: "py.subprocess", swift: "swift.posix-spawn"),
        ]
        spec.expected = { p in ProcessStart.describe(p.starts) }
        spec.metrics = [MetricSpec(key: ProcessStart.perProcessKey, label: "per process", unit: .seconds)]
        spec.claims = [ClaimJudge(.process, .startCost, variant: "py.fork", metric: ProcessStart.perProcessKey)]
        return spec
    }()
}

/// The Swift side of process-start.
public enum ProcessStart {
    static let perProcessKey = "per_process_s"

    static func describe(_ starts: Int) -> String { describe(succeeded: starts, of: starts) }
    static func describe(succeeded: Int, of starts: Int) -> String { "\(succeeded) of \(starts) processes ended with status 0" }

    /// `succeeded` counts the statuses read back as 0, not the starts attempted.
    static func output(_ p: Params, succeeded: Int, _ seconds: Double) -> VariantOutput {
        VariantOutput(result: describe(succeeded: succeeded, of: p.starts), metrics: [perProcessKey: seconds / Double(max(1, p.starts))])
    }

    static func fork(_ p: Params) throws -> VariantOutput {
        var succeeded = 0
        let start = Clock.now()
        for _ in 0..<p.starts {
            if try Reaper.wait(try Fork.child { 0 }) == 0 { succeeded += 1 }
        }
        return output(p, succeeded: succeeded, Clock.now() - start)
    }

    static func spawn(_ p: Params) throws -> VariantOutput {
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        let envp: [UnsafeMutablePointer<CChar>?] = [nil]  // /bin/true needs no environment
        defer { free(argv[0]) }
        var succeeded = 0
        let start = Clock.now()
        for _ in 0..<p.starts {
            var pid: pid_t = 0
            let status = argv.withUnsafeBufferPointer { args in
                envp.withUnsafeBufferPointer { env in posix_spawn(&pid, "/bin/true", nil, nil, args.baseAddress!, env.baseAddress!) }
            }
            guard status == 0 else { throw ProcessError("posix_spawn", code: status) }
            if try Reaper.wait(pid) == 0 { succeeded += 1 }
        }
        return output(p, succeeded: succeeded, Clock.now() - start)
    }
}

private extension Params {
    var starts: Int { self["starts"] ?? 1 }
}
