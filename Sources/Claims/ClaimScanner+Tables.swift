import Contract
import Foundation

/// Claims in a Markdown table: a cell read with its row's label and its
/// column's header, a "when to use" matrix, what a subject suits.
extension ClaimScanner {
    /// A Markdown table row's cells, or nil for a line that is not one.
    static func tableCells(_ line: String) -> [String]? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("|"), trimmed.count > 1 else { return nil }
        // Emphasis and code marks are not the cell's words ("**切换开销**").
        var cells = trimmed.dropFirst().split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "*_`")) }
        if trimmed.hasSuffix("|") { cells.removeLast() }
        return cells
    }

    /// A table header that asks which to use ("Use Threads", "Scenario", "适用场景").
    static let useHeader = #"\buse\b|scenario|when|适用|适合|场景|选择"#

    /// A matrix cell's yes or no: whether its subject suits the work (at least, or at most, a speedup of 1.1×).
    static func suits(_ cell: String) -> ((min: Double?, max: Double?), String)? {
        if let yes = cell.range(of: #"^(?:yes|fine|either|good|best|efficient|fast|✓|✅|是|可以|适合|推荐|高效)"#, options: [.regularExpression, .caseInsensitive]) {
            return ((1.1, nil), String(cell[yes]))
        }
        if let no = cell.range(of: #"^(?:no\b|not\b|✗|❌|否|不)"#, options: [.regularExpression, .caseInsensitive]) {
            return ((nil, 1.1), String(cell[no]))
        }
        return nil
    }

    /// A table label that says what its subjects suit ("适用场景", "Best for").
    static let suitedLabel = #"适用|适合|suited|suitable|best for|good for|use cases?|when to use|handled well|good at|(?<!memory )(?<!cpu )(?<!resource )\busage\W*$"#

    static func isSeparator(_ cells: [String]) -> Bool {
        cells.allSatisfy { cell in !cell.isEmpty && cell.allSatisfy { "-:".contains($0) } }
    }

    /// A table row's values: each cell after the first, read with the
    /// column's header (which may carry the quantity: "内存占用(1万任务)")
    /// and the row's label (the subject: "Python多线程"). A row is about
    /// concurrency when its label, the header or the cell says so.
    static func tableCandidates(_ cells: [String], header: [String], line: Int, text: String) -> [Candidate] {
        guard let label = cells.first else { return [] }
        var found: [Candidate] = []
        for (index, cell) in cells.enumerated().dropFirst() {
            let column = header.indices.contains(index) ? header[index] : ""
            let words = [label, column, cell, header.first ?? ""].joined(separator: " ").lowercased()
            let about = topics.filter { words.contains($0) }
            guard !about.isEmpty else { continue }
            var stated = values(in: cell)
            // A bare number under a count ("Max Count": "~8,000") is a count.
            if stated.isEmpty, [label, column].joined(separator: " ").range(of: #"count|数量|number of|\bmax|最多|上限"#, options: [.regularExpression, .caseInsensitive]) != nil,
               let words = cell.range(of: #"^~?\s*\d{1,3}(?:,\d{3})+\+?$|^~?\s*\d+\+?$"#, options: .regularExpression).map({ String(cell[$0]) }),
               let count = Double(words.filter(\.isNumber)) {
                stated = [((count, words.hasSuffix("+") ? nil : count), .count, words)]  // "10,000+": at least
            }
            // A cell in words may state a bound ("受 GIL 限制"), or what its subject suits ("适用场景": "I/O 密集型任务").
            if stated.isEmpty { stated = bounds(in: cell) }
            if stated.isEmpty, [label, column].joined(separator: " ").range(of: suitedLabel, options: [.regularExpression, .caseInsensitive]) != nil,
               let (_, words) = ClaimReader.workload(in: [cell]) {
                stated = [((1.1, nil), .times, words)]
            }
            // "| CPU-bound work | No | Yes |" under "| Scenario | Use Async | Use Threads |": whether the column's subject suits the row's work.
            // A row named for its work alone ("| I/O work | Efficient | Efficient but heavier |") says the same.
            let workRow = label.count <= 30 && label.range(of: #"^\W*(?:cpu|i\s*/\s*o|io|network)[\w\s-]{0,12}(?:work|tasks?|bound)?\W*$"#,
                                                            options: [.regularExpression, .caseInsensitive]) != nil
            if stated.isEmpty, workRow || [column, header.first ?? ""].joined(separator: " ").range(of: useHeader, options: [.regularExpression, .caseInsensitive]) != nil,
               ClaimReader.workload(in: [label]) != nil, let (bound, words) = suits(cell) {
                stated = [(bound, .times, words)]
            }
            // "| Network / Disk I/O | **Asyncio** |" under "| Type of Work | Best Choice |": the cell's subject suits the row's work.
            if stated.isEmpty, column.range(of: #"best (?:choice|option|tool|fit)|recommend|首选|推荐"#, options: [.regularExpression, .caseInsensitive]) != nil,
               ClaimReader.workload(in: [label]) != nil, !ClaimReader.mentions(in: cell).isEmpty {
                stated = [((1.1, nil), .times, cell)]
            }
            for (value, unit, statedText) in stated {
                var candidate = Candidate(line: line, text: text.trimmingCharacters(in: .whitespaces),
                                          stated: StatedValue(min: value.min, max: value.max, unit: unit, text: statedText), about: about,
                                          row: label, column: column.isEmpty ? nil : column)
                candidate.words = cell
                found.append(candidate)
            }
            if stated.isEmpty, let quality = qualityCandidate(cell: cell, label: label, column: column, about: about, line: line, text: text) {
                found.append(quality)
            }
        }
        return ranked(found)
    }

    /// A row that ranks its columns in words ("| Creation Cost | High | Moderate | Very low |"):
    /// each cell becomes one comparison per column it ranks apart from. The
    /// quantity is the label's, else one a cell names ("High (starting processes is heavy)").
    static func ranked(_ row: [Candidate]) -> [Candidate] {
        let levels = row.map { $0.stated.min == nil && $0.stated.max == nil && $0.column != nil ? ClaimComparison.level($0.stated.text) : nil }
        guard Set(levels.compactMap { $0 }).count >= 2 else { return row }
        let quantity = row.lazy.compactMap(\.quantity).first ?? row.lazy.compactMap { quality(of: $0.words ?? "")?.quantity }.first
        var out: [Candidate] = []
        for (index, candidate) in row.enumerated() {
            var cell = candidate
            if levels[index] != nil, cell.quantity == nil { cell.quantity = quantity }
            let against = levels[index].map { mine in
                zip(row, levels).compactMap { other, theirs -> Candidate? in
                    guard let theirs, theirs != mine, other.column != cell.column else { return nil }
                    var compared = cell
                    compared.versus = other.column
                    compared.direction = mine > theirs ? .more : .less
                    return compared
                }
            } ?? []
            out += against.isEmpty ? [cell] : against
        }
        return out
    }
}
