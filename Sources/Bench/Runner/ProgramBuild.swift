import Console
import Contract
import Foundation
import Processes

/// A program variant made runnable, once per run in the host: its runtime
/// found here, and a compiled language's binary built (with the
/// compiler's optimised defaults) into pyvs's cache, keyed by the source
/// and the compiler's version, so a second run does not build again.
public enum ProgramBuild {
    /// The command that runs the program (its arguments follow), or why it
    /// cannot run here; `runtimes`: what `Runtimes.found(ids:)` found.
    public static func command(for program: Program, runtimes: [String: RuntimeFound], supervisor: Supervisor) -> Result<[String], RowProblem> {
        guard let spec = Runtimes.all.first(where: { $0.id == program.runtime }) else {
            return .failure(.buildFailed(runtime: program.runtime, message: "no such runtime in pyvs's list"))
        }
        let found = runtimes[spec.id]
        guard let version = found?.version else {
            return .failure(.runtimeMissing(runtime: spec.name, missing: found?.missing ?? [], install: found?.installCommand))
        }
        let source = Paths.dataDirectory + "/" + program.source
        guard let text = contents(of: source) else {
            return .failure(.buildFailed(runtime: spec.name, message: "\(source) not found"))
        }
        let stem = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        switch program.runtime {
        case "node":
            guard let node = SearchPath.locate("node") else { return .failure(.runtimeMissing(runtime: spec.name, missing: ["node"], install: nil)) }
            return .success([node, source])
        case "go", "cpp":
            let tool = program.runtime == "go" ? "go" : "g++"
            return build(text, named: stem, in: program.runtime, version: version, runtime: spec.name, supervisor: supervisor) { output in
                (compileCommand(tool, source: source, output: output), toolEnvironment(tool))
            }
        case "java":
            // Virtual threads came with JDK 21 (Debian 12 ships 17).
            let major = version.split(whereSeparator: { !$0.isNumber }).first.flatMap { Int($0) } ?? 0
            if program.mode.contains("virtual"), major < 21 {
                return .failure(.runtimeMissing(runtime: "Java virtual threads", missing: ["JDK 21 or later (this one: \(version))"], install: nil))
            }
            guard let java = SearchPath.locate("java") else { return .failure(.runtimeMissing(runtime: spec.name, missing: ["java"], install: nil)) }
            return build(text, named: stem, in: program.runtime, version: version, runtime: spec.name, supervisor: supervisor) { output in
                // The classes go into a folder named as the binary would be; `java -cp` runs them.
                (compileCommand("javac", source: source, output: output), toolEnvironment("javac"))
            }.map { [java, "-cp", $0[0], stem] }
        case "rust":
            // A cargo project: copied into the cache with a config that builds offline from Debian's crates.
            let name = URL(fileURLWithPath: source).lastPathComponent
            return build(text, named: name, in: program.runtime, version: version, runtime: spec.name, supervisor: supervisor) { output in
                cargo(project: source, name: name, into: output)
            }
        default:
            return .failure(.buildFailed(runtime: spec.name, message: "pyvs does not build \(spec.name) programs yet"))
        }
    }

