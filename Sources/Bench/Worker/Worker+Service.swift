import Console
import Contract
import Foundation
import Processes
import Measure
import Services

extension Worker {
    /// Serves until stdin closes: the parent closes it to stop the service,
    /// and the kernel closes it when the parent dies, so a service never
    /// outlives pyvs. The first line on stdout says where it listens.
    static func serve(_ name: String) throws {
        guard name == LocalHTTPService.name else { throw WorkerError("unknown service '\(name)'") }
        let server = try HTTPServer()
        FileIO.writeAll(1, Data("listening \(server.port)\n".utf8))
        // Until pyvs closes its stdin.
        _ = FileIO.readToEnd(0)
        server.stop()
    }
}

/// The io-bound scenario's server, in a pyvs worker process of its own.
final class LocalHTTPService: RunningService {
    static let name = "http"
    let process: BackgroundProcess
    let port: Int

    var params: Params { ["port": port] }

    init(supervisor: Supervisor) throws {
        process = try BackgroundProcess(arguments: [Paths.selfExecutable, "__worker", WorkerJob.service(name: Self.name).encoded()],
                                        environment: ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 },
                                        supervisor: supervisor)
        guard let line = process.readLine(timeout: 20), line.hasPrefix("listening "), let port = Int(line.dropFirst(10)) else {
            process.stop(grace: 0)
            throw WorkerError("the local HTTP server did not start")
        }
        self.port = port
    }

    func served() -> Int? {
        HTTPProbe.get(port: port, path: "/count").flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func stop() { process.stop() }
}
