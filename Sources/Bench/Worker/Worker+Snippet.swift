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
        case .server, .sandboxedServer:
            if let request = job.greeting { try greet(request) }
            let serve = if case .server = job.mode { "serve" } else { "serve_sandboxed" }
            _ = try module.attribute(serve).call([PyRef(3)])
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

    /// A fork of the server times the loop and describes the interpreter,
    /// then sends that as the server's first message: the figure is the one
    /// of the process the blocks are forked from (where a library was
    /// loaded decides how fast it runs), and what it imports stays out of the
    /// server. The server waits for it.
    static func greet(_ request: LoopRequest) throws {
        let os = try Python.importModule("os")
        let pid = try os.attribute("fork").call().int()
        guard pid == 0 else {
            _ = try os.attribute("waitpid").call([PyRef(pid), PyRef(0)])
            return
        }
        var reply = WorkerReply()
        do {
            try timeLoop(request, into: &reply)
        } catch {
            reply.error = String(describing: error)
        }
        reply.send()
        _exit(0)
    }
}
