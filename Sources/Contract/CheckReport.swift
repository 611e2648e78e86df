import Foundation

/// The `pyvs.check/1` document: one tutorial checked — its Python blocks
/// run, the claims a claims file makes about it judged, and the scenarios
/// the claims file links to its blocks measured beside Swift — with the
/// document's own text, so the annotated page can be rendered again from it.
public struct CheckReport: Codable, Sendable, JSONDocument {
    public static let schemaID = "pyvs.check/1"
    public var schema = CheckReport.schemaID
    public var pyvs: [String: String]?
    /// The document's file name (what claims files name it by).
    public var document: String
    public var title: String?
    public var createdAt: String
    /// The document's Markdown, as it was checked.
    public var text: String
    /// The claims file read, and what it says about this document when it
    /// has no claims for it ("no claims file names this document").
    public var claimsFile: String?
    public var claimsNote: String?
    public var snippets: SnippetsReport
    /// The verdicts on the claims the claims file makes about this document.
    public var claims: ClaimsReport?
    /// The scenarios linked to the document's blocks, measured Python beside Swift.
    public var runs: RunReport?
    /// Which block (by its fence's line) each scenario stands for.
    public var links: [BlockLink]
    public var quick: Bool
    public var incomplete: Bool?
    /// Claims pyvs read from the document itself (no claims file names
    /// it): those no scenario judges, and why.
    public var unjudged: [UnjudgedClaim]?

    enum CodingKeys: String, CodingKey {
        case schema, pyvs, document, title, createdAt = "created_at", text, claimsFile = "claims_file", claimsNote = "claims_note"
        case snippets, claims, runs, links, quick, incomplete, unjudged
    }

    public init(document: String, text: String, snippets: SnippetsReport, claims: ClaimsReport?, runs: RunReport?,
                links: [BlockLink], quick: Bool) {
        self.document = document; self.text = text; self.snippets = snippets; self.claims = claims; self.runs = runs
        self.links = links; self.quick = quick
        createdAt = ISO8601DateFormatter().string(from: Date())
    }

    /// The scenario measured for the block whose fence is at `line`.
    public func run(forBlockAt line: Int) -> ScenarioResult? {
        guard let link = links.first(where: { $0.line == line }) else { return nil }
        return runs?.scenarios.first { $0.name == link.scenario }
    }
}
