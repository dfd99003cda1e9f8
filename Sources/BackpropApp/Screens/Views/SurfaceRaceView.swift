import BackpropEngine
import BackpropWidgets

/// The optimizers racing down Rosenbrock's valley from one start: a contour map with each
/// path as the engine's optimizers walk it, and a legend with each one's loss now.
enum SurfaceRaceView {
    /// The letter that marks each optimizer's position, in `OptimizerExperiments.racers` order.
    static func marker(for kind: OptimizerKind) -> Character {
        switch kind {
        case .sgd: "S"
        case .momentum: "M"
        case .nesterov: "N"
        case .adagrad: "G"
        case .rmsprop: "R"
        case .adam, .adamw: "A"
        }
    }

    static func render(_ experiments: OptimizerExperiments, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let rate = CompactNumber.format(Double(experiments.surfaceLearningRate))
        let step = "\(experiments.surfaceSteps)/\(OptimizerExperiments.raceSteps)"
        let title = Panel.fittedTitle(["Rosenbrock race · lr \(rate) · step \(step)", "Rosenbrock · lr \(rate) · step \(step)",
                                       "lr \(rate) · step \(step)"], suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        guard !experiments.surfacePaths.isEmpty, inside.height >= 4 else { return }
        let legend = FlowLegend(entries: legendEntries(experiments, theme: theme))
        let legendRows = min(legend.rows(width: inside.width), inside.height / 2)
        let map = Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - legendRows)
        contourMap(experiments, columns: map.width, rows: map.height).render(in: map, buffer: &buffer, theme: theme)
        legend.render(in: Rect(x: inside.x, y: map.maxY, width: inside.width, height: legendRows), buffer: &buffer)
    }

    /// The surface sampled at each cell's centre, with every optimizer's path so far.
    static func contourMap(_ experiments: OptimizerExperiments, columns: Int, rows: Int) -> ContourMap {
        let (xRange, yRange) = (OptimizerExperiments.raceXRange, OptimizerExperiments.raceYRange)
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let centre = ContourMap.cellCentre(column: column, row: row, columns: columns, rows: rows, xRange: xRange, yRange: yRange)
                values.append(Double(experiments.surface.value(x: Float(centre.x), y: Float(centre.y))))
            }
        }
        let paths = experiments.surfacePaths.enumerated().map { index, path in
            ContourMap.Path(marker: marker(for: path.kind), points: path.points.map { (Double($0.x), Double($0.y)) }, role: .palette(index))
        }
        let minimum = OptimizerExperiments.raceMinimum
        return ContourMap(columns: columns, rows: rows, values: values, xRange: xRange, yRange: yRange,
                          paths: paths, target: (Double(minimum.x), Double(minimum.y)))
    }

    /// "S sgd 0.52" per optimizer: its letter, its name and the surface's value where it is now.
    static func legendEntries(_ experiments: OptimizerExperiments, theme: Theme) -> [(text: String, style: Style)] {
        experiments.surfacePaths.enumerated().map { index, path in
            let now = path.points.last.map { experiments.surface.value(x: $0.x, y: $0.y) }
            let value = path.hasDiverged || !(now?.isFinite ?? false) ? "diverged" : CompactNumber.format(Double(now ?? 0))
            return ("\(marker(for: path.kind)) \(path.kind.rawValue) \(value)", ChartSeries.Role.palette(index).style(in: theme))
        }
    }
}
