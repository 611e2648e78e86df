import Contract
import Foundation
import Markdown

/// Claims read by their frame rather than by their wording: a subject, the
/// work it is set to, and a word that says which way it goes there, in one
/// sentence. "CPU密集型任务应尽可能用多进程完成并行，而IO密集型任务则应尽量使用多线程",
/// "threads still help I/O-bound work; CPU-bound work needs processes",
/// "CPU密集（如计算）→ 进程", "2. CPU-heavy processing? **multiprocessing**":
/// whatever else a document says, these three make a claim a scenario
/// measures. The subject speeds the work up (at least 1.1×) or does not (at
/// most 1.1×); where the words speak of parallelism ("并行", "multiple
/// cores", "串行") it runs the work in parallel (at least 1.5) or not (at
/// most 1.15).
enum ClaimFrames {
    /// Words that say a subject is the one to use, besides those that say it is faster
    /// (`ClaimSuggestion.fasterWords`): "用多进程", "use threads", "→ 进程", "needs processes".
    /// They lean only where a subject is what they take ("use `threading`", not "use the CPU").
    static let useWords = #"使用|采用|选用|选择|(?<![作功费信利应])用(?!户)|→|->|=>|\buse[sd]?\b|\busing\b|\bneeds?\b|\brequires?\b|\bchoose\b|\bgo with\b|\bopt for\b"#

    /// What may stand between words of use and the subject they take: marks, an article.
    static let taken = #"^[\s*_`"'“”「」]*(?:(?:the|a|an|python(?:'s)?)\s+[*_`]*)?$"#

    /// Words that lean up wherever the subject is: "合适", "最优", "appropriate".
    static let suitWords = #"合适|最优|最佳|首选|更好|\bappropriate\b|\bgains?\b|\beffective\b|\befficient\b|\bwins?\b|\bexcellent(?:ly)?\b|\bfine for\b|明智|应用于|适用于|用于(?=\s*(?:I\s*/?\s*O|IO|CPU|计算|网络))|\b(?:good|great|wise|smart|right) (?:choice|option|fit)\b|\b(?:very )?fast\b|(?<!\bas )\bwell\b(?! as\b)"#

    /// A sentence that shows or sorts rather than claims: "以下是一个使用`threading`模块实现多线程的示例",
    /// "面试中要区分 CPython、线程并发、CPU 并行和 I/O 并发".
    static let example = #"示例|例子|为例|举例|以下是|下面是|下面以|\bhere is an? \w*\s*example|\bthe following example|\bexample below|要区分|需要区分|\bdistinguish between|^\s*(?:方案|方法|方式|步骤|写法|版本|option|approach|solution|method|step|version)\s*[\d一二三四五六七八九十]*\s*[:：]"#

    /// A negation just before words that lean up turns them: "不适合", "do not help", "neither … nor … help".
    static let negation = #"(?:不|没有?|无法|不能|并非|非(?!常)|别|不要|避免|❌)\S{0,3}$|\b(?:not|never|no|neither|nor|less|avoid\w*|don'?t|doesn'?t|won'?t|cannot|can'?t)\b(?:\s+[\w-]+){0,3}\s*$"#

    /// Words that lean down with no negation: "鸡肋", "useless", "slower", "bottleneck".
    static let downWords = #"鸡肋|无用|\buseless\b|\bbad\b|\bpoor\w*|\bslow\w*|\bworse\b|瓶颈|\bbottleneck\w*|变慢|更慢|\boverkill\b"#

    /// Where a part of a sentence opens by setting its work against the one before: "and not I/O-bound tasks".
    static let contrary = #"^\s*(?:and|but|or)?\s*(?:not|rather than|instead of)\b|^\s*(?:而不是|而非|不是|并非|但不)"#

    /// A label that says what to choose, before a subject named alone: "选择1", "推荐", "Use", "Option 2".
    static let choice = #"^\s*(?:选择|选用|推荐|首选|建议|方案|use|choose|pick|option|recommended)\s*\d*\s*$"#

    /// Words that join a part to the one before: "或协程", "and threads".
    static let joined = #"^\s*(?:或者?|和|与|及|以及|\bor\b|\band\b|&|/)"#

    /// A part that gives examples of the work before it, not work of its own: "（如网络请求、文件读写）".
    static let aside = #"^\s*(?:如(?!果|何|此|今)|例如|比如|譬如|e\.\s?g\.?|\beg\b|for example|for instance|such as|\blike\b|including)"#

