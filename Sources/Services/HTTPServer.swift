import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The local HTTP/1.1 server the io-bound scenario talks to, on 127.0.0.1 at
/// an ephemeral port, on SwiftNIO (one event loop per core, keep-alive):
///
///     GET /delay/<ms>[?bytes=<n>]   answers after <ms> milliseconds (n bytes, default 64)
///     GET /bytes/<n>                answers at once with n bytes
///     GET /count                    how many requests of the two kinds above it served
///
/// The waits are timers on the event loop, so thousands of slow requests
/// cost no thread each: the server is never the bottleneck.
public final class HTTPServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let served: Counter

    public var port: Int { channel.localAddress?.port ?? 0 }
    public var requestsServed: Int { served.value }

    public init(threads: Int = System.coreCount) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let served = Counter()
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: true)
                    try channel.pipeline.syncOperations.addHandler(RequestHandler(served: served))
                }
            }
        do {
            channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        self.group = group
        self.served = served
    }

    /// Stops listening and ends the event loops.
    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    var value: Int { count.load(ordering: .relaxed) }
    func increment() { count.wrappingAdd(1, ordering: .relaxed) }
}

/// What a request asks for: a delay, a body size, or the count.
enum Route: Equatable {
    case respond(delayMilliseconds: Int, bytes: Int)
    case count
    case notFound

    static func parse(_ uri: String) -> Route {
        let parts = uri.split(separator: "?", maxSplits: 1)
        let path = parts.first.map(String.init) ?? ""
        var bytes = 64
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == "bytes", let value = Int(pair[1]), (0...(64 << 20)).contains(value) { bytes = value }
            }
        }
        let segments = path.split(separator: "/")
        switch (segments.first, segments.count) {
        case ("count"?, 1): return .count
        case ("delay"?, 2):
            guard let ms = Int(segments[1]), (0...600_000).contains(ms) else { return .notFound }
            return .respond(delayMilliseconds: ms, bytes: bytes)
        case ("bytes"?, 2):
            guard let n = Int(segments[1]), (0...(64 << 20)).contains(n) else { return .notFound }
            return .respond(delayMilliseconds: 0, bytes: n)
        default: return .notFound
        }
    }
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let served: Counter
    private var head: HTTPRequestHead?

    init(served: Counter) { self.served = served }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            switch Route.parse(head.uri) {
            case .count:
                respond(context, head, status: .ok, body: "\(served.value)\n")
            case .notFound:
                respond(context, head, status: .notFound, body: "unknown path \(head.uri); try /delay/<ms>, /bytes/<n>, /count\n")
            case .respond(let delay, let bytes):
                let body = String(repeating: "x", count: bytes)
                if delay == 0 {
                    served.increment()
                    respond(context, head, status: .ok, body: body)
                } else {
                    let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                    context.eventLoop.scheduleTask(in: .milliseconds(Int64(delay))) {
                        let (handler, context) = bound.value
                        handler.served.increment()
                        handler.respond(context, head, status: .ok, body: body)
                    }
                }
            }
        }
    }

    private func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, status: HTTPResponseStatus, body: String) {
        var buffer = context.channel.allocator.buffer(capacity: body.utf8.count)
        buffer.writeString(body)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain")
        headers.add(name: "Content-Length", value: String(buffer.readableBytes))
        let keepAlive = head.isKeepAlive
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
