import ArgumentParser
import Bench

/// Scenario parameters on the command line, read from the catalogue: each
/// parameter NAME is `--param NAME=VALUE`, or `--NAME VALUE` with dashes for
/// underscores; a series takes a comma-separated list. A new parameter
/// needs no edit here.
struct ScenarioArguments: ParsableArguments {
    @Option(name: .customLong("param"), parsing: .singleValue,
            help: ArgumentHelp("A scenario parameter, NAME=VALUE (also --NAME VALUE); `pyvs list` shows them.", valueName: "name=value"))
    var values: [String] = []

    /// `--n 5` and `--switch-interval-us=100` become `--param n=5` and
    /// `--param switch_interval_us=100` when the name is one the catalogue
    /// knows and not one of `declared` (options a command declares itself).
    static func expand(_ arguments: [String], declared: Set<String> = []) -> [String] {
        let names = Set(Catalogue.all.flatMap { $0.parameters.map(\.name) + ($0.series.map { [$0.name] } ?? []) })
            .subtracting(declared)
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument != "--" else { out.append(argument); continue }
            let body = argument.dropFirst(2)
            let (flag, inline) = body.firstIndex(of: "=").map { (body[..<$0], Optional(body[body.index(after: $0)...])) } ?? (body, nil)
            let name = flag.replacingOccurrences(of: "-", with: "_")
            guard names.contains(name) else { out.append(argument); continue }
            if let inline {
                out += ["--param", "\(name)=\(inline)"]
            } else if index < arguments.count {
                out += ["--param", "\(name)=\(arguments[index])"]
                index += 1
            } else {
                out.append(argument)
            }
        }
        return out
    }

    /// The values, checked against the scenarios they apply to.
    func resolved(for scenarios: [ScenarioSpec]) throws -> (params: Params, series: [String: [Int]]) {
        var params: Params = [:]
        var series: [String: [Int]] = [:]
        let known = scenarios.flatMap { $0.parameters.map(\.name) } + scenarios.compactMap { $0.series?.name }
        for item in values {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            let name = parts.first ?? ""
            let flag = "--" + name.replacingOccurrences(of: "_", with: "-")
            guard parts.count == 2 else {
                throw ValidationError("--param takes NAME=VALUE, got '\(item)'")
            }
            if let spec = scenarios.compactMap({ $0.series }).first(where: { $0.name == name }) {
                let list = parts[1].split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else {
                    throw ValidationError("\(flag) takes whole numbers from \(spec.range.lowerBound) to \(spec.range.upperBound), comma-separated, got '\(parts[1])'")
                }
                do { try spec.check(list.compactMap { $0 }) } catch { throw ValidationError("\(flag) \(error)") }
                series[name] = list.compactMap { $0 }
                continue
            }
            let specs = scenarios.compactMap { $0.parameter(name) }
            guard !specs.isEmpty else {
                throw ValidationError("unknown parameter '\(name)'; accepted: \(Array(Set(known)).sorted().joined(separator: ", "))")
            }
            guard let value = Int(parts[1]) else {
                throw ValidationError("\(flag) must be a whole number, got '\(parts[1])'")
            }
            for spec in specs {
                do { try spec.check(value) } catch { throw ValidationError("\(flag) \(error)") }
            }
            params[name] = value
        }
        return (params, series)
    }
}
