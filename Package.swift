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
        // Presets, headless training, sessions, screens and the command line.
        .target(name: "BackpropApp", dependencies: [
            "BackpropEngine", "BackpropData", "BackpropWidgets", "BackpropTerminal",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "backprop", dependencies: ["BackpropApp"]),

        .testTarget(name: "BackpropEngineTests", dependencies: ["BackpropEngine"]),
        .testTarget(name: "BackpropDataTests", dependencies: ["BackpropData"]),
        .testTarget(name: "BackpropWidgetsTests", dependencies: ["BackpropWidgets"]),
        .testTarget(name: "BackpropTerminalTests", dependencies: ["BackpropTerminal", "CNCursesW"]),
        .testTarget(name: "BackpropAppTests", dependencies: ["BackpropApp"]),
    ],
    swiftLanguageModes: [.v6]
)
