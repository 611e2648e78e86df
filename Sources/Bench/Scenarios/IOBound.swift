import Console
import Contract
import Foundation
import FoundationNetworking
import Kernels
import Measure
#if canImport(FoundationNetworking)
#endif

/// io-bound: K requests to a real local HTTP server, each answered after
/// d ms, in every model the document recommends for I/O; then the same
/// models over plain sleeps, without a network. Python: `pyvs_py.io_bound`.
extension Catalogue {
    public static let ioBound: ScenarioSpec = {
        let http = "http", sleep = "sleep"
        func python(_ id: String, _ model: Model, _ title: String, _ group: String, workers: WorkerRule = .one,
                    function: String) -> VariantSpec {
            var variant = VariantSpec.python(id, model, title, workers: workers, function: function)
            variant.group = group
            if group == sleep { variant.expected = IOBound.expectedWaits }
            return variant
        }
        func swift(_ id: String, _ model: Model, _ title: String, _ group: String, workers: WorkerRule = .one,
                   _ body: @escaping @Sendable (Params) throws -> VariantOutput) -> VariantSpec {
            var variant = VariantSpec.swift(id, model, title, workers: workers, body)
            variant.group = group
            if group == sleep { variant.expected = IOBound.expectedWaits }
            return variant
        }
        var aiohttp = python("py.http-aiohttp", .asyncio, "aiohttp.ClientSession, asyncio.gather", http,
                             workers: .param("requests"), function: "http_aiohttp")
        aiohttp.unavailable = { info in
            guard let info, info.extras["aiohttp"] != true else { return nil }
            return .needs(.aiohttp, python: info.version)
        }
        var spec = ScenarioSpec(
            name: "io-bound",
            title: "K requests to a local HTTP server, each answered after d ms",
            source: "reference document §2 test 2, §4 compare_io_bound",
            pythonModule: "pyvs_py.io_bound",
            parameters: [
                ParameterSpec("requests", default: 20, quick: 10, range: 1...2_000, help: "requests (and sleeps) per run"),
                ParameterSpec("delay_ms", default: 100, quick: 20, range: 0...60_000, help: "milliseconds the server waits before answering"),
                ParameterSpec("response_bytes", default: 1_024, quick: 256, range: 0...(16 << 20), help: "bytes in each response"),
            ],
            variants: [
                python("py.http-serial", .serial, "urllib.request, one request after another", http, function: "http_serial"),
                python("py.http-threads", .threads, "threading.Thread per request (urllib)", http,
                       workers: .param("requests"), function: "http_threads"),
                python("py.http-executor", .executor, "ThreadPoolExecutor.map (urllib)", http,
                       workers: .param("requests"), function: "http_executor"),
                python("py.http-asyncio", .asyncio, "asyncio.gather over asyncio streams", http,
                       workers: .param("requests"), function: "http_asyncio"),
                aiohttp,
                python("py.sleep-serial", .serial, "time.sleep, one after another", sleep, function: "sleep_serial"),
                python("py.sleep-threads", .threads, "threading.Thread per time.sleep", sleep,
                       workers: .param("requests"), function: "sleep_threads"),
                python("py.sleep-asyncio", .asyncio, "asyncio.gather of asyncio.sleep", sleep,
                       workers: .param("requests"), function: "sleep_asyncio"),
                swift("swift.http-serial", .serial, "URLSession, one request after another", http) { p in
                    try IOBound.httpSerial(p)
                },
                swift("swift.http-threads", .threads, "a pthread per request (URLSession, blocking)", http,
                      workers: .param("requests")) { p in try IOBound.httpThreads(p) },
                swift("swift.http-taskgroup", .taskGroup, "TaskGroup of URLSession requests", http,
                      workers: .param("requests")) { p in try IOBound.httpTaskGroup(p) },
                swift("swift.sleep-serial", .serial, "usleep, one after another", sleep) { p in IOBound.sleepSerial(p) },
                swift("swift.sleep-threads", .threads, "a pthread per usleep", sleep, workers: .param("requests")) { p in
                    IOBound.sleepThreads(p)
                },
                swift("swift.sleep-taskgroup", .taskGroup, "TaskGroup of Task.sleep", sleep, workers: .param("requests")) { p in
                    IOBound.sleepTaskGroup(p)
                },
            ])
        spec.counterparts = [
            Counterpart(python: "py.http-serial", swift: "swift.http-serial"),
            Counterpart(python: "py.http-threads", swift: "swift.http-threads"),
            Counterpart(python: "py.http-asyncio", swift: "swift.http-taskgroup"),
            Counterpart(python: "py.sleep-serial", swift: "swift.sleep-serial"),
            Counterpart(python: "py.sleep-threads", swift: "swift.sleep-threads"),
            Counterpart(python: "py.sleep-asyncio", swift: "swift.sleep-taskgroup"),
        ]
        spec.expected = { p in IOBound.describe(responses: p.requests, bytes: p.requests * (p["response_bytes"] ?? 0)) }
        spec.metrics = [MetricSpec(key: Runner.servedKey, label: "served", unit: .count)]
        // "多线程适用于I/O密集型任务", "asyncio speeds up network requests".
        spec.claims = [
            ClaimJudge(.thread, .speedup, variant: "py.sleep-threads", metric: "speedup", workload: .io),
            ClaimJudge(.coroutine, .speedup, variant: "py.sleep-asyncio", metric: "speedup", workload: .io),
            ClaimJudge(.thread, .speedup, variant: "py.http-threads", metric: "speedup", workload: .network),
            ClaimJudge(.thread, .speedup, variant: "py.http-executor", metric: "speedup", workload: .network, named: IOBound.threadPool),
            // A thread pool's I/O ("ThreadPoolExecutor", "线程池") is measured with the pool itself: requests to the local server are I/O.
            ClaimJudge(.thread, .speedup, variant: "py.http-executor", metric: "speedup", workload: .io, named: IOBound.threadPool),
            ClaimJudge(.coroutine, .speedup, variant: "py.http-asyncio", metric: "speedup", workload: .network),
        ]
        spec.service = ServiceSpec(name: "local HTTP server") { supervisor in try LocalHTTPService(supervisor: supervisor) }
        spec.validate = { row, p in
            guard row.id.hasPrefix("py.http") || row.id.hasPrefix("swift.http"), let served = row.extra?[Runner.servedKey] else { return nil }
            return Int(served.rounded()) == p.requests ? nil : .servedOther(served: served, made: p.requests)
        }
        spec.conclude = IOBound.conclude
        return spec
    }()
}

