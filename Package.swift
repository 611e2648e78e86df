// swift-tools-version:6.0
import PackageDescription

// One direction of flow: pyvs (CLI) -> Bench (catalogue, runner, worker)
// -> Measure (child processes, rusage, /proc) -> Report (table, md, json, html).
let package = Package(
    name: "pyvs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pyvs", targets: ["pyvs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Python.h through pkg-config `python3-embed` (the Makefile points
        // PKG_CONFIG_PATH at another CPython when PYTHON= is given).
        .systemLibrary(name: "CPython", pkgConfig: "python3-embed",
                       providers: [.apt(["python3-dev", "pkg-config"])]),
        // One header: a compiler barrier so native kernels cannot be folded.
        .systemLibrary(name: "CBlackhole"),
        .target(name: "PyEmbed", dependencies: ["CPython"]),
        .target(name: "Kernels", dependencies: ["CBlackhole"]),
        .target(name: "Measure"),
        .target(name: "Report", dependencies: ["Measure"]),
        .target(name: "Snippets", dependencies: ["Measure"]),
        .target(name: "Bench", dependencies: ["PyEmbed", "Kernels", "Measure", "Report", "Snippets"]),
        .executableTarget(name: "pyvs", dependencies: [
            "Bench", "PyEmbed", "Report", "Measure", "Snippets",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "PyvsTests", dependencies: ["Bench", "Kernels", "Measure", "Report", "Snippets", "PyEmbed"]),
    ],
    swiftLanguageModes: [.v5]
)
