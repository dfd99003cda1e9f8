import BackpropWidgets

/// The GAN lab's two views, drawn from an `AdversarialSnapshot`.
enum AdversarialViews {
    /// The plane: D's belief that a point is real as a heatmap underneath (its real-looking
    /// side in the map's positive colour, the fake-looking side in its negative one, 0.5
    /// neutral), real points as rings and generated points as dots on top.
    static func field(_ snapshot: AdversarialSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let coverage = snapshot.coverage.map { "\($0.covered)/\($0.modes) \(snapshot.configuration.dataset.coverageUnit)" } ?? ""
        // The marks the map draws in this theme: rings and dots in colour, letters without.
        let real = HeatmapPoint(x: 0, y: 0, classIndex: 0, isTest: true).marker(in: theme).character
        let generated = HeatmapPoint(x: 0, y: 0, classIndex: 1, isTest: false).marker(in: theme).character
        let titles = ["D(x) under \(real) real · \(generated) generated · \(coverage)", "\(real) real · \(generated) generated · \(coverage)", coverage]
        let inside = Panel(title: TextFit.first(of: titles, width: area.width - 4)).render(in: area, buffer: &buffer, theme: theme)
        guard let picture = snapshot.picture else {
            buffer.writeWrapped("the discriminator's map appears once both networks are built", in: inside, style: theme.dimText)
            return
        }
        // σ(D) − 0.5 on a diverging map from −0.5 (surely fake) to 0.5 (surely real).
        let field = picture.discriminatorField
        let centred = ValueGrid(columns: field.columns, rows: field.rows, values: field.values.map { $0 - 0.5 })
        let points = heatmapPoints(picture.realPoints, isReal: true) + heatmapPoints(picture.generatedPoints, isReal: false)
        let hasLegendRow = inside.height >= 8
        let map = hasLegendRow ? Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 1) : inside
        Heatmap(grid: centred, range: -0.5...0.5, points: points).render(in: map, buffer: &buffer, theme: theme)
        if hasLegendRow { shadingLegend(in: Rect(x: inside.x, y: inside.maxY - 1, width: inside.width, height: 1), buffer: &buffer, theme: theme) }
    }

    /// What the map's shades mean: D's belief that a point there is real, at its two ends
    /// and its middle, each beside a swatch drawn as the map draws it.
    static func shadingLegend(in row: Rect, buffer: inout CellBuffer, theme: Theme) {
        let forms = [[(1.0, "D says real"), (0.0, "50/50"), (-1.0, "D says fake")], [(1.0, "real"), (0.0, "50/50"), (-1.0, "fake")]]
        let entries = forms.first { entries in entries.reduce(0) { $0 + $1.1.count + 6 } <= row.width } ?? forms[1]
        var x = row.x
        for (level, label) in entries where x + label.count + 4 <= row.maxX {
            buffer.write("[", x: x, y: row.y, style: theme.dimText, clip: row)
            buffer[x + 1, row.y] = Heatmap.swatch(level: level, theme: theme)
            x = buffer.write("] " + label + "  ", x: x + 2, y: row.y, style: theme.dimText, clip: row)
        }
    }

    /// Plane coordinates in ±`AdversarialPicture.extent` to the heatmap's 0…1 square; real
    /// points are class 0 drawn as rings, generated ones class 1 drawn as dots.
    static func heatmapPoints(_ flat: [Float], isReal: Bool) -> [HeatmapPoint] {
        let extent = Double(AdversarialPicture.extent)
        return stride(from: 0, to: flat.count - 1, by: 2).map { index in
            HeatmapPoint(x: (Double(flat[index]) + extent) / (2 * extent), y: (Double(flat[index + 1]) + extent) / (2 * extent),
                         classIndex: isReal ? 0 : 1, isTest: isReal)
        }
    }

    /// Both losses per generator step. At the game's balance D cannot tell the two apart:
    /// L_D = ln 2 ≈ 0.693, drawn as the reference line.
    static func losses(_ snapshot: AdversarialSnapshot, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let latest = [snapshot.discriminatorLoss.map { "L_D " + CompactNumber.format(Double($0)) },
                      snapshot.generatorLoss.map { "L_G " + CompactNumber.format(Double($0)) }].compactMap { $0 }.joined(separator: " · ")
        let titles = ["Losses · " + latest, latest, "Losses"]
        let inside = Panel(title: TextFit.first(of: titles, width: area.width - 4)).render(in: area, buffer: &buffer, theme: theme)
        let series = [ChartSeries(name: "L_D", history: snapshot.discriminatorLossHistory, role: .train),
                      ChartSeries(name: "L_G", history: snapshot.generatorLossHistory, role: .test)]
        var chart = LineChart(series: series, xLabel: "G step", referenceLine: 0.693_147)
        chart.referenceName = "ln 2"
        chart.render(in: inside, buffer: &buffer, theme: theme)
    }
}
