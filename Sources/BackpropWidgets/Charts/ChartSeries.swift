/// A named line on a chart and the role that picks its style from the theme.
public struct ChartSeries: Sendable {
    /// Which theme style draws the series.
    public enum Role: Sendable {
        case train
        case test
        case accent
        /// The theme's class colour with this index (cycled): one line per layer.
        case palette(Int)
    }

    public var name: String
    public var points: [SeriesPoint]
    public var role: Role

    public init(name: String, points: [SeriesPoint], role: Role) {
        self.name = name
        self.points = points
        self.role = role
    }

    /// A series showing everything a history has kept.
    public init(name: String, history: SeriesHistory, role: Role) {
        self.init(name: name, points: history.points, role: role)
    }

    func style(in theme: Theme) -> Style { role.style(in: theme) }

    /// In monochrome, every series after the first is dashed so lines stay apart.
    static func isDashed(at index: Int, in theme: Theme) -> Bool {
        !theme.distinguishesByColor && index > 0
    }
}

extension ChartSeries.Role {
    /// The style a series in this role is drawn with (also for legends drawn outside a chart).
    public func style(in theme: Theme) -> Style {
        switch self {
        case .train: theme.trainSeries
        case .test: theme.testSeries
        case .accent: theme.accent
        case .palette(let index):
            theme.classColors.isEmpty ? theme.text : Style(foreground: theme.classColors[index % theme.classColors.count])
        }
    }
}