    /// The Python subjects a frame speaks of; the GIL and locks bound others, and other runtimes are not run by these rows.
    static let framed: Set<ClaimSubject> = [.thread, .process, .coroutine, .pool, .subinterpreter]

    /// A subject named as where something is or whose part it is ("共享进程内存空间", "在一个线程中",
    /// "线程切换的开销"), not as what does the work.
    static let owned = #"^(?:的)?(?:内存|空间|地址|切换|开销|上下文|数量|之间|间|中|里|内)"#

    /// Part of a sentence: its words, the subjects it names, its work, and which way its words lean.
    struct Part {
        var text: String
        var subjects: [(subject: ClaimSubject, words: String, at: String.Index)]
        var works: [(workload: ClaimWorkload, words: String, at: String.Index)]
        var lean: (up: Bool, parallel: Bool, words: String)?
        /// Where its leaning words are, and whether each is a word of use, which takes the subject after it.
        var hits: [(range: Range<String.Index>, using: Bool)] = []

        /// The subjects the part's lean is said of. Subjects joined by "或", "and", "、" go together; a word of use
        /// goes to the group it takes ("use `threading`"), any other to the nearest group before it, else after it.
        /// A group no leaning word goes to is not framed: "asyncio can use only a single thread to mimic multi-threading's
        /// behavior" says it of asyncio; "processes suit CPU-bound tasks and threads suit IO-bound tasks" of each.
        var framedSubjects: [(subject: ClaimSubject, words: String, at: String.Index)] {
            var groups: [[(subject: ClaimSubject, words: String, at: String.Index, end: String.Index)]] = []
            for named in subjects {
                let end = text.index(named.at, offsetBy: named.words.count, limitedBy: text.endIndex) ?? text.endIndex
                if let previous = groups.last?.last, previous.end <= named.at,
                   text[previous.end..<named.at].range(of: ClaimFrames.joiner, options: [.regularExpression, .caseInsensitive]) != nil {
                    groups[groups.count - 1].append((named.subject, named.words, named.at, end))
                } else {
                    groups.append([(named.subject, named.words, named.at, end)])
                }
            }
            guard groups.count > 1 else { return subjects }
            var taken = Set<Int>()
            for hit in hits {
                let chosen = hit.using ? groups.firstIndex { $0[0].at >= hit.range.upperBound }
                    : groups.lastIndex { $0[$0.count - 1].end <= hit.range.lowerBound } ?? groups.firstIndex { $0[0].at >= hit.range.upperBound }
                if let chosen { taken.insert(chosen) }
            }
            return groups.enumerated().filter { taken.contains($0.offset) }.flatMap { $0.element.map { ($0.subject, $0.words, $0.at) } }
        }
    }

    /// What joins two subjects into one group: "或", "和", "、", "or", "and", a comma.
    static let joiner = #"^[\s*_`'"“”]*(?:或者?|和|与|及|以及|\bor\b|\band\b|&|/|、|,|，)[\s*_`'"“”]*$"#

