import Foundation
import Testing
@testable import Services

@Suite struct HTTPServerTests {
    @Test func routes() {
        #expect(Route.parse("/delay/500") == .respond(delayMilliseconds: 500, bytes: 64))
        #expect(Route.parse("/delay/5?bytes=1024") == .respond(delayMilliseconds: 5, bytes: 1024))
        #expect(Route.parse("/bytes/10") == .respond(delayMilliseconds: 0, bytes: 10))
        #expect(Route.parse("/count") == .count)
        #expect(Route.parse("/delay/-1") == .notFound)
        #expect(Route.parse("/delay/many") == .notFound)
        #expect(Route.parse("/bytes/999999999999") == .notFound)
        #expect(Route.parse("/") == .notFound)
    }

    @Test func servesDelaysAndBytesAndCountsThem() throws {
        let server = try HTTPServer(threads: 1)
        defer { server.stop() }
        #expect(server.port > 0)
        let start = Date()
        #expect(HTTPProbe.get(port: server.port, path: "/delay/200?bytes=5") == "xxxxx")
        #expect(Date().timeIntervalSince(start) >= 0.19)
        #expect(HTTPProbe.get(port: server.port, path: "/bytes/3") == "xxx")
        #expect(HTTPProbe.get(port: server.port, path: "/nothing") == nil)  // 404
        #expect(HTTPProbe.get(port: server.port, path: "/count") == "2\n")  // /count and 404s are not counted
        #expect(server.requestsServed == 2)
    }

    @Test func aStoppedServerAnswersNothing() throws {
        let server = try HTTPServer(threads: 1)
        let port = server.port
        server.stop()
        #expect(HTTPProbe.get(port: port, path: "/count", timeout: 1) == nil)
    }
}
