import Foundation

/// One bar per time step (or per layer) on a log10 scale, for a quantity that shrinks or
/// grows by orders of magnitude along a chain (the gradient reaching back to each earlier
/// step, or to each earlier layer). When the steps outnumber the columns, each column shows
/// the largest value of its steps; when they are few, each step is as many columns wide as fit.
public struct StepBars: Sendable {
    public var values: [Double]
    public var placeholder: String
    /// The axis names the first and last bar by this prefix and a number counted from
    /// `firstNumber`: `t=0` … `t=63` for time steps, `L1` … `L25` for layers.
    public var labelPrefix: String
    public var firstNumber: Int

    public init(values: [Double], placeholder: String = "", labelPrefix: String = "t=", firstNumber: Int = 0) {
        self.values = values
        self.placeholder = placeholder
        self.labelPrefix = labelPrefix
        self.firstNumber = firstNumber
    }

    /// Whole powers of ten around the finite positive values: (low, high) exponents.
    public static func decades(of values: [Double]) -> (low: Int, high: Int)? {
        let logs = values.filter { $0 > 0 && $0.isFinite }.map(log10)
        guard let smallest = logs.min(), let largest = logs.max() else { return nil }
        let low = Int(smallest.rounded(.down)), high = Int(largest.rounded(.up))
        return (low, max(high, low + 1))
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard let (low, high) = Self.decades(of: values), area.height >= 3 else {
            buffer.writeWrapped(placeholder, in: area, style: theme.dimText)
            return
        }
        let topLabel = "1e\(high)", bottomLabel = "1e\(low)"
        let labelWidth = max(topLabel.count, bottomLabel.count) + 1
        let plot = Rect(x: area.x + labelWidth, y: area.y, width: area.width - labelWidth, height: area.height - 1)
        guard plot.width > 0 else { return }
        buffer.write(topLabel, x: area.x, y: plot.y, style: theme.dimText, clip: area)
        buffer.write(bottomLabel, x: area.x, y: plot.maxY - 1, style: theme.dimText, clip: area)
        // Few steps get several columns each; many share a column.
        let perStep = max(1, plot.width / values.count)
        let columns = min(plot.width, values.count * perStep)
        for column in 0..<columns {
            let steps = perStep > 1 ? values[column / perStep ... column / perStep]
                                    : values[column * values.count / columns ..< (column + 1) * values.count / columns]
            guard let value = steps.max(), value > 0, value.isFinite else { continue }
            let fraction = (log10(value) - Double(low)) / Double(high - low)
            let height = max(1, Int((fraction * Double(plot.height * 8)).rounded()))
            for row in 0..<plot.height {
                let filled = height - row * 8
                guard filled > 0 else { break }
                buffer.put(BlockLevels.vertical[min(filled, 8)], x: plot.x + column, y: plot.maxY - 1 - row, style: theme.accent, clip: plot)
            }
        }
        buffer.write("\(labelPrefix)\(firstNumber)", x: plot.x, y: area.maxY - 1, style: theme.dimText, clip: area)
        let last = "\(labelPrefix)\(firstNumber + values.count - 1)", lastX = plot.x + columns - last.count
        if lastX >= plot.x + 4 { buffer.write(last, x: lastX, y: area.maxY - 1, style: theme.dimText, clip: area) }
    }
}
