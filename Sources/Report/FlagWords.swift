import Console
import Contract

/// The words of a flagged figure (`FigureFlag`), made here once for the
/// run's notes and for the claims that quote the figure.
public enum FlagWords {
    /// "speedup 2.09× above the 2 cores; py.asyncio did the same work on one
    /// core 1.10× (1.02–1.22× in 10 rounds) faster than py.serial: the
    /// baseline ran slow", with what other work was measured during the
    /// runs of `rows` (the flagged row and its baseline, where known).
    public static func reason(_ flag: FigureFlag, rows: [VariantResult], cores: Int) -> String {
        var text: String
        switch flag.kind {
        case .speedupAboveCores:
            text = "speedup \(Format.ratio(flag.figure)) above the \(cores) cores"
        case .speedupAboveConcurrency:
            text = "speedup \(Format.ratio(flag.figure))"
                + (flag.low.map { " (at least \(Format.ratio($0)) round by round)" } ?? "")
                + " above the row's own concurrency over the baseline's, \(Format.number(flag.bound)): the same work took less CPU time than in the baseline"
        case .parallelismAboveCores:
            text = "parallelism \(Format.number(flag.figure)) above the \(cores) cores"
        }
        if let slow = flag.slowBaseline {
            text += "; " + slowWords(slow)
        } else if flag.kind == .speedupAboveConcurrency {
            text += ": the baseline ran slow in those rounds"
        }
        if let clause = VariantResult.disturbanceClause(rows, cores: cores) { text += "; " + clause }
        return text
    }

    /// The notes under a table: one per flagged row, except that rows
    /// flagged for passing the cores over the same baseline share one
    /// ("py.processes 2.05×, py.pool 2.02×: ! speedups above the 2 cores; …").
    public static func notes(for scenario: ScenarioResult, cores: Int) -> [String] {
        var notes: [String] = []
        var grouped: [String: [VariantResult]] = [:]
        var order: [String] = []
        for row in scenario.variants {
            guard let flag = row.flag else { continue }
            guard flag.kind != .speedupAboveConcurrency else {
                if let note = note(row, in: scenario, cores: cores) { notes.append(note) }
                continue
            }
            let key = "\(flag.kind.rawValue)|\(flag.baseline ?? "")|\(flag.slowBaseline?.peer ?? "")"
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(row)
        }
        for key in order {
            guard let rows = grouped[key], let first = rows.first, let flag = first.flag else { continue }
            if rows.count == 1 {
                if let note = note(first, in: scenario, cores: cores) { notes.append(note) }
                continue
            }
            let figure = { (row: VariantResult) in
                flag.flagsSpeedup ? Format.ratio(row.flag?.figure) : Format.number(row.flag?.figure)
            }
            var text = rows.map { "\($0.label) \(figure($0))" }.joined(separator: ", ")
                + ": ! \(flag.flagsSpeedup ? "speedups" : "parallelisms") above the \(cores) cores"
            if let slow = flag.slowBaseline { text += "; " + slowWords(slow) }
            let baseline = scenario.variants.first { $0.label == flag.baseline }
            if let clause = VariantResult.disturbanceClause(rows + [baseline].compactMap { $0 }, cores: cores) { text += "; " + clause }
            notes.append(text + "; no conclusion rests on them.")
        }
        return notes
    }

    /// "py.asyncio did the same work on one core 1.10× (1.02×–1.22× in 10
    /// rounds) faster than py.serial: the baseline ran slow".
    static func slowWords(_ slow: SlowBaseline) -> String {
        "\(slow.peer) did the same work on one core \(Format.ratio(slow.ratio)) "
            + "(\(Format.ratio(slow.interval[0]))–\(Format.ratio(slow.interval.last ?? slow.interval[0])) in \(slow.rounds) rounds) "
            + "faster than \(slow.baseline): the baseline ran slow"
    }

    /// The note under a table: "py.pool: ! speedup … ; no conclusion rests on it."
    public static func note(_ row: VariantResult, in scenario: ScenarioResult, cores: Int) -> String? {
        guard let flag = row.flag else { return nil }
        let baseline = scenario.variants.first { $0.label == flag.baseline && $0.label != row.label }
        return "\(row.label): ! \(reason(flag, rows: [row] + [baseline].compactMap { $0 }, cores: cores)); no conclusion rests on it."
    }
}
