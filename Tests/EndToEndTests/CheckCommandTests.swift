import Foundation
import Processes
import Testing

/// `pyvs check`: a tutorial returned with its findings in place. The page is
/// read with Python's own HTML parser (fixtures/check/check_page.py), the
/// JSON checked against its schema.
@Suite(.serialized) struct CheckCommandTests {
    static let fixtures = CLI.root.appendingPathComponent("fixtures/check").path

    /// What the page holds, as Python's HTML parser reads it.
    func page(_ path: String) throws -> [String: Any] {
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", "\(Self.fixtures)/check_page.py", path])
        child.timeout = 60
        let outcome = child.run(in: Supervisor())
        return try #require(CLI.json(String(decoding: outcome.stdout, as: UTF8.self)), "\(String(decoding: outcome.stderr, as: UTF8.self))")
    }

    @Test func aTutorialComesBackAnnotated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("check.json").path
        let run = CLI.run(["check", "\(Self.fixtures)/guide.md", "--claims", "\(Self.fixtures)/claims.json", "--quick",
                           "--format", "json", "-o", json, "--no-progress"])
        #expect(run.status == 1, "block 4 fails on purpose: \(run.stderr)")
        let report = try #require(FileManager.default.contents(atPath: json).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        #expect(report["schema"] as? String == "pyvs.check/1")
        let schema = SchemaTests()
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: json)), as: UTF8.self)
        #expect(schema.problems(text, schema: "check.schema.json") == "")
        for (part, file) in [("snippets", "snippets.schema.json"), ("claims", "claims.schema.json"), ("runs", "run.schema.json")] {
            let data = try JSONSerialization.data(withJSONObject: try #require(report[part]))
            #expect(schema.problems(String(decoding: data, as: UTF8.self), schema: file) == "", "\(part)")
        }
        let blocks = try #require((report["snippets"] as? [String: Any])?["blocks"] as? [[String: Any]])
        let claims = try #require((report["claims"] as? [String: Any])?["claims"] as? [[String: Any]])
        #expect(blocks.count == 4 && claims.count == 2)

        // The page, rendered again from the JSON, read by a real parser.
        let html = folder.appendingPathComponent("check.html").path
        #expect(CLI.run(["report", json, "-o", html]).status == 0)
        let found = try page(html)
        #expect(found["strips"] as? [String] == blocks.map { "block-\($0["index"] as? Int ?? 0)" }, "a strip after every code block")
        #expect(found["claims"] as? [String] == claims.map { "claim-\($0["id"] as? String ?? "")" }, "every claim at its line")
        // Each claim is marked where it stands: in its sentence, or in the code comment it quotes.
        #expect((found["marks"] as? [String])?.count == 2)
        #expect(found["beside"] as? [String] == ["run-1"], "the linked block shows its Swift side")
        #expect((found["tables_in_beside"] as? Int ?? 0) >= 1 && (found["svgs_in_beside"] as? Int ?? 0) >= 1)
        #expect((found["loads"] as? [String])?.isEmpty == true, "nothing loaded from anywhere: \(found["loads"] ?? "")")
        let words = found["text"] as? String ?? ""
        #expect(words.contains("启动一个进程约 1–10 ms") && words.contains("pyvs run race --quick"))

        // The same as Markdown: the document with a blockquote after each block and claim.
        let markdown = CLI.run(["report", json, "--format", "md"]).stdout
        #expect(markdown.components(separatedBy: "> **pyvs** · block ").count - 1 == blocks.count)
        #expect(markdown.components(separatedBy: "> **claim** ").count - 1 == claims.count)
        #expect(markdown.contains("print(counter)"), "the document's own text")
    }

    @Test func aDocumentNoClaimsFileNamesStillGetsItsBlocks() throws {
        let run = CLI.run(["check", CLI.root.appendingPathComponent("fixtures/snippets/async-setup.md").path, "--format", "html", "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-check-\(UUID().uuidString).html")
        try run.stdout.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let found = try page(file.path)
        #expect((found["strips"] as? [String])?.count == 6)
        #expect((found["claims"] as? [String])?.isEmpty == true)
        #expect((found["text"] as? String ?? "").contains("no claims file names it"))
    }

    /// A tutorial no claims file names: its claims are found, read, mapped
    /// and judged, each saying how it was read; the others say why not.
    @Test func aTutorialWithoutAClaimsFileIsJudgedFromItsOwnWords() throws {
        let run = CLI.run(["check", CLI.root.appendingPathComponent("fixtures/found/threads-en.md").path, "--quick", "--format", "json", "--no-progress"],
                          timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(CLI.json(run.stdout), "\(run.stderr)")
        let claims = try #require((doc["claims"] as? [String: Any])?["claims"] as? [[String: Any]])
        #expect(claims.count == 20)
        for claim in claims {
            let reading = claim["read_as"] as? [String: Any]
            #expect(reading?["subject"] is String && reading?["quantity"] is String, "\(claim["id"] ?? "")")
            #expect(["holds", "does_not_hold", "not_measurable"].contains(claim["verdict"] as? String ?? ""))
            #expect((claim["measure"] as? [String: Any])?["scenario"] is String)
        }
        let byLine = Dictionary(grouping: claims) { $0["line"] as? Int ?? 0 }
        #expect((byLine[41]?.first?["measure"] as? [String: Any])?["params"] as? [String: Int] == ["tasks": 10_000, "sleep_ms": 2000])
        // "Coroutines are 10-100x faster to switch than threads": the two rows' ratio, against 1/100 to 1/10.
        let compared = byLine[45]?.first { ($0["measure"] as? [String: Any])?["against"] != nil }
        #expect(((compared?["measure"] as? [String: Any])?["against"] as? [String: Any])?["variant"] as? String == "py.threads")
        #expect((compared?["reason"] as? [String: Any])?.keys.first == "compared" || compared?["verdict"] as? String == "not_measurable",
                "\(compared ?? [:])")
        // Its repeat command runs both rows.
        #expect(compared?["command"] as? String == "pyvs run context-switch --only py.asyncio,py.threads --round-trips 20000")
        let unjudged = try #require(doc["unjudged"] as? [[String: Any]])
        let why = unjudged.compactMap { ($0["why"] as? [String: Any])?.keys.first }
        #expect(why.sorted() == ["no_scenario", "third_party"], "\(why)")
    }

    @Test func badInputIsRefusedInOneLine() {
        let missing = CLI.run(["check", "/nonexistent/guide.md"])
        #expect(missing.status == 66 && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let format = CLI.run(["check", "\(Self.fixtures)/guide.md", "--format", "junit"])
        #expect(format.status == 64 && format.stderr.contains("accepted: table, md, json, html"), "\(format.stderr)")
    }
}
