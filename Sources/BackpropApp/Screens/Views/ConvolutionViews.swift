import BackpropEngine
import BackpropWidgets

/// The convolution lesson's views, each drawn from a snapshot into a panel: the kernel
/// explorer, pooling and translation, first-layer filters, feature maps, a prediction, the
/// most confident mistakes and the parameter tables.
enum ConvolutionViews {
    static func explorer(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let explorer = snapshot.convolutionViews.explorer else {
            return placeholderPanel("Convolution" + suffix, "the explorer needs an image dataset", in: area, buffer: &buffer, theme: theme)
        }
        let title = Panel.fittedTitle(["Convolution · \(explorer.kernel.rawValue) · stride \(explorer.stride) · pad \(explorer.padding)",
                                 "Convolution · \(explorer.kernel.rawValue) · s\(explorer.stride) p\(explorer.padding)",
                                 "Convolution · \(explorer.kernel.rawValue)"], suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let n = explorer.input.image.rows, k = ExplorerKernel.size, s = explorer.stride, p = explorer.padding
        buffer.writeFitted("out = (n + 2p − k)/s + 1", x: inside.x, y: inside.y, style: theme.text, clip: inside)
        let formula = "    = (\(n) + 2·\(p) − \(k))/\(s) + 1 = \(explorer.formulaSize)"
        buffer.writeFitted(formula, x: inside.x, y: inside.y + 1, style: theme.accent, clip: inside)
        let kernelText = kernelLines(explorer.kernel.values)
        let kernelWidth = kernelText.map(\.count).max() ?? 0
        let images = Rect(x: inside.x, y: inside.y + 3, width: inside.width, height: inside.height - 3)
        // Side by side in a wide pane; in a tall one the output goes under the input.
        let stacked = images.height * 2 > images.width
        let slot = stacked ? Rect(x: 0, y: 0, width: images.width - kernelWidth - 2, height: (images.height - 2) / 2)
                           : Rect(x: 0, y: 0, width: max(1, (images.width - kernelWidth - 4) / 2), height: images.height - 1)
        let input = GreyImage(grid: explorer.input.image, range: 0...1)
        let size = input.fittedSize(in: slot)
        input.render(in: Rect(x: images.x, y: images.y, width: size.width, height: size.height), buffer: &buffer, theme: theme)
        buffer.writeFitted("\(className(explorer.input.trueClass, snapshot)) \(n)x\(explorer.input.image.columns)", x: images.x,
                     y: images.y + size.height, style: theme.dimText, clip: inside)
        for (row, line) in kernelText.enumerated() {
            buffer.write(line, x: images.x + size.width + 2, y: images.y + row, style: theme.text, clip: inside)
        }
        buffer.write("*", x: images.x + size.width + 2 + kernelWidth / 2, y: images.y + kernelText.count, style: theme.dimText, clip: inside)
        // The output at the input's scale, so a smaller map looks smaller.
        let output = explorer.output
        let outputSize = (width: max(1, size.width * output.columns / max(n, 1)), height: max(1, size.height * output.rows / max(n, 1)))
        let outputRect = stacked ? Rect(x: images.x, y: images.y + size.height + 2, width: outputSize.width, height: outputSize.height)
            : Rect(x: images.x + size.width + kernelWidth + 4, y: images.y, width: outputSize.width, height: outputSize.height)
        if output.values.contains(where: { $0 < 0 }) {
            Heatmap(grid: output).render(in: outputRect, buffer: &buffer, theme: theme)
        } else {
            GreyImage(grid: output).render(in: outputRect, buffer: &buffer, theme: theme)
        }
        buffer.writeFitted("output \(output.rows)x\(output.columns)", x: outputRect.x, y: stacked ? outputRect.maxY : images.y + size.height,
                     style: theme.dimText, clip: inside)
    }

    /// The kernel's numbers, one line per row, in aligned columns.
    static func kernelLines(_ values: [Float]) -> [String] {
        let texts = values.map { CompactNumber.format(Double($0)) }
        let width = texts.map(\.count).max() ?? 1
        return stride(from: 0, to: values.count, by: ExplorerKernel.size).map { start in
            texts[start ..< start + ExplorerKernel.size].map { TextFit.padded($0, width: width, alignment: .right) }.joined(separator: " ")
        }
    }

    static func pooling(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let pooling = snapshot.convolutionViews.pooling else {
            return placeholderPanel("Pooling" + suffix, "pooling needs an image dataset", in: area, buffer: &buffer, theme: theme)
        }
        let title = Panel.fittedTitle(["Pooling 2x2 · moved \(pooling.shift) px right · \(pooling.kernel.rawValue)",
                                 "Pooling 2x2 · moved \(pooling.shift) px · \(pooling.kernel.rawValue)",
                                 "Pooling · moved \(pooling.shift) px"], suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let comparison = pooling.comparison
        buffer.writeFitted("unchanged after the move:", x: inside.x, y: inside.y, style: theme.accent, clip: inside)
        let gauges = [("no pooling", comparison.unchangedBeforePooling), ("max pool  ", comparison.unchangedAfterMaxPooling),
                      ("avg pool  ", comparison.unchangedAfterAveragePooling)]
        for (row, gauge) in gauges.enumerated() {
            Gauge(fraction: gauge.1, label: gauge.0).render(in: Rect(x: inside.x, y: inside.y + 1 + row, width: inside.width, height: 1),
                                                         buffer: &buffer, theme: theme)
        }
        func grid(_ map: ConvolutionExplorer.Map) -> ValueGrid { ValueGrid(columns: map.width, rows: map.height, values: map.values) }
        let tiles = [
            // Two caption lines, so that the two moved tiles say which one they move.
            ImageTiles.Tile(grid: grid(comparison.original), caption: ["map", "before"]),
            .init(grid: grid(comparison.shifted), caption: ["map", "moved"]),
            .init(grid: grid(comparison.pooledOriginal), caption: ["pooled", "before"]),
            .init(grid: grid(comparison.pooledShifted), caption: ["pooled", "moved"]),
        ]
        ImageTiles(tiles: tiles, shading: .grey, maximumScale: 1)
            .render(in: Rect(x: inside.x, y: inside.y + 5, width: inside.width, height: inside.height - 5), buffer: &buffer, theme: theme)
    }

    static func filters(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let views = snapshot.convolutionViews
        let title = Panel.fittedTitle(["First-layer filters · " + views.filterLayer, "First-layer filters", "Filters"], suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        guard !views.filters.isEmpty else {
            let text = views.featureMapsInput == nil ? "waiting for the network…" : "this network has no convolution"
            buffer.writeFitted(text, x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
            return
        }
        let tiles = views.filters.enumerated().map { ImageTiles.Tile(grid: $1, caption: ["\($0 + 1)"]) }
        // Below the first layer's filters, when there is room: one filter of the second
        // layer, which is a kernel for every map the first layer makes.
        guard let second = views.secondFilters.first, inside.height >= 12 else {
            return ImageTiles(tiles: tiles, shading: .diverging, maximumScale: 3).render(in: inside, buffer: &buffer, theme: theme)
        }
        let halves = inside.split(.vertical, [.fill(1), .fill(1)])
        ImageTiles(tiles: tiles, shading: .diverging, maximumScale: 3).render(in: halves[0], buffer: &buffer, theme: theme)
        buffer.writeFitted(TextFit.first(of: [
            "\(views.secondFilterLayer): filter 1 of \(views.secondFilters.count) reads all \(second.count) maps, one kernel each",
            "second layer, filter 1 of \(views.secondFilters.count): one kernel per map",
            "filter 1 of \(views.secondFilters.count): one kernel per map",
        ], width: halves[1].width), x: halves[1].x, y: halves[1].y, style: theme.text, clip: halves[1])
        let kernels = second.enumerated().map { ImageTiles.Tile(grid: $1, caption: ["map \($0 + 1)"], shortCaption: ["\($0 + 1)"]) }
        ImageTiles(tiles: kernels, shading: .diverging, maximumScale: 3)
            .render(in: Rect(x: halves[1].x, y: halves[1].y + 1, width: halves[1].width, height: halves[1].height - 1), buffer: &buffer, theme: theme)
    }

    static func featureMaps(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let views = snapshot.convolutionViews
        let title = Panel.fittedTitle(views.featureMapsInput.map { input in
            ["Feature maps · test image \(input.index + 1) (\(className(input.trueClass, snapshot)))",
             "Feature maps · image \(input.index + 1)", "Feature maps"]
        } ?? ["Feature maps"], suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        guard !views.featureMaps.isEmpty else {
            let text = views.featureMapsInput == nil ? "waiting for the network…" : "this network has no convolution"
            buffer.writeFitted(text, x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
            return
        }
        let layers = views.featureMaps.map { LayerTileRows.Layer(name: $0.name, images: $0.maps) }
        guard let input = views.featureMapsInput else {
            return LayerTileRows(layers: layers).render(in: inside, buffer: &buffer, theme: theme)
        }
        // The input heads the layers when that leaves their maps as large as putting it in
        // a column on the left would; either way the page's "a test image and what every
        // layer makes of it" holds at every size.
        let stacked = LayerTileRows(layers: [LayerTileRows.Layer(name: "input", images: [input.image])] + layers)
        let columns = inside.split(.horizontal, [.length(min(input.image.columns, max(6, inside.width / 4))), .length(1), .fill(1)])
        let beside = LayerTileRows(layers: layers)
        guard beside.tileWidth(in: columns[2]) > stacked.tileWidth(in: inside) else {
            return stacked.render(in: inside, buffer: &buffer, theme: theme)
        }
        buffer.write("input", x: columns[0].x, y: columns[0].y, style: theme.accent, clip: columns[0])
        let image = Rect(x: columns[0].x, y: columns[0].y + 1, width: columns[0].width, height: columns[0].height - 1)
        ImageTiles(tiles: [ImageTiles.Tile(grid: input.image)], shading: .grey, maximumScale: 1).render(in: image, buffer: &buffer, theme: theme)
        beside.render(in: columns[2], buffer: &buffer, theme: theme)
    }

    static func prediction(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let prediction = snapshot.convolutionViews.prediction else {
            return placeholderPanel("Prediction" + suffix, "predictions need an image dataset", in: area, buffer: &buffer, theme: theme)
        }
        let title = "Prediction · test image \(prediction.input.index + 1)" + suffix
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let image = GreyImage(grid: prediction.input.image, range: 0...1)
        let bars = ProbabilityBars(classNames: snapshot.classNames, probabilities: prediction.probabilities, trueClass: prediction.input.trueClass)
        // The class names whole come first; the image takes the rest, at least 10 columns
        // (a 28-pixel image at a little over a third of its size) and at most its own size.
        let imageWidth = min(prediction.input.image.columns, max(10, inside.width - bars.widthForWholeNames - 2))
        let size = image.fittedSize(in: Rect(x: 0, y: 0, width: imageWidth, height: inside.height - 1))
        image.render(in: Rect(x: inside.x, y: inside.y, width: size.width, height: size.height), buffer: &buffer, theme: theme)
        // The caption stays under the image, clear of the bars beside it.
        let caption = Rect(x: inside.x, y: inside.y + size.height, width: size.width + 1, height: 1).intersection(inside)
        buffer.writeFitted(className(prediction.input.trueClass, snapshot), x: inside.x, y: caption.y, style: theme.dimText, clip: caption)
        let barArea = Rect(x: inside.x + size.width + 2, y: inside.y, width: inside.width - size.width - 2, height: inside.height)
        bars.render(in: barArea, buffer: &buffer, theme: theme)
    }

    static func mistakes(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let views = snapshot.convolutionViews
        let title = Panel.fittedTitle(["Most confident mistakes · of \(views.reviewedImages) validation images",
                                       "Most confident mistakes · of \(views.reviewedImages) images", "Confident mistakes"],
                                      suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        guard !views.mistakes.isEmpty else {
            let text = views.reviewedImages == 0 ? "reviewing the test images…" : "no mistakes among them"
            buffer.writeFitted(text, x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
            return
        }
        let tiles = views.mistakes.map { mistake in
            ImageTiles.Tile(grid: mistake.input.image, caption: [
                // Rounded down: a 99.6% guess is not a certain one.
                captionName(className(mistake.input.trueClass, snapshot)), "→" + captionName(className(mistake.predicted, snapshot)),
                "\(Int(mistake.confidence * 100))% sure",
            ])
        }
        // Fewer mistakes, drawn large enough to read their captions, rather than all of them as specks.
        let shown = (1...tiles.count).reversed().first { count in
            (ImageTiles(tiles: Array(tiles.prefix(count)), shading: .grey, maximumScale: 1).layout(in: inside)?.width ?? 0) >= Self.readableTileWidth
        } ?? tiles.count
        ImageTiles(tiles: Array(tiles.prefix(shown)), shading: .greyRange(0...1), maximumScale: 1).render(in: inside, buffer: &buffer, theme: theme)
    }

    static func parameters(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let views = snapshot.convolutionViews
        let inside = Panel(title: "Parameters per layer" + suffix).render(in: area, buffer: &buffer, theme: theme)
        guard !views.labParameters.isEmpty else {
            buffer.writeFitted("waiting for the network…", x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
            return
        }
        let columns = [Table.Column("layer"), Table.Column("weights", alignment: .right), Table.Column("bias", alignment: .right),
                       Table.Column("uses", alignment: .right)]
        func rows(_ rows: [ConvolutionViewsSnapshot.ParameterRow]) -> [[String]] {
            let total = rows.reduce(0) { $0 + $1.weights + $1.biases }
            return rows.map { [$0.layer, "\($0.weights)", "\($0.biases)", "\($0.usesPerImage)"] } + [["total \(total)", "", "", ""]]
        }
        var y = inside.y
        for (name, table) in [("this lab's network", views.labParameters), ("fashion-mlp", views.mlpParameters)] {
            buffer.write(name, x: inside.x, y: y, style: theme.accent, clip: inside)
            let body = rows(table)
            Table(columns: columns, rows: body, highlightedRow: nil, spacing: 1)
                .render(in: Rect(x: inside.x, y: y + 1, width: inside.width, height: min(body.count + 2, inside.maxY - y - 1)), buffer: &buffer, theme: theme)
            y += body.count + 4
        }
    }

    /// Columns a mistake's tile needs for "T-shirt/top" and "→Ankle boot" to be read.
    static let readableTileWidth = 11

    /// A class name short enough for a caption under the narrowest readable tile, after its
    /// arrow: "T-shirt/top" is "T-shirt", a longer name its first word.
    static func captionName(_ name: String) -> String {
        let room = readableTileWidth - 1
        guard name.count > room else { return name }
        let beforeSlash = String(name.prefix { $0 != "/" })
        if beforeSlash.count <= room { return beforeSlash }
        return String(name.prefix { $0 != " " }.prefix(room))
    }

    static func className(_ index: Int, _ snapshot: SessionSnapshot) -> String {
        snapshot.classNames.indices.contains(index) ? snapshot.classNames[index] : String(index)
    }
}
