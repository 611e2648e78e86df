import Bench
import Console
import Contract
import Foundation

/// Reading a claims file and checking every claim against the catalogue
/// before anything is measured.
extension ClaimChecker {
    /// What is wrong with a claims file, in one line.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Reads and checks a claims file against the catalogue.
    public static func load(_ path: String) throws -> ClaimsFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Problem("cannot read the claims file \(path): \((error as NSError).localizedDescription)")
        }
        let file: ClaimsFile
        do { file = try JSONDecoder().decode(ClaimsFile.self, from: data) } catch {
            throw Problem("\(path) is not a claims file (\(ClaimsFile.schemaTag) JSON): \(describe(error))")
        }
        guard file.schema == ClaimsFile.schemaTag else {
            throw Problem("\(path): schema is '\(file.schema)'; accepted: \(ClaimsFile.schemaTag)")
        }
        guard !file.claims.isEmpty else { throw Problem("\(path) holds no claims") }
        var ids: Set<String> = []
        for claim in file.claims {
            guard ids.insert(claim.id).inserted else { throw Problem("\(path): claim id '\(claim.id)' appears twice") }
            if let problem = self.problem(with: claim) { throw Problem("\(path): claim '\(claim.id)': \(problem)") }
        }
        for block in file.blocks ?? [] where Catalogue.scenario(named: block.scenario) == nil {
            throw Problem("\(path): the block at \(block.document):\(block.line) names unknown scenario '\(block.scenario)'; "
                + "accepted: \(Catalogue.all.map(\.name).joined(separator: ", "))")
        }
        return file
    }

    /// A scenario of `pyvs run` (claims are measured as its rows).
    static func runScenario(_ name: String) -> ScenarioSpec? { Catalogue.scenarios.first { $0.name == name } }

    /// Why a claim cannot be tested as written (nil when it can).
    static func problem(with claim: Claim) -> String? {
        guard let scenario = runScenario(claim.measure.scenario) else {
            return "unknown scenario '\(claim.measure.scenario)'; accepted: \(Catalogue.names.joined(separator: ", "))"
        }
        guard scenario.variant(claim.measure.variant) != nil else {
            return "unknown variant '\(claim.measure.variant)' of \(scenario.name); accepted: \(scenario.variants.map(\.id).joined(separator: ", "))"
        }
        let metrics = RowFigure.allCases.map(\.rawValue) + scenario.metrics.map(\.key)
        guard metrics.contains(claim.measure.metric) else {
            return "unknown metric '\(claim.measure.metric)' for \(scenario.name); accepted: \(metrics.joined(separator: ", "))"
        }
        if let against = claim.measure.against {
            guard scenario.variant(against.variant) != nil else {
                return "unknown variant '\(against.variant)' in 'against' of \(scenario.name); accepted: \(scenario.variants.map(\.id).joined(separator: ", "))"
            }
            if claim.measure.times != nil { return "'times' and 'against' cannot be used together: a comparison is a ratio of the two figures" }
            if claim.stated.unit != .times { return "a comparison ('against') states a ratio; accepted unit: x" }
        }
        for (name, value) in [claim.measure.params, claim.measure.against?.params].compactMap({ $0 }).flatMap({ $0 }) {
            if let parameter = scenario.parameter(name) {
                if !parameter.range.contains(value) {
                    return "\(name)=\(value) is out of range; accepted: \(parameter.range.lowerBound)...\(parameter.range.upperBound)"
                }
            } else if let series = scenario.series, series.name == name {
                if !series.range.contains(value) {
                    return "\(name)=\(value) is out of range; accepted: \(series.range.lowerBound)...\(series.range.upperBound)"
                }
            } else {
                let names = scenario.parameters.map(\.name) + (scenario.series.map { [$0.name] } ?? [])
                return "\(scenario.name) has no parameter '\(name)'; accepted: \(names.joined(separator: ", "))"
            }
        }
        if let times = claim.measure.times, claim.measure.params?[times] == nil {
            return "'times' names \(times), which the claim's params do not set"
        }
        guard claim.stated.min != nil || claim.stated.max != nil else { return "the stated value needs a min, a max or both" }
        if let min = claim.stated.min, let max = claim.stated.max, min > max { return "the stated min is above its max" }
        if let line = claim.line, line < 1 { return "line must be 1 or more" }
        return nil
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription) at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return String(describing: error)
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
