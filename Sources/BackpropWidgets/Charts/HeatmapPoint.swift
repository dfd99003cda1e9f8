/// A data point drawn over a heatmap: its position on the plane, its class, and
/// whether it belongs to the training or the test set.
public struct HeatmapPoint: Sendable, Equatable {
    /// 0 at the left edge, 1 at the right.
    public var x: Double
    /// 0 at the bottom edge, 1 at the top (the mathematical orientation of the plane).
    public var y: Double
    public var classIndex: Int
    public var isTest: Bool

    public init(x: Double, y: Double, classIndex: Int, isTest: Bool) {
        self.x = x
        self.y = y
        self.classIndex = classIndex
        self.isTest = isTest
    }

    /// Characters for classes when there is no colour to tell them apart.
    static let monochromeClassMarks: [Character] = ["o", "x", "+", "*", "#", "@", "%", "&"]

    /// In colour a filled dot for training points and a ring for test points, in the
    /// class colour; in monochrome a character per class, test points in reverse video.
    public func marker(in theme: Theme) -> Cell {
        if theme.distinguishesByColor {
            let color = theme.classColors[classIndex % theme.classColors.count]
            return Cell(isTest ? "○" : "●", style: Style(foreground: color, attributes: .bold))
        }
        let mark = Self.monochromeClassMarks[classIndex % Self.monochromeClassMarks.count]
        return Cell(mark, style: Style(attributes: isTest ? [.bold, .reverse] : .bold))
    }
}
