import Foundation

/// Where pyvs finds itself and its Python programs.
public enum Paths {
    /// The running pyvs binary (re-executed for every measured run).
    public static var selfExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The folder holding the `pyvs_py` package: $PYVS_PYTHON_DIR, else the
    /// `python/` folder of the checkout pyvs was built from, else one found
    /// walking up from the binary.
    public static var pythonDirectory: String {
        if let fromEnvironment = ProcessInfo.processInfo.environment["PYVS_PYTHON_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        // This file is Sources/Bench/Worker/Paths.swift in the checkout.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("python")
        if hasPackage(checkout.path) { return checkout.path }
        var dir = URL(fileURLWithPath: selfExecutable).deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("python").path
            if hasPackage(candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return checkout.path
    }

    private static func hasPackage(_ dir: String) -> Bool {
        FileManager.default.fileExists(atPath: dir + "/pyvs_py/__init__.py")
    }
}
