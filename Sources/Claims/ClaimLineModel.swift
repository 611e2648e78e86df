import Foundation
import Markdown

/// How likely a line of a document is to state a claim about concurrency,
/// by a model learned from tutorials whose claims were labelled by hand
/// (`tools/claims-train.py`): a logistic regression over the line's words,
/// word pairs, Chinese characters and character pairs, what kind of line it
/// is (prose, list item, table row, heading, a comment in code) and the
/// words of the heading it is under.
///
/// The patterns of `ClaimScanner` read a claim's subject, quantity and
/// bound; the model reads none of them. It finds lines the patterns do not
/// ("For CPU-bound work in Python, threads are effectively serialized by
/// the GIL"), which `FoundClaims` judges where the line's words on speed
/// or parallelism lean one way (`ClaimSuggestion.leaning`: "serialized",
/// one at a time) and otherwise lists as found but not read.
public enum ClaimLineModel {
    /// A line the model weighs: its 1-based number and its features.
    public struct Line: Sendable {
        public var line: Int
        public var features: [String: Double]
    }

    /// The likelihood above which a line the patterns did not read is listed
    /// as a claim: a log-odds of 1.5 (82 %). Chosen on the first reads of
    /// thirteen held-out tutorials, with the model trained only on those
    /// labelled before each: the lines found went from 50 % to 61–65 %,
    /// the found lines that are claims stayed at 78–81 % (docs/claims.md).
    public static let threshold = 1 / (1 + exp(-1.5))

    /// The lines of `text` the model weighs: prose, list items, table rows
    /// and headings, and the comments of code. Not front matter, a table's
    /// header or rule, a table of contents, questions, diagrams drawn with
    /// box characters, lines of fewer than three words (or four Chinese
    /// characters), nor diagrams, timelines and output in other fenced
    /// blocks.
    public static func lines(_ text: String) -> [Line] { lines(DocumentLayout(text)) }

