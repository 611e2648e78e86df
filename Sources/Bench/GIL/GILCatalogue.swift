import Measure

/// The GIL study's variants: the same cpu-bound kernel throughout, except
/// the rows whose work releases the GIL (sleep, hashing, compression).
public struct GILVariant: Sendable {
    public let id: String
    public let model: String
    public let language: String
    public let title: String
    /// How the verdict names it.
    public let subject: String

    /// Rows that run the cpu-bound kernel return T tasks' sum of squares;
    /// the GIL-releasing rows return how many units of work they finished.
    public var runsKernel: Bool { !["sleep", "sha256", "zlib"].contains(model) }
    public var needsOwnGIL: Bool { model == "subinterpreters" }
    /// All threads run in the one main interpreter, under its GIL.
    public var sharesGIL: Bool { language == "python" && model != "processes" && model != "subinterpreters" }
}

public struct GILSizes: Sendable {
    public var n: Int
    public var sleepSeconds: Double
    public var hashBytes: Int
    public var zlibBytes: Int

    public static let standard = GILSizes(n: 5_000_000, sleepSeconds: 0.1, hashBytes: 64 << 20, zlibBytes: 8 << 20)
    public static let quick = GILSizes(n: 100_000, sleepSeconds: 0.02, hashBytes: 4 << 20, zlibBytes: 1 << 20)
}

public enum GILCatalogue {
    public static let variants: [GILVariant] = [
        GILVariant(id: "py.threads", model: "threads", language: "python",
                   title: "threading.Thread, pure-Python kernel", subject: "Python threads"),
        GILVariant(id: "host.pthreads-gil", model: "pthreads-gil", language: "python",
                   title: "Swift pthreads entering CPython (PyGILState_Ensure)", subject: "Swift pthreads running Python"),
        GILVariant(id: "py.threads-release", model: "sleep", language: "python",
                   title: "threads in time.sleep (releases the GIL)", subject: "Python threads in time.sleep"),
        GILVariant(id: "py.threads-release", model: "sha256", language: "python",
                   title: "threads in hashlib.sha256 (releases the GIL)", subject: "Python threads in hashlib.sha256"),
        GILVariant(id: "py.threads-release", model: "zlib", language: "python",
                   title: "threads in zlib.compress (releases the GIL)", subject: "Python threads in zlib.compress"),
        GILVariant(id: "py.native-nogil", model: "native-nogil", language: "python",
                   title: "threads calling a Swift function that releases the GIL", subject: "Python threads calling Swift (GIL released)"),
        GILVariant(id: "py.native-gil", model: "native-gil", language: "python",
                   title: "threads calling the same Swift function holding the GIL", subject: "Python threads calling Swift (GIL held)"),
        GILVariant(id: "swift.threads", model: "threads", language: "swift",
                   title: "native Swift pthreads, Swift kernel", subject: "Swift pthreads"),
        GILVariant(id: "py.processes", model: "processes", language: "python",
                   title: "multiprocessing.Process per worker", subject: "multiprocessing"),
        GILVariant(id: "py.subinterpreters", model: "subinterpreters", language: "python",
                   title: "subinterpreters with their own GIL on pthreads", subject: "subinterpreters with their own GIL"),
    ]

    /// The switch-interval sweep's intervals (milliseconds).
    public static let switchIntervalsMS: [Double] = [0.1, 1, 5, 50]
}