/// The Swift side of io-bound: URLSession against the local server, and sleeps.
public enum IOBound {
    /// The words that name a pool of threads: what `py.http-executor` measures.
    static let threadPool = #"ThreadPoolExe?cutor|线程池|thread ?pool"#
    static func describe(responses: Int, bytes: Int) -> String { "\(responses) responses, \(bytes) bytes" }
    static let expectedWaits: @Sendable (Params) -> String? = { p in "\(p.requests) waits" }

    static func url(_ p: Params) -> URL {
        URL(string: "http://127.0.0.1:\(p["port"] ?? 0)/delay/\(p["delay_ms"] ?? 0)?bytes=\(p["response_bytes"] ?? 0)")!
    }

    /// A session that opens as many connections as there are requests, and no proxy.
    static func session(connections: Int) -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, connections)
        configuration.connectionProxyDictionary = [:]
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }

    struct BadResponse: Error, CustomStringConvertible {
        let description: String
    }

    static func fetch(_ session: URLSession, _ url: URL) async throws -> Int {
        let (data, response) = try await session.data(from: url)
        guard let http = response as? HTTPURLResponse, http.statusCode == 200 else {
            throw BadResponse(description: "\(url) answered \((response as? HTTPURLResponse)?.statusCode ?? 0)")
        }
        return data.count
    }

    /// A request from a plain thread, which blocks until the answer.
    static func fetchBlocking(_ session: URLSession, _ url: URL) -> Result<Int, ErrorText> {
        blockingAwait { await catching { try await fetch(session, url) } }
    }

    /// What an async body returned or threw, as a value a thread can hand back.
    static func catching<T>(_ body: () async throws -> T) async -> Result<T, ErrorText> {
        do { return .success(try await body()) } catch { return .failure(ErrorText(error)) }
    }

    static func output(_ sizes: [Int]) -> VariantOutput {
        VariantOutput(result: describe(responses: sizes.count, bytes: sizes.reduce(0, +)))
    }

    static func httpSerial(_ p: Params) throws -> VariantOutput {
        let session = session(connections: 1)
        defer { session.finishTasksAndInvalidate() }
        let url = url(p), count = p.requests
        return output(try blockingAwait {
            await catching {
                var sizes: [Int] = []
                for _ in 0..<count { sizes.append(try await fetch(session, url)) }
                return sizes
            }
        }.get())
    }

    static func httpThreads(_ p: Params) throws -> VariantOutput {
        let session = session(connections: p.requests)
        defer { session.finishTasksAndInvalidate() }
        let url = url(p)
        return output(try NativeThread.runAll(p.requests) { _ in fetchBlocking(session, url) }.map { try $0.value.get() })
    }

    static func httpTaskGroup(_ p: Params) throws -> VariantOutput {
        let session = session(connections: p.requests)
        defer { session.finishTasksAndInvalidate() }
        let url = url(p), count = p.requests
        return output(try blockingAwait {
            await catching {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<count { group.addTask { try await fetch(session, url) } }
                    var sizes: [Int] = []
                    for try await size in group { sizes.append(size) }
                    return sizes
                }
            }
        }.get())
    }

    static func sleepSerial(_ p: Params) -> VariantOutput {
        for _ in 0..<p.requests { usleep(UInt32((p["delay_ms"] ?? 0) * 1000)) }
        return VariantOutput(result: "\(p.requests) waits")
    }

    static func sleepThreads(_ p: Params) -> VariantOutput {
        let micros = UInt32((p["delay_ms"] ?? 0) * 1000)
        let done = NativeThread.runAll(p.requests) { _ in usleep(micros) == 0 ? 1 : 0 }
        return VariantOutput(result: "\(done.reduce(0) { $0 + $1.value }) waits")
    }

    static func sleepTaskGroup(_ p: Params) -> VariantOutput {
        let (count, delay) = (p.requests, p["delay_ms"] ?? 0)
        let done = blockingAwait {
            await withTaskGroup(of: Int.self) { group in
                for _ in 0..<count { group.addTask { (try? await Task.sleep(for: .milliseconds(delay))) == nil ? 0 : 1 } }
                return await group.reduce(0, +)
            }
        }
        return VariantOutput(result: "\(done) waits")
    }

    /// The times the document's reasoning predicts beside the measured ones.
    static func conclude(_ outcome: ScenarioOutcome) -> [Conclusion] {
        var drawn: [Conclusion] = [.waitsExpected(requests: outcome.params.requests, delay: Double(outcome.params["delay_ms"] ?? 0) / 1000)]
        for group in [WaitGroup.http, .sleep] {
            let rows = outcome.rows.filter { row in outcome.variant(of: row)?.group == group.rawValue && row.wallSeconds != nil }
            guard !rows.isEmpty else { continue }
            drawn.append(.waitsMeasured(over: group, rows: rows.compactMap { row in row.wallSeconds.map { RowShare(row: row.id, value: $0.median) } }))
        }
        return drawn
    }
}

private extension Params {
    var requests: Int { self["requests"] ?? 0 }
}
