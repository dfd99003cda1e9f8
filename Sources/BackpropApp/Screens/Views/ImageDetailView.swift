import BackpropWidgets

/// One feature map, filter or neuron map drawn as large as its pane allows, with its shape
/// written under it: what the tiled views and the network diagram show only a few cells
/// wide. A feature map sits beside the test image it was computed from; ← → step through
/// every layer's channels (or neurons) in order.
enum ImageDetailView {
    /// The views that open a detail with Enter.
    static let views: Set<LabView> = [.featuremaps, .filters, .network]

    /// One neuron's map over the input plane, the inputs' first, then each layer's in order.
    static func neuron(_ snapshot: SessionSnapshot, index: Int, points: RunViews.DataPoints, suffix: String, in area: Rect,
                       buffer: inout CellBuffer, theme: Theme) {
        let layers = snapshot.neuronOutputs.enumerated().map { (name: String($0.offset), maps: $0.element) }
        guard let chosen = choice(layers, index: index), let layer = Int(chosen.name) else {
            return RunViews.network(snapshot, title: "Network" + suffix, selected: nil, in: area, buffer: &buffer, theme: theme)
        }
        RunViews.neuron(snapshot, at: NeuronPosition(layer: layer, neuron: chosen.channel), points: points, keys: "← → next · Enter: network",
                        suffix: suffix, in: area, buffer: &buffer, theme: theme)
    }

    /// The (layer name, channel, channels in the layer, map) at `index` over every layer's
    /// channels in order, wrapping both ways; nil when there are none.
    static func choice(_ layers: [(name: String, maps: [ValueGrid])], index: Int)
        -> (name: String, channel: Int, channels: Int, map: ValueGrid)? {
        let all = layers.flatMap { layer in layer.maps.enumerated().map { (layer.name, $0, layer.maps.count, $1) } }
        guard !all.isEmpty else { return nil }
        let chosen = all[((index % all.count) + all.count) % all.count]
        return (chosen.0, chosen.1, chosen.2, chosen.3)
    }

    /// The largest size with square pixels (a cell holds two pixel rows) that `grid` takes in `area`.
    static func size(of grid: ValueGrid, in area: Rect) -> (width: Int, height: Int) {
        guard grid.columns > 0, grid.rows > 0, !area.isEmpty else { return (0, 0) }
        let scale = min(Double(area.width) / Double(grid.columns), Double(area.height * 2) / Double(grid.rows))
        return (max(1, Int(Double(grid.columns) * scale)), max(1, Int((Double(grid.rows) * scale / 2).rounded(.down))))
    }

    static func featureMap(_ snapshot: SessionSnapshot, index: Int, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let views = snapshot.convolutionViews
        let layers = views.featureMaps.map { (name: $0.name, maps: $0.maps) }
        guard let chosen = choice(layers, index: index) else {
            return ConvolutionViews.featureMaps(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        }
        let title = "Feature map · \(chosen.name)" + suffix
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        // The input beside the map, or above it in a tall pane, whichever draws the map larger;
        // the map gets two thirds of the room, and the captions go under both.
        let room = Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 3)
        let pictures = [room.split(.horizontal, [.fill(1), .fill(2)]), room.split(.vertical, [.fill(1), .fill(2)])]
            .max { size(of: chosen.map, in: $0[1]).width < size(of: chosen.map, in: $1[1]).width }!
        var inputHeight = 0
        if let input = views.featureMapsInput {
            let inputSize = size(of: input.image, in: pictures[0].inset(horizontal: 1))
            GreyImage(grid: input.image, range: 0...1).render(in: Rect(x: pictures[0].x, y: pictures[0].y, width: inputSize.width, height: inputSize.height),
                                                              buffer: &buffer, theme: theme)
            inputHeight = pictures[1].y > pictures[0].y ? 0 : inputSize.height
        }
        let mapSize = size(of: chosen.map, in: pictures[1])
        GreyImage(grid: chosen.map).render(in: Rect(x: pictures[1].x, y: pictures[1].y, width: mapSize.width, height: mapSize.height), buffer: &buffer, theme: theme)
        let captionRow = pictures[1].y + max(inputHeight, mapSize.height)
        if let input = views.featureMapsInput {
            buffer.writeFitted("input: test image \(input.index + 1) · \(input.image.rows)x\(input.image.columns)", x: inside.x, y: captionRow,
                               style: theme.dimText, clip: inside)
        }
        buffer.writeFitted("map: channel \(chosen.channel + 1) of \(chosen.channels) · \(chosen.map.rows)x\(chosen.map.columns) · \(chosen.name)",
                           x: inside.x, y: captionRow + 1, style: theme.text, clip: inside)
        buffer.writeFitted("← → layer and channel · Enter: every map", x: inside.x, y: inside.maxY - 1, style: theme.dimText, clip: inside)
    }

