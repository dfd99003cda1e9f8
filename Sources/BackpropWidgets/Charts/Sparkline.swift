/// A one-row trend of the most recent values, one cell per value, lowest value ▁
/// and highest █; gaps for values that are not finite.
public struct Sparkline: Sendable {
    public var values: [Double]
    public var style: Style?

    /// Without a `style` the line uses the theme's train-series style.
    public init(values: [Double], style: Style? = nil) {
        self.values = values
        self.style = style
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let finite = shown.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return }
        let sparkStyle = style ?? theme.trainSeries
        let row = area.maxY - 1
        for (offset, value) in shown.enumerated() where value.isFinite {
            let level = high > low ? 1 + Int(((value - low) / (high - low) * 7).rounded()) : 4
            buffer.put(BlockLevels.vertical[level], x: area.x + offset, y: row, style: sparkStyle)
        }
    }
}
