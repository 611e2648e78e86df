/// Who a claim found in a document is about, as the document names it.
public enum ClaimSubject: String, Codable, Sendable, CaseIterable {
    case process, thread, coroutine, pool, lock, gil, subinterpreter
    case goroutine, javaThread = "java_thread", javaVirtualThread = "java_virtual_thread", rustTask = "rust_task", nodeAsync = "node_async", cppThread = "cpp_thread"
    case dotnetTask = "dotnet_task"

    /// The runtime a subject of another language needs, nil for Python's own.
    public var runtime: String? {
        switch self {
        case .goroutine: return "Go"
        case .javaThread, .javaVirtualThread: return "Java"
        case .rustTask: return "Rust"
        case .nodeAsync: return "Node.js"
        case .cppThread: return "C++"
        case .dotnetTask: return ".NET"
        case .process, .thread, .coroutine, .pool, .lock, .gil, .subinterpreter: return nil
        }
    }
}

/// What a claim found in a document states of its subject.
public enum ClaimQuantity: String, Codable, Sendable, CaseIterable {
    case memoryPerUnit = "memory_per_unit"
    /// Memory for a stated number of them ("10000个协程约20MB").
    case memoryForCount = "memory_for_count"
    case switchCost = "switch_cost"
    case startCost = "start_cost"
    case speedup
    case parallelism
    case wallTime = "wall_time"
    case throughput
    case lostUpdates = "lost_updates"
    /// How many can run at once ("数百万个协程").
    case capacity
}

/// The kind of work a claim speaks of, where it says: CPU-bound work, I/O
/// in general (files, waits), or the network (requests, downloads).
public enum ClaimWorkload: String, Codable, Sendable, CaseIterable {
    case cpu, io, network
}

/// How a claim found in a document was read: its subject, its quantity and
/// a count it states, each with the words it was read from.
public struct ClaimReading: Codable, Sendable, Equatable {
    public var subject: ClaimSubject?
    public var subjectWords: String?
    public var quantity: ClaimQuantity?
    public var quantityWords: String?
    public var count: Int?
    public var countWords: String?
    /// What the subject is compared with ("协程比线程快10倍": threads), where it is.
    public var comparedWith: ClaimSubject?
    /// The words that name it; none where the document names no other and
    /// pyvs took the usual one ("进程的启动开销较大": than a thread's).
    public var comparedWords: String?
    /// How long each task sleeps, where the code the claim speaks of says.
    public var sleepSeconds: Double?
    public var sleepWords: String?
    /// The work it speaks of ("I/O密集型任务", "CPU-bound"), where it says.
    public var workload: ClaimWorkload?
    public var workloadWords: String?

    enum CodingKeys: String, CodingKey {
        case subject, subjectWords = "subject_words", quantity, quantityWords = "quantity_words", count, countWords = "count_words"
        case comparedWith = "compared_with", comparedWords = "compared_words", sleepSeconds = "sleep_s", sleepWords = "sleep_words"
        case workload, workloadWords = "workload_words"
    }

    public init(subject: ClaimSubject? = nil, subjectWords: String? = nil, quantity: ClaimQuantity? = nil, quantityWords: String? = nil,
                count: Int? = nil, countWords: String? = nil) {
        self.subject = subject; self.subjectWords = subjectWords; self.quantity = quantity; self.quantityWords = quantityWords
        self.count = count; self.countWords = countWords
    }
}

/// What a kind of claim's experiment takes from the claim's own text.
public enum ClaimRequirement: String, Codable, Sendable {
    /// How many tasks ("10000个协程").
    case count
    /// How long each sleeps ("asyncio.sleep(0.1)").
    case sleep
}

/// Why a claim found in a document is not judged.
public enum Unjudged: Codable, Sendable, Equatable {
    /// It is about another runtime, which no scenario measures yet.
    case otherRuntime(String)
    /// It is about a system pyvs does not run (a web server's throughput, a database).
    case thirdParty(words: String)
    /// No subject pyvs knows was read.
    case noSubject
    /// No quantity pyvs measures was read.
    case noQuantity
    /// It states a quality in words ("Heavy", "High"), no figure or bound to judge.
    case noFigure
    /// No scenario measures this quantity of this subject.
    case noScenario(subject: ClaimSubject, quantity: ClaimQuantity)
    /// A ratio between two subjects ("进程的内存比线程多") that no one scenario measures both of.
    case comparison(ClaimSubject, with: ClaimSubject)
    /// The experiment needs a figure the document does not state (how many tasks, how long each sleeps).
    case unstated(ClaimRequirement)
    /// The line model takes the line for a claim (with this likelihood), but
    /// no bound was read from its words.
    case notRead(likelihood: Double)

    enum CodingKeys: String, CodingKey {
        case otherRuntime = "other_runtime", thirdParty = "third_party", noSubject = "no_subject", noQuantity = "no_quantity", noFigure = "no_figure"
        case noScenario = "no_scenario", comparison, unstated, notRead = "not_read"
    }
    enum UnstatedCodingKeys: String, CodingKey { case _0 = "needs" }
    enum ComparisonCodingKeys: String, CodingKey { case _0 = "subject", with }
    enum OtherRuntimeCodingKeys: String, CodingKey { case _0 = "runtime" }
}

/// A statement found in a document that is not judged, and why.
public struct UnjudgedClaim: Codable, Sendable {
    public var quote: String
    public var document: String
    public var line: Int
    public var stated: StatedValue
    public var reading: ClaimReading
    public var why: Unjudged
    /// For a line no pattern read (`notRead`): the experiment its words
    /// suggest, which would judge it once its bound is written in.
    public var measure: ClaimMeasure?

    enum CodingKeys: String, CodingKey { case quote, document, line, stated, reading = "read_as", why, measure }

    public init(quote: String, document: String, line: Int, stated: StatedValue, reading: ClaimReading, why: Unjudged,
                measure: ClaimMeasure? = nil) {
        self.quote = quote; self.document = document; self.line = line; self.stated = stated; self.reading = reading; self.why = why
        self.measure = measure
    }
}

/// Why a claim is not judged is also what mapping it returns (`Result<_, Unjudged>`).
extension Unjudged: Error {}
