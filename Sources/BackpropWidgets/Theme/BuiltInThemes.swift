extension Theme {
    /// Orange (negative) through near-white to blue (positive), as in TensorFlow Playground.
    private static let playgroundRamp: [Color] = [166, 208, 214, 215, 216, 223, 255, 189, 153, 110, 74, 32, 25].map { .indexed($0) }

    /// For dark terminals with 256 colours.
    public static let dark256 = Theme(
        name: "dark",
        depth: .indexed256,
        text: .plain,
        dimText: Style(foreground: .indexed(245)),
        accent: Style(foreground: .indexed(117), attributes: .bold),
        positive: Style(foreground: .indexed(33)),
        negative: Style(foreground: .indexed(208)),
        trainSeries: Style(foreground: .indexed(39)),
        testSeries: Style(foreground: .indexed(214)),
        warning: Style(foreground: .indexed(196), attributes: .bold),
        lockedKnob: Style(foreground: .indexed(240)),
        focus: Style(foreground: .indexed(16), background: .indexed(117), attributes: .bold),
        // Eight, so that the health chart's seven layers of lesson 7 each get their own.
        classColors: [.indexed(166), .indexed(25), .indexed(28), .indexed(127), .indexed(136), .indexed(30), .indexed(160), .indexed(98)],
        divergingRamp: playgroundRamp,
        classRegionColors: [[223, 216], [153, 111], [151, 114], [225, 176], [229, 186], [159, 80]].map { $0.map { .indexed($0) } }
    )

    /// For terminals with the eight basic colours.
    public static let basic8 = Theme(
        name: "basic",
        depth: .basic8,
        text: .plain,
        dimText: Style(attributes: .dim),
        accent: Style(foreground: .cyan, attributes: .bold),
        positive: Style(foreground: .blue),
        negative: Style(foreground: .yellow),
        trainSeries: Style(foreground: .cyan),
        testSeries: Style(foreground: .yellow),
        warning: Style(foreground: .red, attributes: .bold),
        lockedKnob: Style(attributes: .dim),
        focus: Style(foreground: .black, background: .cyan),
        classColors: [.yellow, .blue, .green, .magenta, .red, .cyan, .white],
        divergingRamp: []
    )

    /// No colour at all: series, classes and signs differ by characters and attributes.
    public static let monochrome = Theme(
        name: "mono",
        depth: .monochrome,
        text: .plain,
        dimText: Style(attributes: .dim),
        accent: Style(attributes: .bold),
        positive: .plain,
        negative: .plain,
        trainSeries: .plain,
        testSeries: .plain,
        warning: Style(attributes: [.bold, .reverse]),
        lockedKnob: Style(attributes: .dim),
        focus: Style(attributes: .reverse),
        classColors: [.terminalDefault],
        divergingRamp: []
    )

    /// Bright, bold colours on black for projectors and poor displays.
    public static let highContrast = Theme(
        name: "projector",
        depth: .basic8,
        text: Style(foreground: .white, background: .black, attributes: .bold),
        dimText: Style(foreground: .white, background: .black),
        accent: Style(foreground: .yellow, background: .black, attributes: .bold),
        positive: Style(foreground: .cyan, background: .black, attributes: .bold),
        negative: Style(foreground: .yellow, background: .black, attributes: .bold),
        trainSeries: Style(foreground: .cyan, background: .black, attributes: .bold),
        testSeries: Style(foreground: .yellow, background: .black, attributes: .bold),
        warning: Style(foreground: .white, background: .red, attributes: .bold),
        lockedKnob: Style(foreground: .white, background: .black),
        focus: Style(foreground: .black, background: .yellow, attributes: .bold),
        classColors: [.yellow, .cyan, .green, .magenta, .red, .white],
        divergingRamp: []
    )
}
