// swift-tools-version:6.0
import PackageDescription

// One direction of flow: pyvs (CLI) -> Bench (catalogue, runner, worker)
// -> Measure (child processes, rusage, /proc, the JSON schema) -> Report
// (tables, Markdown, HTML, charts). Console holds what every layer prints
// with (number formats, the progress line, writing output).
let package = Package(
    name: "pyvs",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pyvs", targets: ["pyvs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
    ],
    targets: [
        // Python.h through pkg-config `python3-embed` (the Makefile points
        // PKG_CONFIG_PATH at another CPython when PYTHON= is given).
        .systemLibrary(name: "CPython", pkgConfig: "python3-embed",
                       providers: [.apt(["python3-dev", "pkg-config"])]),
        // One header: a compiler barrier so native kernels cannot be folded.
        .systemLibrary(name: "CBlackhole"),
        // The only target that sees the CPython C API.
        .target(name: "PyEmbed", dependencies: ["CPython"]),
        .target(name: "Console"),
        // prctl(2) is variadic and sched_getcpu(3) needs _GNU_SOURCE: a few lines of C.
        .systemLibrary(name: "CProcess"),
        .target(name: "Measure", dependencies: ["CProcess", "Console"]),
        .target(name: "Kernels", dependencies: ["CBlackhole", "Console", "Measure"]),
        // The CommonMark parser that finds a document's code blocks.
        // (No pkgConfig: Debian's libcmark-gfm.pc also links the extensions library, which pyvs does not use.)
        .systemLibrary(name: "CCmark", providers: [.apt(["libcmark-gfm-dev"])]),
        .target(name: "Snippets", dependencies: ["CCmark"]),
        // The local HTTP server of the io-bound scenario (SwiftNIO).
        .target(name: "Services", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "Report", dependencies: ["Console", "Measure"]),
        .target(name: "Bench", dependencies: [
            "Console", "PyEmbed", "Kernels", "Measure", "Snippets", "Services",
            // One event loop's timers (massive).
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            // UnsafeAtomic: atomics in memory shared by forked processes (shared-memory).
            .product(name: "Atomics", package: "swift-atomics"),
        ]),
        .executableTarget(name: "pyvs", dependencies: [
            "Bench", "Console", "Measure", "Report", "Snippets", "PyEmbed",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "MeasureTests", dependencies: ["Measure", "Console"], path: "Tests/MeasureTests"),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels"], path: "Tests/KernelsTests"),
        .testTarget(name: "SnippetsTests", dependencies: ["Snippets"], path: "Tests/SnippetsTests"),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Measure", "Console"], path: "Tests/ReportTests"),
        .testTarget(name: "ServicesTests", dependencies: ["Services"], path: "Tests/ServicesTests"),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Measure", "Kernels", "Services"], path: "Tests/BenchTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["Measure", "Bench"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
