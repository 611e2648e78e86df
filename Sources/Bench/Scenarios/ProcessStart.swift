import Contract
import Foundation
import Kernels
import Measure
import Processes

/// process-start: start and wait for one process, N times in a row, in each
/// way Python and Swift start processes, beside a thread started and joined
/// (the start a process is said to cost more than); ms per start. Python:
/// `pyvs_py.process_start`.
extension Catalogue {
    public static let processStart: ScenarioSpec = {
        var spec = ScenarioSpec(
            name: "process-start",
            title: "N processes (or threads) started and waited for, one after another",
            source: "reference document §5.1.1",
            pythonModule: "pyvs_py.process_start",
            parameters: [
                ParameterSpec("starts", default: 20, quick: 5, range: 1...10_000, help: "processes (or threads) started per run"),
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
                .python("py.thread", .threads, "threading.Thread, start and join", function: "thread_start"),
                .swift("swift.thread", .threads, "pthread_create, pthread_join") { p in ProcessStart.thread(p) },
            ])
        spec.speedup = .noBaseline  // the cost per process is the figure
        spec.counterparts = [
            Counterpart(python: "py.fork", swift: "swift.fork"),
            Counterpart(python: "py.subprocess", swift: "swift.posix-spawn"),
            Counterpart(python: "py.thread", swift: "swift.thread"),
        ]
        spec.expected = { p in ProcessStart.describe(p.starts) }
        spec.metrics = [MetricSpec(key: ProcessStart.perProcessKey, label: "per start", unit: .seconds)]
        spec.claims = [
            ClaimJudge(.process, .startCost, variant: "py.fork", metric: ProcessStart.perProcessKey),
            ClaimJudge(.thread, .startCost, variant: "py.thread", metric: ProcessStart.perProcessKey),
        ]
        return spec
    }()
}

/// The Swift side of process-start.
public enum ProcessStart {
    /// Seconds per start (the key predates the thread rows, which give it too).
    static let perProcessKey = "per_process_s"

    static func describe(_ starts: Int) -> String { describe(succeeded: starts, of: starts) }
    static func describe(succeeded: Int, of starts: Int) -> String { "\(succeeded) of \(starts) started ran to the end" }

    /// `succeeded` counts the starts that ran to the end (a process's status
    /// read back as 0, a thread's body having run), not the starts attempted.
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

extension ProcessStart {
    /// A pthread started and joined, N times: each body's value says it ran.
    static func thread(_ p: Params) -> VariantOutput {
        var succeeded = 0
        let start = Clock.now()
        for _ in 0..<p.starts { succeeded += NativeThread { 1 }.join().value }
        return output(p, succeeded: succeeded, Clock.now() - start)
    }
}

private extension Params {
    var starts: Int { self["starts"] ?? 1 }
}
