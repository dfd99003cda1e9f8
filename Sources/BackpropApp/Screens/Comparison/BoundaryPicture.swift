import BackpropData
import BackpropWidgets

/// What the decision-boundary view draws, taken out of a snapshot: the network's output over
/// the input plane and the data points on it. A kept run holds one, so that its boundary can
/// be drawn beside the live run's after the live run has moved on.
struct BoundaryPicture: Sendable {
    /// Class-1 probability mapped to −1…1 (or the regression value, or the most likely
    /// class's probability) per grid cell, rows from the top.
    var values: [Float]
    /// With more than two classes, the most likely class per cell; else empty.
    var classes: [Int]
    var columns: Int
    var rows: Int
    var points: [HeatmapPoint]

    /// The snapshot's boundary, or nil when it has none (a lab on images or words).
    init?(_ snapshot: SessionSnapshot) {
        guard snapshot.boundaryColumns > 0, snapshot.boundary.count == snapshot.boundaryColumns * snapshot.boundaryRows else { return nil }
        values = snapshot.boundary
        classes = snapshot.boundaryClasses
        columns = snapshot.boundaryColumns
        rows = snapshot.boundaryRows
        points = RunViews.heatmapPoints(snapshot)
    }

    /// Draws the picture in `area` with the points `shown` (all, validation only or none).
    func render(points shown: RunViews.DataPoints, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let drawn = points.filter { shown == .all || (shown == .test && $0.isTest) }
        if classes.count == values.count && !classes.isEmpty {
            ClassRegionMap(columns: columns, rows: rows, classes: classes, confidence: values, points: drawn).render(in: area, buffer: &buffer, theme: theme)
        } else {
            Heatmap(grid: ValueGrid(columns: columns, rows: rows, values: values), range: -1...1, points: drawn).render(in: area, buffer: &buffer, theme: theme)
        }
    }
}
