import Console
import Contract

/// The words of how pyvs read a claim it found in a document, and of why
/// one is not judged, made here once.
public enum ReadingWords {
    public static func subject(_ subject: ClaimSubject) -> String {
        switch subject {
        case .process: return "process"
        case .thread: return "thread"
        case .coroutine: return "coroutine"
        case .pool: return "process pool"
        case .lock: return "lock"
        case .gil: return "GIL"
        case .subinterpreter: return "subinterpreter"
        case .goroutine: return "goroutine"
        case .javaThread: return "Java thread"
        case .javaVirtualThread: return "Java virtual thread"
        case .rustTask: return "Rust task"
        case .nodeAsync: return "Node.js task"
        case .cppThread: return "C++ thread"
        case .dotnetTask: return ".NET task"
        }
    }

    /// "processes", "threads", "Java virtual threads".
    static func plural(_ subject: ClaimSubject) -> String { self.subject(subject) + (subject == .process ? "es" : "s") }

    /// "memory per coroutine", "speedup of threads", "memory for 10000 coroutines".
    public static func quantity(_ quantity: ClaimQuantity, of subject: ClaimSubject?, count: Int?) -> String {
        let one = subject.map(self.subject) ?? "unit"
        let many = subject == .gil ? "threads under the GIL" : subject.map(plural) ?? "them"
        switch quantity {
        case .memoryPerUnit: return "memory per \(one)"
        case .memoryForCount: return "memory for \(count.map(Format.count) ?? "N") \(many)"
        case .switchCost: return "\(one) switch cost"
        case .startCost: return "\(one) start cost"
        case .speedup: return "speedup of \(many)"
        case .parallelism: return "parallelism of \(many)"
        case .wallTime: return "wall time of \(many)"
        case .throughput: return "throughput of \(many)"
        case .lostUpdates: return "updates lost by \(many)"
        case .capacity: return "how many \(many) can run at once"
        }
    }

    /// "memory per coroutine ("每个协程"): massive py.asyncio, resident_per_task_bytes, tasks 100000".
    public static func readAs(_ reading: ClaimReading, measure: ClaimMeasure?) -> String {
        var what = reading.quantity.map { quantity($0, of: reading.subject, count: reading.count) }
            ?? reading.subject.map { "about \(subject($0))" } ?? "no subject or quantity"
        if let workload = reading.workload { what += " on " + self.workload(workload) }
        if let other = reading.comparedWith, measure?.against != nil {
            what += " against a \(subject(other))'s"
        }
        var words: [String] = []
        for said in [reading.subjectWords, reading.quantityWords, reading.countWords, reading.workloadWords, reading.comparedWords].compactMap({ $0 })
            where !words.contains(said) {
            words.append(said)
        }
        var line = what + (words.isEmpty ? "" : " (\(words.map { "“\($0)”" }.joined(separator: ", ")))")
        if let measure {
            let params = (measure.params ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            line += ": \(measure.scenario) \(measure.variant), \(measure.metric)" + (measure.times.map { " × \($0)" } ?? "")
                + (params.isEmpty ? "" : ", " + params.joined(separator: ", "))
            if let against = measure.against {
                let theirs = (against.params ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                line += ", over \(against.variant)'s" + (theirs.isEmpty ? "" : " at " + theirs.joined(separator: ", "))
                if reading.comparedWords == nil, let other = reading.comparedWith {
                    line += " (the document names no other: a \(subject(other))'s is the usual comparison)"
                }
            }
        }
        return line
    }

    /// "CPU-bound work", "I/O", "network requests".
    public static func workload(_ workload: ClaimWorkload) -> String {
        switch workload {
        case .cpu: return "CPU-bound work"
        case .io: return "I/O"
        case .network: return "network requests"
        }
    }

    public static func why(_ reason: Unjudged) -> String {
        switch reason {
        case .otherRuntime(let runtime): return "about \(runtime): no \(runtime) row measures this yet"
        case .thirdParty(let words): return "about a system pyvs does not run (“\(words)”)"
        case .noSubject: return "no subject pyvs knows (process, thread, coroutine, pool, lock, GIL) was read"
        case .noQuantity: return "no quantity pyvs measures was read"
        case .noFigure: return "it states a quality in words, no figure or bound to measure against"
        case let .noScenario(subject, quantity):
            return "no scenario measures the \(self.quantity(quantity, of: subject, count: nil)) yet"
        case .unstated(let requirement):
            return "the document does not say \(requirement == .count ? "how many tasks" : "how long each sleeps"), which the experiment needs"
        case let .comparison(subject, other):
            return "compares \(plural(subject)) with \(plural(other)): no scenario measures both yet"
        case .notRead(let likelihood):
            return "pyvs's line model takes it for a claim (\(Int((likelihood * 100).rounded())) % likely), "
                + "but no bound was read from its words"
        }
    }

    /// Why a statement is not judged, and for a line no pattern read the experiment its words suggest.
    public static func notJudged(_ found: UnjudgedClaim) -> String {
        why(found.why) + (found.measure.map {
            "; its words point to \($0.scenario) \($0.variant), \($0.metric): write its bound into a claims file to judge it"
        } ?? "")
    }

    /// The words an unjudged statement is shown by: its stated words, or the
    /// start of its line where none were read.
    public static func shown(_ found: UnjudgedClaim) -> String {
        found.stated.text.isEmpty ? Format.truncated(found.quote.trimmingCharacters(in: .whitespaces), to: 48) : found.stated.text
    }

    /// `pyvs claims --scan`: what was found, how each was read, and which are judged.
    public static func scanLines(_ file: ClaimsFile, document: String) -> [String] {
        let unjudged = file.unjudged ?? []
        let lines = Set(file.claims.compactMap(\.line) + unjudged.map(\.line)).count
        var out = ["\(document): \(file.claims.count + unjudged.count) statements about concurrency on \(lines) lines; "
            + "\(file.claims.count) judged by a scenario, \(unjudged.count) not (--format json writes them as a claims file for --file)"]
        let rows = file.claims.map { claim in
            (claim.line ?? 0, "  line \(claim.line ?? 0): \(claim.stated.text) — read as "
                + (claim.reading.map { readAs($0, measure: claim.measure) } ?? "\(claim.measure.scenario) \(claim.measure.variant)"))
        } + unjudged.map { found in
            (found.line, "  line \(found.line): \(shown(found)) — not judged: \(notJudged(found))")
        }
        out += rows.sorted { $0.0 < $1.0 }.map(\.1)
        return out
    }
}
