import Contract

extension ClaimsReport {
    /// One line per claim. Figures in base units (`base_unit`: s, B, x or
    /// count); with several Python builds, each build's verdict and figure
    /// in columns of their own (the main columns are the first build's).
    func csvRows() -> String {
        let buildNames = builds?.map(\.name) ?? []
        var table = CSVTable(header: [
            "id", "document", "line", "section", "quote", "stated", "stated_min", "stated_max", "base_unit",
            "measured", "runs", "conclusive", "verdict", "reason", "command",
        ] + buildNames.flatMap { ["verdict [\($0)]", "measured [\($0)]"] })
        for claim in claims {
            let perBuild = buildNames.flatMap { name -> [CSVCell?] in
                let verdict = claim.builds?.first { $0.build == name }
                return [verdict?.verdict.rawValue, verdict?.measured]
            }
            table.append([
                claim.id, claim.document, claim.line, claim.section, claim.quote, claim.stated.text,
                claim.statedMin, claim.statedMax, claim.stated.unit.quantity.baseUnit,
                claim.measured, claim.samples, claim.conclusive, claim.verdict.rawValue, claim.because(cores: machine.cores), claim.command,
            ] + perBuild)
        }
        return table.text
    }
}

extension Quantity {
    /// The unit a CSV column of this quantity is written in.
    var baseUnit: String {
        switch self {
        case .seconds: return "s"
        case .bytes: return "B"
        case .perSecond: return "/s"
        case .bytesPerSecond: return "B/s"
        case .count: return "count"
        case .ratio: return "x"
        }
    }
}