    /// Each statement a document laid out as `layout` makes by its frames, line by line, read where it was found.
    static func candidates(_ layout: DocumentLayout) -> [ClaimScanner.Candidate] {
        let (lines, program, fenced, sections) = (layout.lines, layout.program, layout.fenced, layout.sections)
        var found: [ClaimScanner.Candidate] = []
        var header: [String]?
        for (offset, whole) in layout.text {
            // Prose, or a program's comment, not other fenced text; in a table, each cell of a row, whose subject
            // its column's header names, else its row's label ("| 执行效率 | … | IO操作heavy的场景下，比多线程运行效率更高 |").
            guard let line = program.contains(offset + 1) ? ClaimScanner.comment(in: whole) : (fenced.contains(offset + 1) ? nil : whole),
                  !ClaimScanner.asks(line) else { header = nil; continue }
            var read: [(ClaimReading, StatedValue)] = []
            if let cells = ClaimScanner.tableCells(line) {
                guard let named = header else { header = cells; continue }
                guard !ClaimScanner.isSeparator(cells), let label = cells.first else { continue }
                for (column, cell) in zip(named, cells).dropFirst() where !cell.isEmpty {
                    // The cell's work, where it names none, is its row label's, or its column header's where that names no
                    // subject: "Poorly" under "Threading" on the row "Handles CPU-bound"; "适合" under "I/O 密集型任务".
                    let columnSubject = ClaimReader.mentions(in: column).first { framed.contains($0.subject) }
                    let subject = columnSubject ?? ClaimReader.mentions(in: label).first { framed.contains($0.subject) }
                    let context = ([label] + (columnSubject == nil ? [column] : [])).joined(separator: " ")
                    read += frames(in: cell, topic: subject.map { ($0.subject, $0.words) }, context: (subject != nil, context))
                }
            } else {
                header = nil
                // A line that names no subject speaks of its list's ("**Use threads when**:"), else of its heading's where
                // that names one ("## Threading" over "Best used for I/O-bound tasks.").
                let listed = line.range(of: ClaimReader.listItem, options: .regularExpression) == nil ? nil
                    : ClaimReader.listSubject(Array(lines[max(0, offset - 12)..<offset]), item: whole)
                let heading = sections[offset].first.flatMap { heading -> (subject: ClaimSubject, words: String, range: Range<String.Index>, compared: Bool)? in
                    let named = ClaimReader.mentions(in: heading).filter { !$0.compared && framed.contains($0.subject) }
                    return Set(named.map(\.subject)).count == 1 ? named.first : nil
                }
                // An item's work, where its sentence names none, is its list's ("- IO密集型" over "\t- 选择1：多协程 coroutine").
                // Not one that points back at the item before ("do not help this type of problem").
                let opener = line.range(of: ClaimReader.listItem, options: .regularExpression) == nil
                    || line.range(of: #"\bthis (?:type|kind|sort)\b|\bsuch (?:tasks|work|problems)\b|这类|这种|此类"#,
                                  options: [.regularExpression, .caseInsensitive]) != nil ? nil
                    : ClaimReader.listOpener(Array(lines[max(0, offset - 12)..<offset]), item: whole)
                read = frames(in: line, topic: (listed.flatMap { framed.contains($0.subject) ? $0 : nil } ?? heading).map { ($0.subject, $0.words) },
                              context: opener.map { (false, $0) })
            }
            for (reading, stated) in read {
                var candidate = ClaimSuggestion.candidate(line: offset + 1, text: whole.trimmingCharacters(in: .whitespaces), lines: lines,
                                                          headings: sections[offset], stated: stated, quantity: reading.quantity ?? .speedup)
                candidate.reading = reading
                if program.contains(offset + 1) { candidate.words = line }
                found.append(candidate)
            }
        }
        return found
    }