    /// The first layer's filters one by one, then the second layer's, each of those drawn as
    /// its kernels over every input map.
    static func filter(_ snapshot: SessionSnapshot, index: Int, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let views = snapshot.convolutionViews
        let total = views.filters.count + views.secondFilters.count
        let position = total > 0 ? ((index % total) + total) % total : 0
        if position >= views.filters.count {
            return secondLayerFilter(views, index: position - views.filters.count, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        }
        guard let chosen = choice([(views.filterLayer, views.filters)], index: position) else {
            return ConvolutionViews.filters(snapshot, suffix: suffix, in: area, buffer: &buffer, theme: theme)
        }
        let title = "Filter \(chosen.channel + 1)/\(chosen.channels) · \(chosen.name)" + suffix
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let picture = Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 2)
        let filterSize = size(of: chosen.map, in: picture)
        // One scale for every filter, so that their weights compare as they do in the tiles.
        let largest = Double(views.filters.map(\.largestMagnitude).max() ?? 0)
        Heatmap(grid: chosen.map, range: largest > 0 ? -largest...largest : nil)
            .render(in: Rect(x: picture.x, y: picture.y, width: filterSize.width, height: filterSize.height), buffer: &buffer, theme: theme)
        buffer.writeFitted("filter \(chosen.channel + 1) of \(chosen.channels) · \(chosen.map.rows)x\(chosen.map.columns) weights",
                           x: inside.x, y: picture.y + filterSize.height, style: theme.text, clip: inside)
        buffer.writeFitted("← → another filter · Enter: every filter", x: inside.x, y: inside.maxY - 1, style: theme.dimText, clip: inside)
    }

    private static func secondLayerFilter(_ views: ConvolutionViewsSnapshot, index: Int, suffix: String, in area: Rect,
                                          buffer: inout CellBuffer, theme: Theme) {
        let kernels = views.secondFilters[index]
        let title = "Filter \(index + 1)/\(views.secondFilters.count) · \(views.secondFilterLayer)" + suffix
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let picture = Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 3)
        let tiles = kernels.enumerated().map { ImageTiles.Tile(grid: $1, caption: ["map \($0 + 1)"], shortCaption: ["\($0 + 1)"]) }
        ImageTiles(tiles: tiles, shading: .diverging, maximumScale: 8).render(in: picture, buffer: &buffer, theme: theme)
        let shape = kernels.first.map { "\($0.rows)x\($0.columns)" } ?? ""
        buffer.writeFitted(TextFit.first(of: [
            "filter \(index + 1) of \(views.secondFilters.count) · \(kernels.count) input maps × \(shape) weights: a kernel per map of the layer before, summed",
            "filter \(index + 1) of \(views.secondFilters.count) · \(kernels.count) maps × \(shape) weights",
            "filter \(index + 1)/\(views.secondFilters.count) · \(kernels.count) maps × \(shape)",
        ], width: inside.width), x: inside.x, y: inside.maxY - 2, style: theme.text, clip: inside)
        buffer.writeFitted("← → another filter · Enter: every filter", x: inside.x, y: inside.maxY - 1, style: theme.dimText, clip: inside)
    }
}
