import Contract
import Foundation
import Measure
import Processes
import Testing

/// Real outputs validated against the JSON Schemas in schemas/, with
/// Python's jsonschema (make test installs it when it is missing).
@Suite(.serialized) struct SchemaTests {
    static let schemas = CLI.root.appendingPathComponent("schemas")

    /// The validator's complaints about `json` (empty when it is valid).
    func problems(_ json: String, schema: String) -> String {
        let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        instance = json.loads(sys.stdin.read())
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(instance), key=lambda e: list(e.path))
        for error in errors[:5]:
            print("/".join(map(str, error.path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """
        var child = ChildProcess(arguments: ["/usr/bin/env", "python3", "-c", script, Self.schemas.appendingPathComponent(schema).path])
        child.input = Data(json.utf8)
        child.timeout = 60
        let outcome = child.run(in: Supervisor())
        let said = String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self)
        return outcome.ending == .exited(0) ? "" : (said.isEmpty ? "validator \(outcome.ending)" : said)
    }

    func json(_ arguments: [String]) -> String {
        let run = CLI.run(arguments + ["--format", "json", "--no-progress"])
        return run.stdout
    }

    @Test func runsFollowTheirSchema() {
        // With a warm-up run, so that the rows carry warmup_wall_s too.
        let run = json(["run", "cpu-bound", "io-bound", "--quick", "--warmup", "1", "--only", "py.serial,swift.serial,py.http-aiohttp,swift.sleep-serial"])
        #expect(run.contains("\"warmup_wall_s\""))
        #expect(problems(run, schema: "run.schema.json") == "")
        let gil = json(["gil", "--quick", "--no-sweep"])
        #expect(problems(gil, schema: "run.schema.json") == "")
        // A broken document is refused: the schema is not a check that cannot fail.
        #expect(problems(run.replacingOccurrences(of: "\"status\" : \"ok\"", with: "\"status\" : \"fine\""), schema: "run.schema.json") != "")
    }

    @Test func snippetsFollowTheirSchema() {
        let doc = json(["snippets", CLI.root.appendingPathComponent("fixtures/snippets/session.md").path])
        #expect(problems(doc, schema: "snippets.schema.json") == "")
        #expect(problems(doc.replacingOccurrences(of: "\"line\" : ", with: "\"line\" : -"), schema: "snippets.schema.json") != "")
    }

    @Test func claimsFollowTheirSchemas() throws {
        let fixture = CLI.root.appendingPathComponent("fixtures/claims/small.json").path
        let report = json(["claims", "--file", fixture, "--quick"])
        #expect(problems(report, schema: "claims.schema.json") == "")
        #expect(problems(report.replacingOccurrences(of: "\"verdict\" : \"holds\"", with: "\"verdict\" : \"true\""),
                         schema: "claims.schema.json") != "")
        for file in [fixture, CLI.root.appendingPathComponent("claims/reference.json").path] {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(problems(text, schema: "claims-file.schema.json") == "", "\(file)")
        }
        // The claims file --scan writes from a document's own words.
        for document in ["fixtures/found/threads-en.md", "fixtures/found/coroutines-zh.md"] {
            let scanned = json(["claims", "--scan", CLI.root.appendingPathComponent(document).path])
            #expect(scanned.contains("\"read_as\"") && scanned.contains("\"unjudged\""), "\(document)")
            #expect(problems(scanned, schema: "claims-file.schema.json") == "", "\(document)")
        }
    }

    @Test func comparisonsFollowTheirSchema() {
        let report = CLI.root.appendingPathComponent("fixtures/reports/run.json").path
        #expect(problems(json(["compare", report, report]), schema: "compare.schema.json") == "")
        #expect(problems(json(["compare", report, report, report]), schema: "compare.schema.json") == "")
    }
}
