/// A named line on a chart and the role that picks its style from the theme.
public struct ChartSeries: Sendable {
    /// Which theme style draws the series.
    public enum Role: Sendable {
        case train
        case test
        case accent
        /// The theme's class colour with this index (cycled): one line per layer.
        case palette(Int)
        /// A noisy backdrop to the other lines (each step's batch loss): dim, dotted without
        /// colour, and outside the numbering of the other series.
        case backdrop
        /// A run kept for comparison: dim and dashed, named by its letter at the line's end
        /// and in the legend, outside the numbering of the live series.
        case reference(Character)
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

    /// How series `index` of `count` stays apart from the others: by colour when the theme
    /// has colours; in monochrome by a line pattern (solid, dashed, dotted), and when there
    /// are more series than patterns, by a number written at the line's end and in the legend.
    static func mark(at index: Int, of count: Int, in theme: Theme) -> SeriesMark {
        guard !theme.distinguishesByColor, count > 1 else { return SeriesMark(pattern: .solid, glyph: "━", number: nil) }
        return patternMark(at: index, of: count)
    }

    /// `mark` over a chart's series: a backdrop takes the dotted line and leaves the patterns
    /// and numbers to the others, so they read the same with or without it.
    static func marks(of series: [Role], in theme: Theme) -> [SeriesMark] {
        let foreground = series.filter { !$0.isBackdrop && $0.referenceLetter == nil }.count
        var position = 0
        return series.map { role in
            if role.isBackdrop { return SeriesMark(pattern: theme.distinguishesByColor ? .solid : .dotted, glyph: "┈", number: nil) }
            if let letter = role.referenceLetter { return SeriesMark(pattern: .dashed, glyph: "┅", number: letter) }
            defer { position += 1 }
            return mark(at: position, of: foreground, in: theme)
        }
    }

    private static let patterns: [(LinePattern, String)] = [(.solid, "━"), (.dashed, "┅"), (.dotted, "┈")]
    private static let numbers = Array("123456789abcdefghijklmnopqrstuvwxyz")

    private static func patternMark(at index: Int, of count: Int) -> SeriesMark {
        let (pattern, glyph) = patterns[index % patterns.count]
        let number = count > patterns.count ? numbers[index % numbers.count] : nil
        return SeriesMark(pattern: pattern, glyph: glyph, number: number)
    }
}

/// What tells a series apart without colour (`ChartSeries.mark`).
struct SeriesMark {
    var pattern: LinePattern
    /// The legend's sample of the line.
    var glyph: String
    /// Written at the line's last point and before its legend entry.
    var number: Character?

    var legendPrefix: String { (number.map(String.init) ?? "") + glyph + " " }

    /// Writes the number at a cell of the plot (column and row from its top left).
    func drawNumber(atColumn column: Int, row: Int, plot: Rect, style: Style, buffer: inout CellBuffer) {
        guard let number else { return }
        buffer.write(String(number), x: plot.x + column, y: plot.y + row, style: style.adding(.bold), clip: plot)
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
        case .backdrop, .reference: theme.dimText
        }
    }

    var referenceLetter: Character? {
        if case .reference(let letter) = self { return letter }
        return nil
    }

    var isBackdrop: Bool {
        if case .backdrop = self { return true }
        return false
    }
}
