// swift-tools-version:6.0
import PackageDescription

/// Numeric code is compiled with bounds checks off in release builds: the engine's
/// hot loops work on raw buffers whose sizes are checked once, when they are allocated.
let fastMath: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
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
    ],
    swiftLanguageModes: [.v6]
)
