import Foundation
import CPython
import PyEmbed

/// A document's block (or, with --session, all of them) inside a worker:
/// the embedded CPython with unbuffered output, in the block's own folder.
enum SnippetWorker {
    static func run(_ spec: WorkerSpec, into report: inout WorkerReport) throws {
        guard let display = spec.options["display"], let folder = spec.options["cwd"] else {
            throw WorkerError("the snippet worker needs a document name and a folder")
        }
        guard chdir(folder) == 0 else { throw WorkerError("cannot enter \(folder)") }
        try PythonHost.start(executable: spec.pythonExecutable, argv: [display], unbuffered: true)
        let module = try Python.importModule("pyvs_py._snippet")
        if let job = spec.options["session"] {
            report.payload = try module.attribute("run_session").call([PyRef(job), PyRef(3)]).string()
            return
        }
        guard let path = spec.options["path"] else { throw WorkerError("the snippet worker needs a block file") }
        let expectError = try PyRef(owning: PyBool_FromLong(spec.options["expect_error"] == "1" ? 1 : 0))
        let run = module.attribute
        let region = try Worker.measured(minTime: 0) {
            try run("run_file").call([PyRef(path), PyRef(display), expectError, PyRef(spec.options["requires"] ?? "[]")]).string()
        }
        report.payload = region.value
        report.record(region)
    }
}
