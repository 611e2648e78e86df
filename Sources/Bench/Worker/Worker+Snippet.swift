import Foundation
import PyEmbed

extension Worker {
    /// A document's block (or, with --session, all of them): the embedded
    /// CPython with unbuffered output, in the block's own folder.
    static func runSnippet(_ job: SnippetJob, into reply: inout WorkerReply) throws {
        guard chdir(job.folder) == 0 else { throw WorkerError("cannot enter \(job.folder)") }
        try PythonHost.start(job.python, argv: [job.display], unbuffered: true)
        let module = try Python.importModule("pyvs_py.snippet")
        switch job.mode {
        case .session(let jobFile):
            _ = try module.attribute("run_session").call([PyRef(jobFile), PyRef(3)])
        case .server:
            _ = try module.attribute("serve").call([PyRef(3)])
        case .sandboxedServer:
            _ = try module.attribute("serve_sandboxed").call([PyRef(3)])
        case .block(let block):
            let runFile = try module.attribute("run_file")
            let arguments = [try PyRef(block.path), try PyRef(job.display), try PyRef(block.expectError),
                             try PyRef(list: block.requires.map { try PyRef($0) }), try PyRef(block.transcript ?? ""), try PyRef(block.offset),
                             try PyRef(list: (block.setup ?? []).map { try PyRef(list: [try PyRef($0.path), try PyRef($0.offset)]) })]
            let region = try MeasuredRegion.measure(minTime: 0) { try runFile.call(arguments).string() }
            reply.snippet = try JSONDecoder().decode(SnippetVerdict.self, from: Data(region.value.utf8))
            reply.record(region)
        }
    }
}
