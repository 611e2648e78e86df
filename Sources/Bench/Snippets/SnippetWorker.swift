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
        let isSession = try PyRef(owning: PyBool_FromLong(spec.options["interactive"] == "1" ? 1 : 0))
        let runFile = try module.attribute("run_file")
        let region = try Worker.measured(minTime: 0) {
            try runFile.call([PyRef(path), PyRef(display), expectError, PyRef(spec.options["requires"] ?? "[]"), isSession]).string()
        }
        report.payload = region.value
        report.record(region)
    }
}