    /// The lines the model weighs of a document laid out as `layout`.
    static func lines(_ layout: DocumentLayout) -> [Line] {
        let (lines, program, fenced) = (layout.lines, layout.program, layout.fenced)
        var heading = ""
        var out: [Line] = []
        for (offset, whole) in layout.text {
            let number = offset + 1
            let kind: String
            let words: String
            if program.contains(number) {
                guard let comment = ClaimScanner.comment(in: whole) else { continue }
                kind = "code"
                words = comment
            } else if fenced.contains(number) {
                continue
            } else {
                let trimmed = whole.trimmingCharacters(in: .whitespaces)
                if let cells = ClaimScanner.tableCells(trimmed), ClaimScanner.isSeparator(cells) { continue }
                // A table's header names its columns ("| 方案 | 是否绕过 GIL | 开销 |"); its rows state.
                let next = lines.indices.contains(offset + 1) ? lines[offset + 1].trimmingCharacters(in: .whitespaces) : ""
                if trimmed.hasPrefix("|"), let cells = ClaimScanner.tableCells(next), ClaimScanner.isSeparator(cells) { continue }
                // A table of contents names sections ("- 1.2 并行（Parallelism）", "- [Why …](#why)"); it states nothing.
                if trimmed.range(of: Self.contentsEntry, options: .regularExpression) != nil { continue }
                if trimmed.hasPrefix("#") { heading = trimmed }
                kind = trimmed.hasPrefix("|") ? "table" : trimmed.hasPrefix("#") ? "heading"
                    : trimmed.range(of: #"^(?:[-*+]|\d+[.)])\s"#, options: .regularExpression) != nil ? "item" : "prose"
                words = trimmed
            }
            // A question asks rather than claims; a label ("优势：") or a word alone says too little to weigh.
            if ClaimScanner.asks(words) { continue }
            // A diagram drawn with box characters ("│  线程上下文切换时间线  │") outside a fence draws.
            if words.unicodeScalars.contains(where: { (0x2500...0x257F).contains($0.value) }) { continue }
            let han = words.unicodeScalars.filter(ClaimScanner.isHan).count
            guard han >= 4 || matches(#"[A-Za-z]{2,}"#, in: words).count >= 3 else { continue }
            out.append(Line(line: number, features: features(words, kind: kind, heading: heading)))
        }
        return out
    }

    /// An entry of a table of contents: a list item that is a link to a
    /// section, or a section's number and title.
    static let contentsEntry = #"^(?:[-*+]|\d+\.)\s+(?:\[[^\]]*\]\(#[^)]*\)\s*$|\d+(?:\.\d+)+\s)"#

    /// A line's features: each word, pair of words, Chinese character and
    /// pair of characters once, weighed by one over the square root of how
    /// many there are (a long line does not outweigh a short one); its kind,
    /// whether it holds a figure and a figure with a unit, whole; and a
    /// constant ("bias").
    static func features(_ words: String, kind: String, heading: String) -> [String: Double] {
        let lowered = words.lowercased()
        var names = Set<String>()
        let latin = matches(#"[a-z][a-z\-]+"#, in: lowered)
        names.formUnion(latin.map { "w:" + $0 })
        names.formUnion(zip(latin, latin.dropFirst()).map { "b:\($0)_\($1)" })
        let han = lowered.unicodeScalars.filter(ClaimScanner.isHan).map { String($0) }
        names.formUnion(han.map { "c:" + $0 })
        names.formUnion(zip(han, han.dropFirst()).map { "cc:" + $0 + $1 })
        names.formUnion(matches(#"[a-z]+"#, in: heading.lowercased()).map { "h:" + $0 })
        var whole = ["kind=" + kind: 1.0, "bias": 1.0]
        if lowered.contains(where: \.isNumber) { whole["digit"] = 1 }
        if lowered.range(of: #"\d\s*(?:x\b|×|倍|%|ms\b|µs|us\b|ns\b|kb\b|mb\b|gb\b|s\b|秒)"#, options: .regularExpression) != nil {
            whole["unit"] = 1
        }
        let weight = 1 / Double(max(1, names.count)).squareRoot()
        return whole.merging(names.map { ($0, weight) }) { kept, _ in kept }
    }

    /// The words of `text` that match `pattern` (case aside: the words are lowered, or counted whatever their case).
    static func matches(_ pattern: String, in text: String) -> [String] {
        ClaimScanner.ranges(of: pattern, in: text).map { String(text[$0]) }
    }

    /// The likelihood (0 to 1) that a line with these features states a claim. The terms are summed in
    /// the order of their names, as tools/claims-train.py sums them: a dictionary's own order changes
    /// from run to run, and with it the last digit of the sum.
    public static func likelihood(_ features: [String: Double]) -> Double {
        let logit = features.sorted { $0.key < $1.key }.reduce(0) { $0 + (weights[$1.key] ?? 0) * $1.value }
        return 1 / (1 + exp(-logit))
    }

    /// The lines of `text` whose likelihood reaches the threshold, with it.
    public static func claimLines(_ text: String) -> [(line: Int, likelihood: Double)] { claimLines(DocumentLayout(text)) }

    /// The lines of a document laid out as `layout` whose likelihood reaches the threshold.
    static func claimLines(_ layout: DocumentLayout) -> [(line: Int, likelihood: Double)] {
        lines(layout).map { ($0.line, likelihood($0.features)) }.filter { $0.1 >= threshold }
    }

    /// The trained weights (`ClaimLineWeights.swift`, written by tools/claims-train.py), one "name<TAB>weight" a line.
    static let weights: [String: Double] = {
        var table: [String: Double] = [:]
        for row in trainedWeights.split(separator: "\n") {
            let parts = row.split(separator: "\t")
            if parts.count == 2, let weight = Double(parts[1]) { table[String(parts[0])] = weight }
        }
        return table
    }()
}
