// swift-tools-version:6.0
import PackageDescription

// pyvs runs on Linux only: it reads /proc, becomes a child subreaper
// (prctl), embeds the CPython of python3-dev and measures with wait4 and
// sched_getcpu. No other platform is supported.
//
// One direction of flow: pyvs (the command line) -> Claims (a claims
// file's experiments and verdicts) and Snippets (a document's blocks run)
// -> Bench (catalogue, runner, worker) -> Processes (starting, supervising and killing
// children) and Measure (clocks, memory, machine facts, statistics) ->
// Contract (every output document and its validation) -> Report (tables,
// Markdown, HTML, charts; never process supervision). Console holds what
// the layers print with (number formats, the progress line, writing files).
let package = Package(
    name: "pyvs",
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
        // The output documents (pyvs.run/1, snippets, claims, compare): types and validation only.
        .target(name: "Contract"),
        .target(name: "Console", dependencies: ["Contract"]),
        // The version and the commit stamped at build time.
        .plugin(name: "CommitStamp", capability: .buildTool()),
        .target(name: "BuildInfo", plugins: ["CommitStamp"]),
        // prctl(2) is variadic and sched_getcpu(3) needs _GNU_SOURCE: a few lines of C.
        .systemLibrary(name: "CProcess"),
        .target(name: "Measure", dependencies: ["CProcess", "Contract"]),
        // Starting, supervising, containing and killing children: the only target that waits for or kills one.
        .target(name: "Processes", dependencies: ["CProcess", "Console", "Contract", "Measure"]),
        .target(name: "Kernels", dependencies: ["CBlackhole", "Console", "Measure", "Processes"]),
        // The CommonMark parser that finds a document's code blocks.
        // (No pkgConfig: Debian's libcmark-gfm.pc also links the extensions library, which pyvs does not use.)
        .systemLibrary(name: "CCmark", providers: [.apt(["libcmark-gfm-dev"])]),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        // The local HTTP server of the io-bound scenario (SwiftNIO).
        .target(name: "Services", dependencies: [
            "Console",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .target(name: "Report", dependencies: ["Console", "Contract", "Measure", "Markdown"]),
        .target(name: "Bench", dependencies: [
            "BuildInfo", "Console", "Contract", "PyEmbed", "Kernels", "Measure", "Processes", "Services",
            // One event loop's timers (massive).
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            // UnsafeAtomic: atomics in memory shared by forked processes (shared-memory).
            .product(name: "Atomics", package: "swift-atomics"),
        ]),
        // A document's code blocks run in the sandbox, or beside a scenario's rows.
        .target(name: "Snippets", dependencies: ["Bench", "Console", "Contract", "Markdown", "Measure", "Processes"]),
        // A claims file read, its experiments run through the runner, each claim judged.
        .target(name: "Claims", dependencies: ["Bench", "Console", "Contract", "Markdown", "Measure", "Processes"]),
        .executableTarget(name: "pyvs", dependencies: [
            "Bench", "BuildInfo", "Claims", "Console", "Contract", "Markdown", "Measure", "Processes", "Report", "Snippets", "PyEmbed",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ContractTests", dependencies: ["Contract"], path: "Tests/ContractTests"),
        .testTarget(name: "PyEmbedTests", dependencies: ["PyEmbed"], path: "Tests/PyEmbedTests"),
        .testTarget(name: "ConsoleTests", dependencies: ["Console"], path: "Tests/ConsoleTests"),
        .testTarget(name: "MeasureTests", dependencies: ["Measure", "Contract", "Console"], path: "Tests/MeasureTests"),
        .testTarget(name: "ProcessesTests", dependencies: ["Processes", "Measure", "Console"], path: "Tests/ProcessesTests"),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels"], path: "Tests/KernelsTests"),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], path: "Tests/MarkdownTests"),
        .testTarget(name: "SnippetsTests", dependencies: ["Snippets", "Processes"], path: "Tests/SnippetsTests"),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Bench", "Contract", "Measure", "Report"], path: "Tests/ClaimsTests"),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Contract", "Measure", "Console"], path: "Tests/ReportTests"),
        .testTarget(name: "ServicesTests", dependencies: ["Services"], path: "Tests/ServicesTests"),
        .testTarget(name: "BenchTests", dependencies: ["Bench", "Contract", "Measure", "Processes", "Kernels", "Services", "Report"], path: "Tests/BenchTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["Contract", "Processes", "Measure", "Bench"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
