/// A classifier's probabilities, one bar per class with its name and percentage. The
/// true class is marked `✓`, a wrong top prediction `✗`, so it reads without colour.
public struct ProbabilityBars: Sendable {
    public var classNames: [String]
    /// One probability per class, 0…1.
    public var probabilities: [Float]
    /// The true class, if known.
    public var trueClass: Int?

    public init(classNames: [String], probabilities: [Float], trueClass: Int? = nil) {
        self.classNames = classNames
        self.probabilities = probabilities
        self.trueClass = trueClass
    }

    /// Columns of a row besides the name: the mark, a space, the narrowest bar drawn (6), a
    /// space and the percent.
    static let columnsBesideName = 1 + 1 + 6 + 1 + 4

    private var longestName: Int { classNames.map(\.count).max() ?? 0 }

    /// Columns that show every class name whole beside a bar of the narrowest width.
    public var widthForWholeNames: Int { longestName + Self.columnsBesideName }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty, !probabilities.isEmpty else { return }
        let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        // Names whole when a bar of the narrowest width still fits beside them.
        let nameWidth = min(longestName, max(area.width - Self.columnsBesideName, 4))
        for (index, probability) in probabilities.enumerated() where index < area.height {
            let y = area.y + index
            let mark = index == trueClass ? "✓" : index == predicted ? "✗" : " "
            let name = index < classNames.count ? classNames[index] : String(index)
            let style = index == trueClass ? theme.positive.adding(.bold) : index == predicted ? theme.negative.adding(.bold) : theme.text
            var x = buffer.write(mark + TextFit.padded(name, width: nameWidth, alignment: .left), x: area.x, y: y, style: style, clip: area) + 1
            let percent = String(Int((Double(probability) * 100).rounded())) + "%"
            let barWidth = area.maxX - x - 5
            if barWidth > 0 {
                let eighths = Int((Double(min(max(probability, 0), 1)) * Double(barWidth * 8)).rounded())
                for offset in 0..<barWidth {
                    let filled = min(8, max(0, eighths - offset * 8))
                    buffer.put(filled > 0 ? BlockLevels.horizontal[filled] : "·", x: x + offset, y: y,
                               style: filled > 0 ? theme.accent : theme.dimText, clip: area)
                }
                x += barWidth + 1
            }
            buffer.write(TextFit.padded(percent, width: 4, alignment: .right), x: x, y: y, style: style, clip: area)
        }
    }
}