    /// The readings of `line`'s frames, each with the bound its words state: `told` the subject of its parts that name
    /// none (a table column's, a list's, a heading's), and `context` the words around it that name the work where its
    /// sentences name none (a table row's label, a list's opener), with whether they told the subject too (a column).
    static func frames(in line: String, topic told: (subject: ClaimSubject, words: String)? = nil,
                       context: (toldSubject: Bool, words: String)? = nil) -> [(ClaimReading, StatedValue)] {
        let columned = context?.toldSubject == true
        // Its words alone: no link's address, emphasis, list marker, checkbox, quote mark or heading's hashes.
        let linked = line.replacingOccurrences(of: #"\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
        let plain = ClaimScanner.withoutEmphasis(linked).plain
            .replacingOccurrences(of: #"^[\s>#]*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[[ xX]\]\s+)?"#, with: "", options: .regularExpression)
        let sentences = self.sentences(plain).filter { $0.text.range(of: example, options: [.regularExpression, .caseInsensitive]) == nil }
        var found: [(ClaimReading, StatedValue)] = []
        var topic = told
        // The work the sentence before named last: a sentence that names none goes on with it ("For CPU-bound work,
        // neither helps. Use multiprocessing instead.").
        var previous = context.flatMap { ClaimReader.workload(in: [$0.words]) }.map { (workload: $0.0, words: $0.1, at: line.startIndex) }
        for (index, sentence) in sentences.enumerated() {
            let parts = self.parts(sentence.text)
            defer { previous = parts.lazy.compactMap(\.works.last).last ?? previous }
            let worked = parts.contains { !$0.works.isEmpty }
            let foreign = ClaimReader.mentions(in: sentence.text).contains { !framed.contains($0.subject) && ![.gil, .lock].contains($0.subject) }
            // The subject a sentence opens with is what its parts that name none speak of ("**线程**：…，适合IO密集型任务");
            // a sentence that names none goes on with the one before ("协程…开销。对于IO密集型任务非常适用。").
            let opening = parts.lazy.compactMap { $0.subjects.first.map { ($0.subject, $0.words) } }.first
            if let first = parts.first?.subjects.first, parts[0].text[..<first.at].allSatisfy({ $0.isWhitespace }) {
                topic = (first.subject, first.words)
            } else if opening != nil {
                topic = told
            }
            // "CPU-heavy processing? **multiprocessing**": a question on the work, answered by a subject.
            if sentence.asks, opening == nil, let work = parts.lazy.compactMap(\.works.first).first, index + 1 < sentences.count {
                let answer = self.parts(sentences[index + 1].text)
                if answer.count == 1, answer[0].lean == nil, answer[0].works.isEmpty, !answer[0].subjects.isEmpty,
                   answer[0].text.trimmingCharacters(in: .whitespaces).count <= 40 {
                    for named in answer[0].subjects {
                        found.append(frame(named.subject, named.words, (work.workload, work.words), up: true, parallel: false, words: "?"))
                    }
                }
                continue
            }
            // The frames of the part before: a part that goes on with "and not …" or "或协程" takes them.
            var last: [(subject: ClaimSubject, words: String, up: Bool, parallel: Bool, work: (ClaimWorkload, String), lean: String)] = []
            for (at, part) in parts.enumerated() {
                // "appropriate for CPU-bound tasks, and not I/O-bound tasks": the subjects before, the other way.
                if part.lean == nil, part.subjects.isEmpty, let work = part.works.first,
                   part.text.range(of: contrary, options: [.regularExpression, .caseInsensitive]) != nil {
                    for before in last {
                        found.append(frame(before.subject, before.words, (work.workload, work.words), up: !before.up, parallel: before.parallel,
                                           words: part.text))
                    }
                    continue
                }
                // "IO密集 → 线程（简单）或协程（高效）": a subject joined to those before, the same way on the same work.
                if part.lean == nil, part.works.isEmpty, let before = last.last,
                   part.text.range(of: joined, options: [.regularExpression, .caseInsensitive]) != nil {
                    for named in part.subjects {
                        found.append(frame(named.subject, named.words, before.work, up: before.up, parallel: before.parallel, words: before.lean))
                    }
                    continue
                }
                // "选择1：多协程 coroutine", "Use: asyncio": a label of choice, then a subject named alone, on the work of the context.
                if part.lean == nil, part.works.isEmpty, !part.subjects.isEmpty, at > 0,
                   parts[at - 1].text.range(of: choice, options: [.regularExpression, .caseInsensitive]) != nil,
                   let work = parts[..<at].reversed().lazy.compactMap(\.works.first).first ?? (worked ? nil : previous) {
                    for named in part.subjects {
                        found.append(frame(named.subject, named.words, (work.workload, work.words), up: true, parallel: false,
                                           words: parts[at - 1].text))
                    }
                    continue
                }
                // "Threading — For I/O-Bound": a subject named alone, then the work it is for.
                if part.lean == nil, part.subjects.isEmpty, let work = part.works.first, at > 0,
                   part.text.range(of: #"^\s*for\b"#, options: [.regularExpression, .caseInsensitive]) != nil,
                   parts[at - 1].lean == nil, parts[at - 1].works.isEmpty, parts[at - 1].text.count <= 30 {
                    for named in parts[at - 1].subjects {
                        found.append(frame(named.subject, named.words, (work.workload, work.words), up: true, parallel: false, words: part.text))
                    }
                    continue
                }
                guard let lean = part.lean else { continue }
                // A part that names no subject speaks of the nearest one named before it in its sentence (with that one's
                // work), else of the topic; not one that speaks of a statement ("and this is a good heuristic"), nor one in a
                // sentence about another runtime ("Go 语言中的 GPM 任务调度模型充分利用了多核 CPU 的资源").
                let pointing = part.text.range(of: #"^\s*(?:and|but|so)?\s*(?:this|that|these|those)\b|^\s*(?:这|那)"#,
                                               options: [.regularExpression, .caseInsensitive]) != nil
                let source = pointing || foreign ? nil : parts[..<at].lastIndex { !$0.subjects.isEmpty }
                let before = source.map { (parts[$0], parts[$0].subjects[parts[$0].subjects.count - 1]) }
                let nearest = before.map { [(subject: $0.1.subject, words: $0.1.words, at: part.text.startIndex)] }
                let theirs = before.flatMap { part, named in part.works.first { $0.at > named.at } ?? part.works.last { $0.at < named.at } }
                let subjects = part.subjects.isEmpty
                    ? nearest ?? (pointing || foreign ? nil : topic.map { [(subject: $0.subject, words: $0.words, at: part.text.startIndex)] }) ?? []
                    : part.framedSubjects
                // Told by the sentence itself or a table's column, not by a heading, a list or the sentence before.
                let stated = !part.subjects.isEmpty || nearest != nil || columned
                last = []
                for named in subjects {
                    // Its work: named after it before the next subject, else before it in its part, else first in the nearest part
                    // before that names one ("For CPU-bound tasks that are not impacted by I/O, …"), else in the part after.
                    let next = part.subjects.first { $0.at > named.at }?.at ?? part.text.endIndex
                    let own = part.works.first { $0.at > named.at && $0.at < next } ?? part.works.last { $0.at < named.at }
                        ?? (part.subjects.isEmpty ? part.works.first ?? theirs : nil)
                    let after = lean.parallel ? nil : parts.dropFirst(at + 1).first?.works.first
                    let borrowed = parts[..<at].reversed().lazy.compactMap(\.works.first).first ?? after ?? (worked ? nil : previous)
                    // Parallelism is measured on CPU-bound work; waiting work run in parallel is waiting work sped up ("I/O-bound
                    // tasks can be run in parallel"). One at a time said of a thread or a coroutine its sentence names ("async
                    // does it in one thread") is said of CPU-bound work.
                    let work: (workload: ClaimWorkload, words: String)
                    if let found = own ?? borrowed {
                        work = (found.workload, found.words)
                    } else if lean.parallel, !lean.up, stated, [.thread, .coroutine].contains(named.subject) {
                        work = (.cpu, lean.words)
                    } else {
                        continue
                    }
                    let parallel = lean.parallel && work.workload == .cpu
                    found.append(frame(named.subject, named.words, (work.workload, work.words), up: lean.up, parallel: parallel, words: lean.words))
                    last.append((named.subject, named.words, lean.up, parallel, (work.workload, work.words), lean.words))
                }
            }
        }
        return found
    }

    /// A frame's reading and bound: `subject` speeds `work` up (or runs it in parallel), or does not.
    static func frame(_ subject: ClaimSubject, _ subjectWords: String, _ work: (ClaimWorkload, String), up: Bool, parallel: Bool,
                      words: String) -> (ClaimReading, StatedValue) {
        var reading = ClaimReading(subject: subject, subjectWords: subjectWords, quantity: parallel ? .parallelism : .speedup,
                                   quantityWords: words.trimmingCharacters(in: .whitespaces))
        (reading.workload, reading.workloadWords) = work
        var stated = StatedValue(unit: .times, text: words.trimmingCharacters(in: .whitespaces))
        switch (parallel, up) {
        case (false, true): stated.min = 1.1
        case (false, false): stated.max = 1.1
        case (true, true): stated.min = 1.5
        case (true, false): stated.max = 1.15
        }
        return (reading, stated)
    }

    /// `text`'s sentences, each with whether it asks: cut after "。", "；", "!", "?" and a full stop before a space.
    static func sentences(_ text: String) -> [(text: String, asks: Bool)] {
        var found: [(text: String, asks: Bool)] = []
        var start = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let ends = "。；;!！?？".contains(text[index]) || (text[index] == "." && (next == text.endIndex || text[next] == " "))
            guard ends else { continue }
            found.append((String(text[start..<index]), "?？".contains(text[index])))
            start = next
        }
        if start < text.endIndex { found.append((String(text[start...]), false)) }
        return found.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// A sentence's parts, cut at commas, colons, brackets and dashes, each with its subjects, its work and its lean.
    static func parts(_ sentence: String) -> [Part] {
        sentence.split(whereSeparator: { "，,：:（）()—".contains($0) }).map(String.init).filter { part in
            part.range(of: aside, options: [.regularExpression, .caseInsensitive]) == nil
        }.map { text in
            // Not one named as a place or an owner ("在一个线程中", "共享进程内存空间"), nor one set against
            // the first ("使用异步操作比使用线程更合适").
            var subjects = ClaimReader.mentions(in: text).filter { named in
                framed.contains(named.subject) && !named.compared
                    && text[named.range.upperBound...].range(of: owned, options: .regularExpression) == nil
                    && text[..<named.range.lowerBound].range(of: #"在\S{0,4}$|\b(?:its|their) own\s+$|(?:自己|各自)的$"#,
                                                             options: [.regularExpression, .caseInsensitive]) == nil
            }
            if let first = subjects.first {
                subjects = [first] + subjects.dropFirst().filter { !ClaimReader.comparing(text[first.range.upperBound..<$0.range.lowerBound]) }
            }
            // A work inside a longer naming of another is that one's ("CPU不繁忙" is I/O); where a part names I/O and the
            // network, I/O is the kind and the network its example ("网络请求、文件读写等 I/O 密集型任务").
            let named = ClaimReader.namedWork(in: text)
            let kinds = named.filter { work in
                !named.contains { $0.1 != work.1 && $0.1.lowerBound <= work.1.lowerBound && work.1.upperBound <= $0.1.upperBound }
            }
            let works = kinds.filter { $0.0 != .network || !kinds.contains { $0.0 == .io } }
                .sorted { $0.1.lowerBound < $1.1.lowerBound }.map { (workload: $0.0, words: String(text[$0.1]), at: $0.1.lowerBound) }
            let at = subjects.map(\.range.lowerBound)
            let leaning = lean(of: text, subjects: at)
            return Part(text: text, subjects: subjects.map { (subject: $0.subject, words: $0.words, at: $0.range.lowerBound) }, works: works,
                        lean: leaning.map { ($0.up, $0.parallel, $0.words) }, hits: leaning?.hits ?? [])
        }
    }

    /// Which way `text` leans, and whether on parallelism: words on parallelism first ("并行",
    /// "串行", "multiple cores"), else on speed or on what to use. Nil where it leans both ways, or none.
    static func lean(of text: String, subjects: [String.Index])
        -> (up: Bool, parallel: Bool, words: String, hits: [(range: Range<String.Index>, using: Bool)])? {
        // Words of use that take a subject ("use `threading`"), not another thing ("use the CPU").
        let using = ClaimScanner.ranges(of: useWords, in: text).filter { range in
            subjects.contains { $0 >= range.upperBound && text[range.upperBound..<$0].range(of: taken, options: [.regularExpression, .caseInsensitive]) != nil }
        }
        func against(_ range: Range<String.Index>) -> Bool {
            text[..<range.lowerBound].range(of: #"(?:比|不如|约为|约是|\bthan|compared (?:to|with)|相比)\s*$"#, options: [.regularExpression, .caseInsensitive]) != nil
        }
        func leaning(_ up: String, _ down: String, also: [Range<String.Index>] = []) -> (Bool, String, [(range: Range<String.Index>, using: Bool)])? {
            // Words set against a baseline lean no way of their own ("比单线程更慢", "不如单线程": the baseline is no serial claim).
            let ups = (ClaimScanner.ranges(of: up, in: text) + also).filter { !against($0) }
            // A word turned by a negation is quoted from the negation ("Not suitable", "不适合").
            let turned = ups.compactMap { range in
                text[..<range.lowerBound].range(of: negation, options: [.regularExpression, .caseInsensitive]).map { $0.lowerBound..<range.upperBound }
            }
            let plain = ups.filter { range in !turned.contains { $0.upperBound == range.upperBound } }
            let downs = ClaimScanner.ranges(of: down, in: text).filter { range in !against(range) && !ups.contains { $0.overlaps(range) } } + turned
            guard plain.isEmpty != downs.isEmpty, let first = (plain + downs).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
            let hits = (plain + downs).map { range in (range: range, using: using.contains { $0.upperBound == range.upperBound }) }
            return (!plain.isEmpty, String(text[first]).trimmingCharacters(in: .whitespaces), hits)
        }
        if let (up, words, hits) = leaning(ClaimSuggestion.parallelWords, ClaimSuggestion.serialWords) { return (up, true, words, hits) }
        if let (up, words, hits) = leaning(ClaimSuggestion.fasterWords + "|" + suitWords, downWords, also: using) { return (up, false, words, hits) }
        return nil
    }
}
