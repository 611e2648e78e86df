import Contract
import Foundation

/// A run as a pyperf file (pyperf's JSON format, version 1.0), so that
/// `python -m pyperf stats|hist|show|compare_to` read pyvs's measurements.
///
/// One benchmark per measured row, named `scenario/label` (the label
/// carries the series value and the build where a scenario has several:
/// "gil-threads/py.threads ×2 [3.13t]"). pyperf's run is one worker
/// process, and so is pyvs's: each counted run becomes a pyperf run with
/// one value (seconds per loop) and its process's wall time as `duration`;
/// the row's warm-up runs, which pyvs runs in processes of their own before
/// the counted ones, are the first run's warm-ups. Rows without a counted
/// run (failed, skipped) are left out: pyperf has no place for them.
extension RunReport {
    func pyperfFile() throws -> String {
        let benchmarks = measuredRows.map { benchmark($0.row, of: $0.scenario, wall: $0.wall) }
        return try Self.exportJSON(PyperfFile(benchmarks: benchmarks, metadata: suiteMetadata), pretty: false)
    }

    private func benchmark(_ row: VariantResult, of scenario: ScenarioResult, wall: Summary) -> PyperfBenchmark {
        let loops = row.loops ?? 1
        var metadata: [String: PyperfValue] = [
            "name": .string("\(scenario.name)/\(row.label)"),
            "description": .string(row.title),
            "loops": .int(loops),
            "tags": .strings([scenario.name]),
            "pyvs_language": .string(row.language.rawValue),
            "pyvs_model": .string(row.model.rawValue),
            "workers": .int(row.workers),
        ]
        if let threads = row.threads { metadata["threads"] = .int(threads) }
        if let peak = row.peakRSSBytes { metadata["mem_max_rss"] = .int(peak) }
        if row.language == .python, let python = pythonInfo(of: row) {
            metadata.merge(Self.pythonMetadata(python, gilEnabled: row.gilEnabled)) { $1 }
            if let build = row.build { metadata["pyvs_build"] = .string(build) }
        }
        let durations = row.processWallSeconds?.samples
        let runs = wall.samples.enumerated().map { index, value in
            PyperfRun(values: [value],
                      warmups: index == 0 ? row.warmupWallSeconds?.map { [.int(loops), .double($0)] } : nil,
                      metadata: durations.flatMap { index < $0.count ? ["duration": .double($0[index])] : nil })
        }
        return PyperfBenchmark(runs: runs, metadata: metadata)
    }

    /// The build a Python row ran on: its own entry in `builds`, else the run's Python.
    func pythonInfo(of row: VariantResult) -> PythonInfo? {
        row.build.flatMap { name in builds?.first { $0.name == name }?.python } ?? python
    }

    /// What pyperf records about the machine, from what pyvs recorded.
    private var suiteMetadata: [String: PyperfValue] {
        var metadata: [String: PyperfValue] = [
            "unit": .string("second"),
            "cpu_count": .int(machine.cores),
            "cpu_model_name": .string(machine.cpuModel),
            "platform": .string(machine.kernel.split(separator: " ").joined(separator: "-")),
            "load_avg_1min": .double(max(0, machine.loadAverage)),
            "swift_version": .string(machine.swiftVersion),
        ]
        if let date = Self.pyperfDate(createdAt) { metadata["date"] = .string(date) }
        if let aslr = machine.aslr { metadata["aslr"] = .string(Self.pyperfASLR[aslr] ?? aslr) }
        if let parallelism = machine.nativeParallelism { metadata["pyvs_native_parallelism"] = .double(parallelism) }
        if let version = pyvs?["version"] { metadata["pyvs_version"] = .string(version) }
        return metadata
    }

    static func pythonMetadata(_ python: PythonInfo, gilEnabled: Bool?) -> [String: PyperfValue] {
        var metadata: [String: PyperfValue] = [
            "python_implementation": .string(python.implementation),
            "python_version": .string("\(python.version) (\(MemoryLayout<Int>.size * 8)-bit)"),
            "python_executable": .string(python.executable),
            "python_gil": .string((gilEnabled ?? python.gilEnabled) ? "enabled" : "disabled"),
        ]
        if let flags = python.buildFlags { metadata["python_cflags"] = .string(flags) }
        if let arguments = python.configureArguments { metadata["python_config_args"] = .string(arguments) }
        return metadata
    }

    /// /proc/sys/kernel/randomize_va_space, in pyperf's words.
    static let pyperfASLR = ["off": "No randomization", "partial": "Conservative randomization", "full": "Full randomization"]

    /// pyperf's dates: "2026-11-29 19:03:01" (read with datetime.fromisoformat).
    static func pyperfDate(_ iso: String) -> String? {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}

/// pyperf's file: `version` "1.0", the benchmarks, and the metadata common to all.
struct PyperfFile: Encodable {
    let version = "1.0"
    let benchmarks: [PyperfBenchmark]
    let metadata: [String: PyperfValue]
}

struct PyperfBenchmark: Encodable {
    let runs: [PyperfRun]
    let metadata: [String: PyperfValue]
}

/// One process: its values (seconds per loop) and warm-ups ([loops, seconds per loop]).
struct PyperfRun: Encodable {
    let values: [Double]
    let warmups: [[PyperfValue]]?
    let metadata: [String: PyperfValue]?
}

/// A metadata value: pyperf takes strings, integers, floats and lists of strings (tags).
enum PyperfValue: Encodable {
    case string(String), int(Int), double(Double), strings([String])

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .strings(let value): try container.encode(value)
        }
    }
}
