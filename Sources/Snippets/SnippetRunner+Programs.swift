import Bench
import Console
import Contract
import Foundation
import Markdown
import Measure
import Processes

/// Blocks in the languages of the other runtimes the documents compare. A
/// program (Go's `package main` with `func main`, a `main` in C, C++, Rust
/// and Java, any JavaScript) is built outside the sandbox — timed apart,
/// and cached by its text — then run as a Python block is: in the
/// sandbox, under the same limits, its tree's memory and concurrency
/// measured; its exit status is its verdict. A fragment is reported as
/// one; a missing toolchain skips the block with the command that installs it.
extension SnippetRunner {
    /// How one language's blocks are told apart, built and run.
    struct ProgramLanguage: Sendable {
        let name: String
        /// An id of `Runtimes.all`.
        let runtime: String
        /// What makes a block a program, and the words for what a fragment lacks.
        let main: String
        let lacks: String
        /// The tool that builds it (nil: run as it is), and the file it reads.
        let tool: String?
        let file: @Sendable (String) -> String
    }

    static let programLanguages: [String: ProgramLanguage] = {
        let c = ProgramLanguage(name: "C", runtime: "cpp", main: #"\bint\s+main\s*\("#, lacks: "int main()", tool: "gcc", file: { _ in "main.c" })
        let cpp = ProgramLanguage(name: "C++", runtime: "cpp", main: #"\bint\s+main\s*\("#, lacks: "int main()", tool: "g++", file: { _ in "main.cpp" })
        let go = ProgramLanguage(name: "Go", runtime: "go", main: #"(?s)package\s+main\b.*\bfunc\s+main\s*\("#, lacks: "func main in package main",
                                 tool: "go", file: { _ in "main.go" })
        let rust = ProgramLanguage(name: "Rust", runtime: "rust", main: #"\bfn\s+main\s*\("#, lacks: "fn main()", tool: "rustc", file: { _ in "main.rs" })
        let java = ProgramLanguage(name: "Java", runtime: "java", main: #"\bstatic\s+void\s+main\s*\("#, lacks: "static void main(String[])",
                                   tool: "javac", file: { code in (className(code) ?? "Main") + ".java" })
        let js = ProgramLanguage(name: "JavaScript", runtime: "node", main: #"[\s\S]"#, lacks: "code", tool: nil, file: { _ in "main.js" })
        return ["c": c, "cpp": cpp, "c++": cpp, "cc": cpp, "go": go, "golang": go, "rust": rust, "rs": rust, "java": java,
                "javascript": js, "js": js, "node": js]
    }()

    /// The class holding `main` ("public class Demo").
    static func className(_ code: String) -> String? {
        guard let range = code.range(of: #"(?:public\s+)?(?:final\s+)?class\s+[A-Za-z_][A-Za-z0-9_]*"#, options: .regularExpression) else { return nil }
        return code[range].split(separator: " ").last.map(String.init)
    }

    /// Whether pyvs runs this block as a program of another language.
    static func runsAsProgram(_ block: CodeBlock) -> Bool {
        block.fenced && !block.isPython && !block.directives.skip && programLanguages[block.language] != nil
    }

    /// `runtimes`: what `Runtimes.found(ids:)` found for the document's program blocks.
    func runProgram(_ block: CodeBlock, folder: String, runtimes: [String: RuntimeFound]) -> SnippetResult {
        let language = Self.programLanguages[block.language]!
        func skipped(_ problem: RowProblem, status: RunStatus = .skipped) -> SnippetResult {
            var result = SnippetResult(index: block.index, line: block.line, language: block.language, status: status, reason: problem)
            result.program = true
            return result
        }
        guard block.code.range(of: language.main, options: .regularExpression) != nil else {
            return skipped(.fragment(language: language.name, lacks: language.lacks))
        }
        guard let spec = Runtimes.all.first(where: { $0.id == language.runtime }),
              let found = runtimes[spec.id] else { return skipped(.buildFailed(runtime: language.name, message: "unknown")) }
        guard let version = found.version else {
            return skipped(.runtimeMissing(runtime: spec.name, missing: found.missing, install: found.installCommand))
        }
        let file = language.file(block.code)
        let work = folder + "/block-\(block.index)"
        do { try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true) } catch {
            return skipped(.cannotWrite(what: work, message: error.localizedDescription), status: .failed)
        }
        defer { try? FileManager.default.removeItem(atPath: work) }
        var command: [String]
        var built: BlockNote?
        if let tool = language.tool {
            let started = Clock.now()
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let product = ProgramBuild.folder(for: Data(block.code.utf8), named: name, in: block.language, version: version)
            let cached = FileManager.default.fileExists(atPath: product)
            let result = ProgramBuild.build(Data(block.code.utf8), named: name, in: block.language, version: version, runtime: spec.name,
                                            supervisor: supervisor) { output in
                let source = URL(fileURLWithPath: output).deletingLastPathComponent().path + "/" + file
                try? block.code.write(toFile: source, atomically: true, encoding: .utf8)
                return (ProgramBuild.compileCommand(tool, source: source, output: output), ProgramBuild.toolEnvironment(tool))
            }
            switch result {
            case .failure(.buildFailed(let runtime, let message)):
                // The compiler names the block's file in pyvs's cache: shown as the document's block.
                let cache = URL(fileURLWithPath: product).deletingLastPathComponent().path + "/"
                return skipped(.buildFailed(runtime: runtime, message: message.replacingOccurrences(of: cache, with: "")), status: .failed)
            case .failure(let problem): return skipped(problem, status: .failed)
            case .success(let built): command = built
            }
            if tool == "javac", let java = SearchPath.locate("java") { command = [java, "-cp", command[0], name] }
            built = .built(tool: tool, seconds: Clock.now() - started, cached: cached)
        } else {
            guard let node = SearchPath.locate("node") else { return skipped(.runtimeMissing(runtime: spec.name, missing: ["node"], install: nil)) }
            let source = work + "/" + file
            do { try block.code.write(toFile: source, atomically: true, encoding: .utf8) } catch {
                return skipped(.cannotWrite(what: source, message: error.localizedDescription), status: .failed)
            }
            command = [node, source]
        }
        // In the block's own folder, then the program. In the sandbox its CPU
        // time does not reach pyvs's wait4 (bubblewrap's init reaps it), so
        // the shell waits for it and writes its children's times (`times`,
        // 10 ms ticks) on the report pipe.
        var arguments = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", work] + command
        if let sandbox = options.sandbox {
            arguments = sandbox.command(["/bin/sh", "-c", "cd \"$0\" || exit 1; \"$@\"; status=$?; times >&3; exit $status", work] + command,
                                        writable: [work])
        }
        var process = ChildProcess(arguments: arguments)
        process.timeout = timeout(of: block)
        process.memoryLimitBytes = options.limits.memoryLimitBytes
        process.maxProcesses = options.limits.maxProcesses
        process.captureLimitBytes = options.outputLimitBytes
        process.readsTreePSS = true
        let outcome = run(process)
        var result = row(from: BlockEnd(
            ending: outcome.ending,
            stdout: clean(outcome.stdout, truncated: outcome.stdoutTruncated, file: work + "/" + file, display: file),
            stderr: clean(outcome.stderr, truncated: outcome.stderrTruncated, file: work + "/" + file, display: file),
            wallSeconds: outcome.processWallSeconds,
            cpuSeconds: max(outcome.userSeconds + outcome.systemSeconds, Self.childrenTimes(outcome.report) ?? 0),
            peakRSSBytes: outcome.treePeakRSSBytes, treePeakPSSBytes: outcome.treePeakPSSAtPeakBytes,
            leftovers: outcome.leftoverProcesses, program: true), of: block)
        if let built { result.note(built) }
        result.program = true
        return result
    }

    /// The children's user and system seconds a shell's `times` printed ("0m0.090000s 0m0.080000s" on its second line).
    static func childrenTimes(_ report: Data) -> Double? {
        let lines = String(decoding: report, as: UTF8.self).split(separator: "\n")
        guard lines.count >= 2 else { return nil }
        let times = lines[1].split(separator: " ").compactMap { field -> Double? in
            let parts = field.dropLast().split(separator: "m")  // "0m0.090000s"
            guard parts.count == 2, let minutes = Double(parts[0]), let seconds = Double(parts[1]) else { return nil }
            return minutes * 60 + seconds
        }
        return times.count == 2 ? times[0] + times[1] : nil
    }
}