    /// A file's bytes, or a folder's (its files in order, a build's target/ left out).
    static func contents(of path: String) -> Data? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return FileManager.default.contents(atPath: path) }
        let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix("target") && !$0.hasPrefix(".") }.sorted()
        return files.reduce(into: Data()) { data, file in
            data += Data(file.utf8) + (FileManager.default.contents(atPath: path + "/" + file) ?? Data())
        }
    }

    /// The shell command that builds a cargo project offline and puts its binary at `output`.
    static func cargo(project: String, name: String, into output: String) -> ([String], [String: String]) {
        let work = URL(fileURLWithPath: output).deletingLastPathComponent().path + "/project"
        let config = """
            [source.crates-io]
            replace-with = "debian"
            [source.debian]
            directory = "\(Runtimes.cargoRegistry)"
            [net]
            offline = true
            """
        var environment = ProcessInfo.processInfo.environment
        environment["CARGO_TARGET_DIR"] = Paths.cacheDirectory() + "/cargo-target"
        let script = "set -e; rm -rf \"$1\"; cp -r \"$2\" \"$1\"; mkdir -p \"$1/.cargo\"; printf '%s\\n' \"$3\" > \"$1/.cargo/config.toml\"; "
            + "cd \"$1\"; cargo build --release --offline --quiet; cp \"$CARGO_TARGET_DIR/release/$4\" \"$5\""
        return (["sh", "-c", script, "sh", work, project, config, name, output], environment)
    }

    /// How each tool builds one file with its release flags (javac: a folder of classes at `output`).
    public static func compileCommand(_ tool: String, source: String, output: String) -> [String] {
        switch tool {
        case "gcc": return ["gcc", "-O2", "-pthread", "-o", output, source, "-lm"]
        case "g++": return ["g++", "-O2", "-std=c++17", "-pthread", "-o", output, source]
        case "go": return ["go", "build", "-o", output, source]
        case "rustc": return ["rustc", "-O", "--edition", "2021", "-o", output, source]
        default: return ["javac", "-d", output, source]
        }
    }

    /// The environment a tool builds in (Go's cache in pyvs's).
    public static func toolEnvironment(_ tool: String) -> [String: String] {
        tool == "go" ? goEnvironment() : ProcessInfo.processInfo.environment
    }

    /// Where `build` keeps the program built from `text`.
    public static func folder(for text: Data, named name: String, in runtimeID: String, version: String) -> String {
        Paths.cacheDirectory() + "/programs/\(runtimeID)-\(name)-\(key(text, version))/\(name)"
    }

    /// Go keeps its build cache in pyvs's, so a read-only or empty home does not stop it.
    static func goEnvironment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GOCACHE"] = Paths.cacheDirectory() + "/go-build"
        environment["GOPATH"] = Paths.cacheDirectory() + "/go"
        environment["GO111MODULE"] = "off"  // one file, the standard library alone
        return environment
    }

    /// The binary for `text`, from the cache or built now into a temporary
    /// name and moved into place (a build killed halfway leaves nothing).
    public static func build(_ text: Data, named name: String, in runtimeID: String, version: String, runtime: String, supervisor: Supervisor,
                      command: (String) -> ([String], [String: String])) -> Result<[String], RowProblem> {
        let binary = self.folder(for: text, named: name, in: runtimeID, version: version)
        let folder = URL(fileURLWithPath: binary).deletingLastPathComponent().path
        if FileManager.default.fileExists(atPath: binary) { return .success([binary]) }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            return .failure(.buildFailed(runtime: runtime, message: "cannot create \(folder): \(error.localizedDescription)"))
        }
        let partial = binary + ".partial-\(getpid())"
        let (arguments, environment) = command(partial)
        guard let tool = SearchPath.locate(arguments[0]) else { return .failure(.runtimeMissing(runtime: runtime, missing: [arguments[0]], install: nil)) }
        var child = ChildProcess(arguments: [tool] + arguments.dropFirst())
        child.environment = environment
        child.timeout = 600
        let outcome = child.run(in: supervisor)
        guard outcome.ending == .exited(0), FileManager.default.fileExists(atPath: partial) else {
            try? FileManager.default.removeItem(atPath: partial)
            let said = Format.lastLine(String(decoding: outcome.stderr, as: UTF8.self)) ?? "\(outcome.ending)"
            return .failure(.buildFailed(runtime: runtime, message: said))
        }
        guard rename(partial, binary) == 0 else { return .failure(.buildFailed(runtime: runtime, message: "cannot move the build into \(folder)")) }
        return .success([binary])
    }

    /// FNV-1a over the source and the compiler's version: a cache key, not a digest anyone relies on for safety.
    static func key(_ text: Data, _ version: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text + Data(version.utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
