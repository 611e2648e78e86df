import CPython
import Foundation

/// Start-up and facts of the embedded CPython.
public enum Interpreter {
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts CPython with an isolated PyConfig whose `executable` is the
    /// interpreter that matches the embedded library, so that multiprocessing
    /// (spawn, forkserver) starts that interpreter and not the pyvs binary or
    /// the first `python3` on PATH. `searchPaths` go to the front of sys.path.
    /// On return the calling thread holds the GIL.
    /// `unbuffered`: sys.stdout and sys.stderr write through at once (as
    /// `python -u`), so output written before a crash is not lost.
    public static func start(executable: String, searchPaths: [String] = [], argv: [String] = ["pyvs"], unbuffered: Bool = false) throws {
        // On the heap: passing `&config` and `&config.executable` of one local
        // variable to the same call is an exclusivity error in Swift.
        let config = UnsafeMutablePointer<PyConfig>.allocate(capacity: 1)
        defer { PyConfig_Clear(config); config.deallocate() }
        PyConfig_InitIsolatedConfig(config)
        pyvs_config_gil_from_environment(config)
        try check(PyConfig_SetBytesString(config, &config.pointee.executable, executable), "executable")
        if unbuffered { config.pointee.buffered_stdio = 0 }
        // pyvs reads what Python prints as UTF-8, whatever the locale says.
        try check(PyConfig_SetBytesString(config, &config.pointee.stdio_encoding, "utf-8"), "stdio encoding")
        try check(PyConfig_SetBytesString(config, &config.pointee.stdio_errors, "backslashreplace"), "stdio errors")
        let cArgv = argv.map { strdup($0) }
        defer { cArgv.forEach { free($0) } }
        var argvPointers = cArgv
        try check(PyConfig_SetBytesArgv(config, Py_ssize_t(argvPointers.count), &argvPointers), "argv")
        try check(Py_InitializeFromConfig(config), "initialise")
        if !searchPaths.isEmpty {
            let sys = try Python.importModule("sys")
            let path = try sys.attribute("path")
            for (offset, entry) in searchPaths.enumerated() {
                let item = try PyRef(entry)
                guard PyList_Insert(path.pointer, offset, item.pointer) == 0 else { throw PythonError.fetch() }
            }
        }
    }

    private static func check(_ status: PyStatus, _ step: String) throws {
        if PyStatus_Exception(status) != 0 {
            let message = status.err_msg.map { String(cString: $0) } ?? "unknown error"
            throw StartError(description: "cannot start the embedded CPython (\(step)): \(message)")
        }
    }

    /// The embedded library's version, e.g. "3.11.2", without starting it.
    public static var libraryVersion: String {
        String(cString: Py_GetVersion()).split(separator: " ").first.map(String.init) ?? "unknown"
    }

    /// The build's name as its library names it (sysconfig's LDVERSION):
    /// "3.11", or "3.13t" for a free-threaded build.
    public static var compiledName: String {
        let (major, minor) = compiledVersion
        return "\(major).\(minor)" + (pyvs_free_threaded_build() != 0 ? "t" : "")
    }

    /// (major, minor) of the headers pyvs was compiled against.
    public static var compiledVersion: (major: Int, minor: Int) {
        (Int(PY_MAJOR_VERSION), Int(PY_MINOR_VERSION))
    }

    /// The file of the loaded libpython, from this process's memory map.
    public static var libraryPath: String? {
        // Read to the end: /proc files report size 0, and a one-shot read of
        // a large map (many libraries loaded) comes back short.
        guard let data = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() else { return nil }
        let maps = String(decoding: data, as: UTF8.self)
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/") else { continue }
            let path = String(line[slash...])
            if URL(fileURLWithPath: path).lastPathComponent.hasPrefix("libpython") {
                return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            }
        }
        return nil
    }

    /// The python executable that belongs to the embedded library:
    /// `<prefix>/lib/libpython3.X.so` -> `<prefix>/bin/python3.X`, and
    /// Debian's `/usr/lib/<triplet>/libpython3.X.so` -> `/usr/bin/python3.X`.
    public static func matchingExecutable() -> String? {
        let (major, minor) = compiledVersion
        let name = "python\(major).\(minor)"
        var candidates: [String] = []
        if let library = libraryPath {
            var dir = URL(fileURLWithPath: library).deletingLastPathComponent()
            for _ in 0..<3 {
                if dir.lastPathComponent == "lib" {
                    candidates.append(dir.deletingLastPathComponent().appendingPathComponent("bin/\(name)").path)
                    break
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append("/usr/bin/\(name)")
        candidates.append("/usr/local/bin/\(name)")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Acts as the plain python interpreter (`python -c ...`). Used when a
    /// multiprocessing child is started with the pyvs binary as executable.
    public static func runAsPython(_ arguments: [String]) -> Int32 {
        var cArgs = arguments.map { strdup($0) }
        defer { cArgs.forEach { free($0) } }
        return Py_BytesMain(Int32(cArgs.count), &cArgs)
    }
}
