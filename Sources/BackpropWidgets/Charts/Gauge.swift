/// A progress bar with an optional label before it and the percentage after it,
/// filled in eighths of a cell: `epoch ██████▍░░░░░  52%`.
public struct Gauge: Sendable {
    /// Completed part, 0...1 (clamped).
    public var fraction: Double
    public var label: String

    public init(fraction: Double, label: String = "") {
        self.fraction = fraction
        self.label = label
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let percent = String(Int((clamped * 100).rounded(.down))) + "%"
        let row = area.y
        var x = area.x
        if !label.isEmpty { x = buffer.write(label, x: x, y: row, style: theme.text, clip: area) + 1 }
        let percentText = String(repeating: " ", count: max(0, 4 - percent.count)) + percent
        let barWidth = area.maxX - x - percentText.count - 1
        if barWidth > 0 {
            let filledEighths = Int((clamped * Double(barWidth * 8)).rounded(.down))
            for offset in 0..<barWidth {
                let eighths = min(8, max(0, filledEighths - offset * 8))
                if eighths > 0 {
                    buffer.put(BlockLevels.horizontal[eighths], x: x + offset, y: row, style: theme.accent)
                } else {
                    buffer.put("░", x: x + offset, y: row, style: theme.dimText)
                }
            }
            x += barWidth + 1
        }
        buffer.write(percentText, x: x, y: row, style: theme.text, clip: area)
    }
}
