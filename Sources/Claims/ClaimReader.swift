import Contract
import Foundation

/// How a statement found in a document is read: who it is about (a
/// table's row or column, else the subject named last before the value in
/// its sentence, its clause, its line, else the lines above; see
/// ClaimReader+Subjects), what it states of them (from its unit and the
/// words beside it), the work it speaks of, and a count it gives
/// ("10000个协程", "1万任务", "a million tasks"), each with its words.
public enum ClaimReader {
    static let perUnit = #"每个|每一个|单个|一个|\bper\b|\beach\b|a single|\b(?:an?|one) (?:coroutine|thread|process|task|goroutine)\b"#
    static let switching = #"切换|switch|context"#
    /// A thread named in the words a lock or the GIL bounds ("只允许一个线程", "only one thread").
    static let threadWords = #"线程|\bthreads?\b"#
    static let starting = #"创建|启动|\bstart\w*|creat\w*|\bspawn\w*|\bfork\w*|launch\w*"#
    /// The work a claim speaks of: the network, other I/O, or CPU-bound work.
    static let workloads: [(workload: ClaimWorkload, pattern: String)] = [
        // No \b before a name: between a Chinese character and a Latin letter there is no word boundary ("在CPU").
        (.network, #"网络\s*i\s*/?\s*o|network\s+i\s*/\s*o|网络请求|网络|爬取|爬虫|下载|(?<![a-z])network(?![a-z])|(?<![a-z])https?(?![a-z])|web (?:requests?|scraping|crawl\w*)|requests\.get|aiohttp|urllib|(?<![a-z])download|(?<![a-z])fetch|(?<![a-z])urls?(?![a-z])|api calls?|(?<![a-z])sockets?(?![a-z])"#),
        (.io, #"cpu is (?:mostly |often |largely )?(?:\W)?(?:waiting|idle)|CPU\s*(?:不繁忙|空闲|闲置|不忙)|i\s*/\s*o|(?<![a-z])io(?![a-z])|文件读写|读写文件|磁盘|file (?:reads?|writes?|reading|writing)|(?<![a-z])delays?(?![a-z])|asyncio\.sleep|time\.sleep"#),
        (.cpu, #"(?<![a-z])cpu|计算密集|compute[- ]bound|计算型|number crunching|heavy computation|大量(?:的)?计算|计算量大|(?<![a-z])computations?(?:[- ](?:heavy|intensive))?(?![a-z])|\bcrunching\b|computationally[- ](?:bound|intensive|heavy)"#),
    ]
    static let thirdParty = #"\bqps\b|requests? per second|\breq/s|\brps\b|nginx|web server|数据库|database|redis|django|flask|fastapi|gunicorn|uvicorn|numpy|scipy"#

    /// A count of things: "10000个协程", "1万任务", "10,000 threads", "1M tasks", "a million coroutines".
    static let counted = #"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(亿|百万|万|千|[kK]\b|M\b|million|thousand)?\s*(?:个(?!\s*(?:核|CPU|小时|月|字节))\s*(?:并发的?)?(?:协程|线程|进程|任务|连接)?|(?:并发的?|concurrent\s+)?(?:[A-Za-z][\w.+#-]*\s+)?(?:协程|线程|进程|任务|连接|goroutines?|tasks?|threads?|coroutines?|processes|connections?))"#
    static let millionWords = #"(?:a|one)\s+million\s+(?:concurrent\s+)?(?:[A-Za-z][\w.+#-]*\s+)?(?:tasks?|coroutines?|threads?|goroutines?|connections?)|百万(?:个|级)?(?:并发)?(?:协程|任务|连接)"#

    public static func read(_ candidate: ClaimScanner.Candidate) -> ClaimReading {
        var reading = ClaimReading()
        let line = candidate.text
        // A table's row label names its subject ("Python多线程"), else its column's header ("| 进程 | 线程 |");
        // on a line, the subject named last before the value ("A比B快": A), else in the lines above, else after it.
        // A comment on code speaks of its own block: the lines above it there.
        let code = candidate.words != nil && candidate.row == nil
        let before = code ? Array(candidate.before.reversed().prefix { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }.reversed())
                          : candidate.before
        let value = occurrence(candidate.occurrence, of: candidate.stated.text, in: line)
        let at = value?.lowerBound ?? line.endIndex
        let clause = self.clause(of: candidate)
        // Where on the line the clause is (its first occurrence), looked up once for all below.
        let clauseRange = line.range(of: clause)
        let onLine = mentions(in: line)
        var earlier = onLine.filter { $0.range.lowerBound < at && !$0.compared }
        // The other of a comparison is named in the value's own clause, not in a later sentence.
        let clauseEnd = clauseRange?.upperBound ?? line.endIndex
        // A comparison in the value's own clause: "A比B快10倍" or "A are 10x faster than B" is about A, against B.
        if comparing(Substring(clause)) {
            if earlier.count >= 2, comparing(line[earlier[earlier.count - 2].range.upperBound..<earlier[earlier.count - 1].range.lowerBound]) {
                let other = earlier.removeLast()
                (reading.comparedWith, reading.comparedWords) = (other.subject, other.words)
            } else if let first = earlier.last,
                      let other = onLine.first(where: { $0.range.lowerBound > first.range.upperBound && $0.range.upperBound <= clauseEnd
                          && comparing(line[first.range.upperBound..<$0.range.lowerBound]) }) {
                (reading.comparedWith, reading.comparedWords) = (other.subject, other.words)
            }
        }
        // A matrix cell ranked against another column is compared with that column's subject.
        if let versus = candidate.versus, let other = mentions(in: versus).first { (reading.comparedWith, reading.comparedWords) = (other.subject, other.words) }
        // A lock named as the cure ("requires … locks to avoid race conditions") is not what loses updates.
        let bounding = ClaimScanner.quantity(ofBound: candidate.stated.text)
        let lostOne = bounding == .lostUpdates && (candidate.stated.min ?? 0) >= 1
        if lostOne { earlier.removeAll { $0.subject == .lock } }
        // A GIL named before "能够利用多核" is the one escaped ("避免了GIL的限制"), not what runs in parallel
        // or speeds work up ("This bypasses the GIL entirely, making it ideal for CPU-bound tasks").
        if let bounding, [.parallelism, .speedup].contains(bounding), (candidate.stated.min ?? 0) >= (bounding == .speedup ? 1.1 : 1.5) {
            earlier.removeAll { $0.subject == .gil }
        }
        // "compared to threads, which require 1 MB": a relative clause speaks of the name just before it.
        let relative = clause.range(of: #"^\s*(?:which|who|that)\s"#, options: [.regularExpression, .caseInsensitive]) != nil
            ? onLine.last { $0.range.upperBound <= (clauseRange?.lowerBound ?? line.startIndex) } : nil
        // A row about the GIL or locks ("| GIL Impact |") in a matrix whose columns are the subjects is an attribute of each column's.
        let rowNamed = candidate.row.flatMap { mentions(in: $0).first }
        let columnNamed = candidate.column.flatMap { mentions(in: $0).first }
        let attribute = [.gil, .lock].contains(rowNamed?.subject) && columnNamed.map { ![.gil, .lock].contains($0.subject) } == true
        // The sentence first: "If one thread crashes, the whole process might crash. You also have to worry
        // about race conditions where two threads …" speaks of threads, not of the process before its full stop.
        let head = sentence(before: at, in: line)
        let sentenceStart = line.index(at, offsetBy: -head.count)
        // "Use asyncio when", "CPU-bound work needs processes": what it says to use. Words that state no figure may name their own subject ("If one process crashes").
        // "I/O 密集 → 多线程", "CPU 用 multiprocessing": the work, then the subject it names after the value.
        // "只影响线程不影响进程": what the GIL affects, or does not, is named in the words.
        let told = candidate.stated.text.range(of: #"^(?:use|needs?)\s|^(?:只|并|也)?(?:不(?:会)?)?影响(?:多)?[线进]程"#,
                                               options: [.regularExpression, .caseInsensitive]) != nil
            ? mentions(in: candidate.stated.text).first
            : candidate.stated.text.range(of: #"(?:→|->|=>|用|from using|benefits? (?:\w+ )?from)\s*$"#, options: .regularExpression) != nil
            ? onLine.first { $0.range.lowerBound >= (value?.upperBound ?? line.endIndex) } : nil
        // A bound's own words may name its subject too ("伪多线程"), but not by the GIL or a lock it speaks of ("bypass the GIL").
        let figureless = candidate.stated.min == nil && candidate.stated.max == nil
        // A lock that opens the words is what they speak of ("Lock prevents this"); the GIL that opens them
        // yields to what else they name ("GIL并不影响多进程": processes).
        let namedInWords = mentions(in: candidate.stated.text).filter { named in
            figureless || ![.gil, .lock].contains(named.subject)
                || candidate.stated.text[..<named.range.lowerBound].allSatisfy { "*_` ".contains($0) }
        }
        let ownWords = namedInWords.first { $0.subject != .gil } ?? namedInWords.first
        // A cost its subject is without names the other ("没有线程切换的开销": a coroutine's switch, against a thread's),
        // and so does every naming of that other on the line: the subject is named apart ("协程…因为…不是线程切换").
        let absent = figureless && bounding == nil
            && candidate.stated.text.range(of: #"^(?:没有|无需|\bno\s|\bwithout\s)"#, options: [.regularExpression, .caseInsensitive]) != nil
            ? ownWords : nil
        if let absent {
            earlier.removeAll { $0.subject == absent.subject }
            (reading.comparedWith, reading.comparedWords) = (absent.subject, absent.words)
        }
        let inClause = mentions(in: clause.replacingOccurrences(of: candidate.stated.text, with: " ")).first {
            !$0.compared && !(lostOne && $0.subject == .lock) && $0.subject != absent?.subject
        }
        let inTable = (attribute ? columnNamed : rowNamed) ?? columnNamed
        // The value's own sentence, then its own words, before a sentence that ended ("… can occur. A Lock prevents this").
        // A subject named for a kind of work is the subject ("multiprocessing for CPU" after "asyncio for I/O and").
        let opening = figureless || ClaimScanner.suitedFor(in: candidate.stated.text).isEmpty ? nil : ownWords
        // A lock that opens the words that say none is lost is what keeps them ("加锁保护后结果正确").
        let keeping = bounding == .lostUpdates && candidate.stated.max == 0 ? namedInWords.first { named in
            named.subject == .lock && candidate.stated.text[..<named.range.lowerBound].allSatisfy { "*_` ".contains($0) }
        } : nil
        let onItsLine = relative ?? told ?? opening ?? keeping ?? earlier.last { $0.range.lowerBound >= sentenceStart } ?? inClause
            ?? (absent == nil ? ownWords : nil)
            ?? earlier.last
        let named = inTable ?? onItsLine
            ?? candidate.listed.flatMap { mentions(in: $0).first }
            ?? above(before, listItem: line.range(of: listItem, options: .regularExpression) != nil)
            ?? onLine.first
        if let named { (reading.subject, reading.subjectWords) = (named.subject, named.words) }
        // A subject told above, set against one its clause names ("Fast switching compared to process switching").
        if reading.comparedWith == nil, let subject = reading.subject, let clauseRange,
           let other = onLine.first(where: { $0.subject != subject && clauseRange.contains($0.range.lowerBound)
               && comparing(line[..<$0.range.lowerBound].suffix(16)) }) {
            (reading.comparedWith, reading.comparedWords) = (other.subject, other.words)
        }
        // What the line says in words: on a line of code, its comment.
        let spoken = candidate.words ?? line
        let context = [spoken, candidate.column ?? ""].joined(separator: " ")
        // Else the work its sentence names last before it ("如果是IO密集型，多线程…，提升效率"), then any the line names.
        // In the clause, the work named last before the value ("does not use CPU cores but handles I/O tasks concurrently"),
        // else the first it names.
        let beforeValue: String = {
            guard candidate.row == nil, let range = clauseRange, range.lowerBound <= at, at <= range.upperBound else { return "" }
            return String(line[range.lowerBound..<at])
        }()
        // A sentence framed by its work ("For CPU-bound tasks that … are not impacted by I/O, threads …") speaks of that work.
        let sentenceWork = candidate.row == nil ? framedWorkload(in: head) ?? lastWorkload(in: head) : nil
        // A subject named for a kind of work is named for that work ("asyncio for I/O and multiprocessing for CPU").
        let ownWork = opening == nil ? nil : workload(in: [candidate.stated.text])
        if let (workload, words) = ownWork ?? lastWorkload(in: beforeValue) ?? workload(in: [clause]) ?? sentenceWork
            ?? workload(in: [spoken, candidate.row ?? "", candidate.column ?? "", line])
            // Else the work of its section ("### 1. I/O-BOUND TASKS" over "| ThreadPoolExecutor | 3.33x |").
            ?? sectionWorkload(candidate.headings) {
            (reading.workload, reading.workloadWords) = (workload, words)
        }
        // "Total time = max, not sum" holds only of tasks that wait.
        if reading.workload == nil, candidate.stated.text.range(of: #"max|longest|最长|最慢"#, options: [.regularExpression, .caseInsensitive]) != nil {
            (reading.workload, reading.workloadWords) = (.io, candidate.stated.text)
        }
        // A comment on I/O in code speaks of that code: requests it makes above are network I/O ("多线程IO时间 … # 预期~0.2秒").
        if code, reading.workload == .io, let network = workloads.first(where: { $0.workload == .network }),
           let words = first(network.pattern, in: before.joined(separator: "\n")) {
            (reading.workload, reading.workloadWords) = (.network, words)
        }
        // "per" belongs to the value's clause.
        if let (count, words) = count(in: context, besides: candidate.stated.text) { (reading.count, reading.countWords) = (count, words) }
        let stated = candidate.stated
        switch stated.unit.quantity {
        case .bytes:
            if let words = first(perUnit, in: clause) {
                (reading.quantity, reading.quantityWords) = (.memoryPerUnit, words)
            } else if reading.count != nil {
                (reading.quantity, reading.quantityWords) = (.memoryForCount, stated.text)
            } else {
                (reading.quantity, reading.quantityWords) = (.memoryPerUnit, stated.text)
            }
        case .seconds:
            // A total or a cost under a heading that names the switch ("### Context Switch Cost" … "Cost: ~200 ns").
            let heading = first(#"\bcost|开销|总计|total"#, in: line) == nil ? nil
                : before.suffix(6).reversed().lazy.compactMap { first(switching, in: $0) }.first
            if let words = first(switching, in: context) ?? heading {
                (reading.quantity, reading.quantityWords) = (.switchCost, words)
            } else if let words = first(starting, in: context) {
                (reading.quantity, reading.quantityWords) = (.startCost, words)
            } else {
                (reading.quantity, reading.quantityWords) = (.wallTime, stated.text)
            }
        case .ratio where stated.min == nil && stated.max == nil:
            break  // a quality in words states its quantity by its label, if at all
        case .ratio:
            // A bound in words says which ("受GIL限制" bounds a parallelism); a figure is a speedup.
            let bound = ClaimScanner.quantity(ofBound: stated.text)
            (reading.quantity, reading.quantityWords) = (bound == .parallelism ? .parallelism : .speedup, stated.text)
            // "Coroutines are 10-100x faster to switch than threads", "Spawning threads is faster than spawning
            // processes": a ratio of two costs. In a table the row's label may name the cost ("| 创建速度 | … | 比进程快 10 ~ 100 倍 |").
            if reading.comparedWith != nil, bound == nil || bound == .speedup {
                let named = [clause, candidate.row ?? ""]
                if let words = named.lazy.compactMap({ first(switching, in: $0) }).first {
                    (reading.quantity, reading.quantityWords) = (.switchCost, words)
                } else if let words = named.lazy.compactMap({ first(starting, in: $0) }).first {
                    (reading.quantity, reading.quantityWords) = (.startCost, words)
                }
            }
            // "100-1000x more memory efficient" is no speedup: a ratio of something pyvs does not read.
            if candidate.quantity == nil, stated.text.contains(where: \.isNumber),
               first(#"memory|内存|efficien|scal|cheaper|lighter"#, in: clause) != nil { reading.quantity = nil }
            // "100% CPU usage" is a utilisation, and "sharing data … is slower" the speed of talking, not of the work.
            if candidate.quantity == nil,
               first(#"cpu (?:usage|utili[sz]ation)|(?:使用|利用|占用)率|shar(?:e|ing) data|communicat|通信|\bipc\b|数据传递"#, in: clause) != nil {
                (reading.quantity, reading.quantityWords) = (nil, nil)
            }
        case .count:
            if let words = first(#"per second|req/s|rps|qps|/秒"#, in: stated.text) {
                (reading.quantity, reading.quantityWords) = (.throughput, words)
            } else {
                let bound = ClaimScanner.quantity(ofBound: stated.text)
                (reading.quantity, reading.quantityWords) = (bound == .lostUpdates ? .lostUpdates : .capacity, stated.text)
            }
        default:
            break
        }
        // How long each task sleeps, where the code above says ("await asyncio.sleep(0.1)").
        if reading.quantity == .wallTime, let sleep = (before + [line]).reversed().lazy.compactMap({ first(#"sleep\(\s*\d+(?:\.\d+)?\s*\)"#, in: $0) }).first,
           let seconds = Double(sleep.filter { $0.isNumber || $0 == "." }) {
            (reading.sleepSeconds, reading.sleepWords) = (seconds, sleep)
        }
        // "GIL只允许一个线程执行", "a lock that allows only one thread at a time": the lock bounds the threads' parallelism.
        if reading.quantity == .parallelism, [.gil, .lock].contains(reading.subject),
           let thread = first(threadWords, in: stated.text) ?? first(threadWords, in: clause) {
            (reading.subject, reading.subjectWords) = (.thread, thread)
        }
        // A claim stated in words says its quantity by its label ("Switching Cost: High").
        if let labelled = candidate.quantity { (reading.quantity, reading.quantityWords) = (labelled, candidate.row ?? candidate.stated.text) }
        // A wall time of the code above: its loop says how many ("for _ in range(1000)").
        if reading.quantity == .wallTime, reading.count == nil,
           let loop = before.reversed().lazy.compactMap({ first(#"range\(\s*\d[\d_]*\s*\)"#, in: $0) }).first,
           let count = Int(loop.filter(\.isNumber)), count >= 2 {
            (reading.count, reading.countWords) = (count, loop)
        }
        // A count belongs to the claims that state one: memory for N, N at once, N in some time.
        if ![.memoryForCount, .wallTime, .capacity].contains(reading.quantity) { (reading.count, reading.countWords) = (nil, nil) }
        return reading
    }

    /// The work the first of `texts` that names one speaks of: the one named first there.
    static func workload(in texts: [String]) -> (ClaimWorkload, String)? {
        for text in texts {
            if let first = namedWork(in: text).min(by: { $0.1.lowerBound < $1.1.lowerBound }) { return (first.0, String(text[first.1])) }
        }
        return nil
    }

    /// The work of the nearest heading that names one kind of work: the network's, or other I/O's,
    /// or CPU's. A heading that names both I/O and CPU ("## GIL 与 IO/CPU 场景选择") leaves it open.
    static func sectionWorkload(_ headings: [String]) -> (ClaimWorkload, String)? {
        for heading in headings {
            let named = namedWork(in: heading)
            guard let first = named.first else { continue }
            return named.contains { $0.0 == .cpu } && named.contains { $0.0 != .cpu } ? nil : (first.0, String(heading[first.1]))
        }
        return nil
    }

    /// The work `text` names last ("CPU密集型…；如果是IO密集型…").
    static func lastWorkload(in text: String) -> (ClaimWorkload, String)? {
        // The one that ends last; of two that end together ("网络io"), the longer names it.
        let last = namedWork(in: text).max { ($0.1.upperBound, $1.1.lowerBound) < ($1.1.upperBound, $0.1.lowerBound) }
        return last.map { ($0.0, String(text[$0.1])) }
    }

    /// The work a sentence is framed by: the first named right after "for", "对于", "针对".
    static func framedWorkload(in text: String) -> (ClaimWorkload, String)? {
        namedWork(in: text).sorted { $0.1.lowerBound < $1.1.lowerBound }.first { _, range in
            text[..<range.lowerBound].suffix(14).range(of: #"(?:\bfor|对于|针对)\s*(?:the\s+)?$"#, options: [.regularExpression, .caseInsensitive]) != nil
        }.map { ($0.0, String(text[$0.1])) }
    }

    /// Every naming of work in `text`, the network's first, then other I/O's, then CPU's.
    /// The network in a simulation ("Network I/O Simulation", "模拟网络请求") is a wait
    /// that stands in for it: I/O, which the sleep rows measure.
    static func namedWork(in text: String) -> [(ClaimWorkload, Range<String.Index>)] {
        let simulated = text.range(of: simulation, options: [.regularExpression, .caseInsensitive]) != nil
        return workloads.flatMap { entry in
            ClaimScanner.ranges(of: entry.pattern, in: text).map { (simulated && entry.workload == .network ? .io : entry.workload, $0) }
        }
    }

    /// Words that say the work is stood in for: "simulated requests", "Web Scraping Simulation", "模拟网络请求".
    static let simulation = #"\bsimulat(?:e|es|ed|ing|ion)\b|\bmock(?:ed)?\b|\bfake\b|模拟"#

    /// The sentence of `line` up to `index`: from the last full stop or semicolon before it.
    static func sentence(before index: String.Index, in line: String) -> String {
        let head = line[..<index]
        let stop = head.indices.last { at in
            "。；;!！?？".contains(head[at]) || (head[at] == "." && head.index(after: at) < head.endIndex && head[head.index(after: at)] == " ")
        }
        return String(stop.map { head[head.index(after: $0)...] } ?? head)
    }

    /// The sentence of `text` that holds `range`: from the full stop or semicolon before it to the one after.
    static func sentence(around range: Range<String.Index>?, in text: String) -> String {
        guard let range else { return text }
        let tail = text[range.upperBound...]
        let stop = tail.indices.first { at in
            "。；;!！?？".contains(tail[at]) || (tail[at] == "." && (tail.index(after: at) == tail.endIndex || tail[tail.index(after: at)] == " "))
        }
        return sentence(before: range.lowerBound, in: text) + String(text[range.lowerBound..<(stop ?? text.endIndex)])
    }

    /// The clause a candidate states its value in: around the value's own
    /// occurrence on its line, or in a table, in the value's cell.
    static func clause(of candidate: ClaimScanner.Candidate) -> String {
        if candidate.row == nil {
            return clause(around: occurrence(candidate.occurrence, of: candidate.stated.text, in: candidate.text), in: candidate.text)
        }
        return clause(of: candidate.stated.text, in: candidate.words ?? candidate.text)
    }

    /// The clause of `line` that holds `words`: from the punctuation before it to the one after.
    static func clause(of words: String, in line: String) -> String {
        clause(around: line.range(of: words), in: line)
    }

    /// Where `words` occur in `text` the `index`-th time (0: the first).
    static func occurrence(_ index: Int, of words: String, in text: String) -> Range<String.Index>? {
        var from = text.startIndex
        var found: Range<String.Index>?
        for _ in 0...index {
            guard !words.isEmpty, let next = text.range(of: words, range: from..<text.endIndex) else { return found }
            found = next
            from = next.upperBound
        }
        return found
    }

    /// The clause of `line` around `range`.
    static func clause(around range: Range<String.Index>?, in line: String) -> String {
        guard let range else { return line }
        let stops = CharacterSet(charactersIn: ",;.:!?，；。：！？()（）")
        let start = line[..<range.lowerBound].lastIndex { $0.unicodeScalars.allSatisfy(stops.contains) }.map { line.index(after: $0) } ?? line.startIndex
        let end = line[range.upperBound...].firstIndex { $0.unicodeScalars.allSatisfy(stops.contains) } ?? line.endIndex
        return String(line[start..<end])
    }

    /// The words of `pattern`'s first match in `text`.
    static func first(_ pattern: String, in text: String) -> String? {
        text.range(of: pattern, options: [.regularExpression, .caseInsensitive]).map { String(text[$0]) }
    }

    /// A count the text gives of tasks, threads, processes or coroutines,
    /// other than the stated value itself.
    static func count(in text: String, besides stated: String) -> (Int, String)? {
        // Not the stated value itself ("数百万个协程" states how many).
        let value = stated.isEmpty ? nil : text.range(of: stated)
        func isValue(_ range: Range<String.Index>) -> Bool { value.map { $0.overlaps(range) } ?? false }
        if let range = text.range(of: millionWords, options: [.regularExpression, .caseInsensitive]), !isValue(range) {
            return (1_000_000, String(text[range]))
        }
        guard let expression = try? NSRegularExpression(pattern: counted, options: .caseInsensitive) else { return nil }
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let whole = Range(match.range, in: text), let digits = Range(match.range(at: 1), in: text) else { continue }
            let words = String(text[whole])
            if isValue(whole) { continue }
            guard var value = Double(text[digits].replacingOccurrences(of: ",", with: "")) else { continue }
            if let scale = Range(match.range(at: 2), in: text) {
                switch text[scale].lowercased() {
                case "亿": value *= 1e8
                case "百万", "m", "million": value *= 1e6
                case "万": value *= 1e4
                case "千", "k", "thousand": value *= 1e3
                default: break
                }
            }
            guard value >= 2, value <= 1e9 else { continue }
            return (Int(value), words)
        }
        return nil
    }
}
