// swift-tools-version:6.0
import Foundation
import PackageDescription

/// On an x86-64 build machine with AVX2 and FMA (Intel since 2013, AMD since 2015), the
/// numeric code is compiled for them: each eight-float SIMD operation is then one
/// instruction instead of two SSE halves, which made the LSTM and transformer benchmarks
/// 10–13% faster. The binary then runs only on such CPUs, like the machine that built it;
/// `BACKPROP_PORTABLE=1` at the first build (or after `rm -rf .build`) builds for any x86-64.
let hostVectorFlags: [String] = {
    #if os(Linux) && arch(x86_64)
    guard ProcessInfo.processInfo.environment["BACKPROP_PORTABLE"] == nil,
          let cpuInfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagLine = cpuInfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
    let flags = Set(flagLine.split(separator: " ").map(String.init))
    let haswell: Set = ["avx", "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe", "abm", "popcnt", "sse4_2"]
    return flags.isSuperset(of: haswell) ? ["-target-cpu", "haswell"] : []
    #else
    return []
    #endif
}()

/// Numeric code is compiled with bounds checks off in release builds: the engine's
/// hot loops work on raw buffers whose sizes are checked once, when they are allocated.
/// (Top-level code runs in order: `hostVectorFlags` must come first.)
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"] + hostVectorFlags, .when(configuration: .release)),
]

let package = Package(
    name: "Backprop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "backprop", targets: ["backprop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries, each wrapped by a small shim header.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // The training engine: tensors, layers, losses, optimizers, trainer, probes. No UI.
        .target(name: "BackpropEngine", dependencies: ["COpenBLAS"], swiftSettings: fastMath),
        // Datasets: synthetic generators, IDX/CSV readers, input features.
        .target(name: "BackpropData", dependencies: ["BackpropEngine", "CZlib"], swiftSettings: fastMath),
        // Pure widgets drawing into a cell buffer; no curses here.
        .target(name: "BackpropWidgets"),
        // The ncursesw backend: the only code that calls curses.
        .target(name: "BackpropTerminal", dependencies: ["BackpropWidgets", "CNCursesW"]),
        // Lesson files: parsing, validation against a catalog the app passes in, Markdown
        // rendering into styled lines, and progress. No engine, no UI.
        .target(name: "BackpropLessons", dependencies: [
            "CCmarkGFM", .product(name: "Yams", package: "Yams"),
        ]),
        // Presets, headless training, sessions, screens and the command line.
        .target(name: "BackpropApp", dependencies: [
            "BackpropEngine", "BackpropData", "BackpropWidgets", "BackpropTerminal", "BackpropLessons",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "backprop", dependencies: ["BackpropApp"]),

        .testTarget(name: "BackpropEngineTests", dependencies: ["BackpropEngine"]),
        .testTarget(name: "BackpropDataTests", dependencies: ["BackpropData"]),
        .testTarget(name: "BackpropWidgetsTests", dependencies: ["BackpropWidgets"]),
        .testTarget(name: "BackpropLessonsTests", dependencies: ["BackpropLessons"]),
        .testTarget(name: "BackpropTerminalTests", dependencies: ["BackpropTerminal", "CNCursesW"]),
        .testTarget(name: "BackpropAppTests", dependencies: ["BackpropApp"]),
        // Seeded fuzzers of every reader of untrusted input, and the replay of Tests/hostile/.
        .testTarget(name: "BackpropFuzzTests", dependencies: ["BackpropApp"]),
    ],
    swiftLanguageModes: [.v6]
)
