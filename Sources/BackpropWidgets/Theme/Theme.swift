/// The styles widgets use, by role, for one kind of terminal.
///
/// Widgets never pick colours themselves; they ask the theme for a role, so the
/// same screen reads well in 256 colours, in 8, in monochrome and on a projector.
public struct Theme: Sendable {
    public let name: String
    public let depth: ColorDepth
    /// Ordinary text.
    public let text: Style
    /// Secondary text: axis labels, borders, hints.
    public let dimText: Style
    /// Titles, key names, highlighted numbers.
    public let accent: Style
    /// Positive weights and the positive end of diverging maps.
    public let positive: Style
    /// Negative weights and the negative end of diverging maps.
    public let negative: Style
    /// The training series of a chart.
    public let trainSeries: Style
    /// The test/validation series of a chart.
    public let testSeries: Style
    /// Warnings such as divergence.
    public let warning: Style
    /// Knobs a lesson has locked.
    public let lockedKnob: Style
    /// The focused row or control.
    public let focus: Style
    /// Colours of the classes of data points, cycled when there are more classes.
    public let classColors: [Color]
    /// The colour ramp heatmaps use, from most negative to most positive; empty when
    /// the theme shades heatmaps with block characters instead (8 colours, monochrome).
    public let divergingRamp: [Color]
    /// Region colours of a map of several classes: per class a pale and a stronger tint
    /// (unsure, sure); empty when the theme shades regions with characters instead.
    public let classRegionColors: [[Color]]

    public init(
        name: String, depth: ColorDepth, text: Style, dimText: Style, accent: Style,
        positive: Style, negative: Style, trainSeries: Style, testSeries: Style, warning: Style,
        lockedKnob: Style, focus: Style, classColors: [Color], divergingRamp: [Color], classRegionColors: [[Color]] = []
    ) {
        self.name = name
        self.depth = depth
        self.text = text
        self.dimText = dimText
        self.accent = accent
        self.positive = positive
        self.negative = negative
        self.trainSeries = trainSeries
        self.testSeries = testSeries
        self.warning = warning
        self.lockedKnob = lockedKnob
        self.focus = focus
        self.classColors = classColors
        self.divergingRamp = divergingRamp
        self.classRegionColors = classRegionColors
    }

    /// Whether series and classes can be told apart by colour alone.
    public var distinguishesByColor: Bool { depth != .monochrome }

    /// The usual theme for a terminal of the given depth.
    public static func standard(for depth: ColorDepth) -> Theme {
        switch depth {
        case .indexed256: .dark256
        case .basic8: .basic8
        case .monochrome: .monochrome
        }
    }

    /// The themes a user can name (`--theme`), by name.
    public static let all: [Theme] = [.dark256, .basic8, .monochrome, .highContrast]

    /// The theme called `name`, if there is one.
    public static func named(_ name: String) -> Theme? {
        all.first { $0.name == name }
    }
}
