/// A network drawn as columns of neurons, left to right. Each neuron is a small
/// heatmap of its output over the input plane; edges between neighbouring
/// columns are braille lines coloured by the weight's sign (bold or dim without
/// colour) and heavier for larger |w|: two dots thick, solid, dashed, dotted.
public struct NetworkDiagram: Sendable {
    /// One neuron: its output over the input plane (when known) and an optional
    /// name, shown beside the first and last columns (such as `X1` or `sin X2`).
    public struct Neuron: Sendable {
        public var output: ValueGrid?
        public var label: String

        public init(output: ValueGrid?, label: String = "") {
            self.output = output
            self.label = label
        }
    }

    /// The columns, input features first.
    public var layers: [[Neuron]]
    /// `weights[l][j][i]` is the weight from neuron `i` of layer `l` to neuron `j`
    /// of layer `l + 1` (the usual output-by-input layout of a dense layer).
    public var weights: [[[Float]]]
    /// The map range of every neuron heatmap; symmetric per neuron when nil.
    public var outputRange: ClosedRange<Double>?
    /// The highlighted neuron, as (layer, index).
    public var selected: NeuronPosition?

    public init(layers: [[Neuron]], weights: [[[Float]]], outputRange: ClosedRange<Double>? = nil, selected: NeuronPosition? = nil) {
        self.layers = layers
        self.weights = weights
        self.outputRange = outputRange
        self.selected = selected
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !layers.isEmpty, !area.isEmpty else { return }
        let layout = NetworkLayout(layers: layers.map(\.count), leftLabelWidth: labelWidth(of: layers.first),
                                   rightLabelWidth: layers.count > 1 ? labelWidth(of: layers.last) : 0, area: area)
        // A column taller than the area shows the neurons that fit, the last of them
        // replaced by a count of the rest; edges of the hidden ones are left out.
        let shown = layers.indices.map { layerIndex in
            let fitting = (0..<layers[layerIndex].count).filter { layout.box(layer: layerIndex, neuron: $0).maxY <= area.maxY }.count
            return fitting < layers[layerIndex].count ? max(0, fitting - 1) : fitting
        }
        drawEdges(layout: layout, area: area, shown: shown, buffer: &buffer, theme: theme)
        for (layerIndex, layer) in layers.enumerated() {
            if shown[layerIndex] < layer.count {
                let box = layout.box(layer: layerIndex, neuron: shown[layerIndex])
                buffer.write("+\(layer.count - shown[layerIndex])", x: box.x, y: box.y, style: theme.dimText, clip: area)
            }
            for (neuronIndex, neuron) in layer.enumerated() where neuronIndex < shown[layerIndex] {
                let box = layout.box(layer: layerIndex, neuron: neuronIndex)
                drawNeuron(neuron, box: box, buffer: &buffer, theme: theme)
                if layerIndex == 0 && !neuron.label.isEmpty {
                    let labelArea = Rect(x: area.x, y: box.y, width: box.x - area.x - 1, height: 1)
                    buffer.write(TextFit.padded(neuron.label, width: labelArea.width, alignment: .right), x: labelArea.x, y: box.y, style: theme.dimText, clip: labelArea)
                } else if layerIndex == layers.count - 1 && !neuron.label.isEmpty {
                    buffer.write(neuron.label, x: box.maxX + 1, y: box.y, style: theme.dimText, clip: area)
                }
                if selected == NeuronPosition(layer: layerIndex, neuron: neuronIndex) {
                    buffer.put("▸", x: box.x - 1, y: box.y, style: theme.focus, clip: area)
                }
            }
        }
    }

    private func labelWidth(of layer: [Neuron]?) -> Int {
        let longest = layer?.map(\.label.count).max() ?? 0
        return longest > 0 ? longest + 1 : 0
    }

    private func drawNeuron(_ neuron: Neuron, box: Rect, buffer: inout CellBuffer, theme: Theme) {
        if let output = neuron.output {
            Heatmap(grid: output, range: outputRange).render(in: box, buffer: &buffer, theme: theme)
        } else {
            buffer.fill(box, with: Cell("·", style: theme.dimText))
        }
    }

    private func drawEdges(layout: NetworkLayout, area: Rect, shown: [Int], buffer: inout CellBuffer, theme: Theme) {
        let largest = weights.joined().joined().reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        guard largest > 0 else { return }
        var canvas = BrailleCanvas(columns: area.width, rows: area.height)
        for (layerIndex, matrix) in weights.enumerated() where layerIndex + 1 < layers.count {
            let sourceCount = layers[layerIndex].count, targetCount = layers[layerIndex + 1].count
            for (target, row) in matrix.enumerated() where target < shown[layerIndex + 1] {
                for (source, weight) in row.enumerated() where source < shown[layerIndex] && weight.isFinite {
                    let from = layout.box(layer: layerIndex, neuron: source)
                    let to = layout.box(layer: layerIndex + 1, neuron: target)
                    let strength = abs(weight) / largest
                    let level = Self.edgeLevels.first { strength >= $0.from } ?? Self.edgeLevels[Self.edgeLevels.count - 1]
                    // Each edge leaves and enters its boxes at its own height, so the
                    // lines of one neuron fan out instead of merging into one blob.
                    let (x0, y0) = ((from.maxX - area.x) * 2, port(box: from, index: target, count: targetCount, top: area.y))
                    let (x1, y1) = ((to.x - area.x) * 2 - 1, port(box: to, index: source, count: sourceCount, top: area.y))
                    for offset in 0..<level.thickness {
                        canvas.drawLine(fromX: x0, y0: y0 + offset, toX: x1, y1: y1 + offset, style: edgeStyle(weight: weight, theme: theme),
                                        priority: Int(strength * 1000), pattern: level.pattern)
                    }
                }
            }
        }
        canvas.render(atX: area.x, y: area.y, buffer: &buffer)
    }

    /// How an edge is drawn by |w| over the largest |w|, heaviest first: the four levels
    /// stay apart with or without colour.
    static let edgeLevels: [(from: Float, pattern: LinePattern, thickness: Int)] = [
        (0.6, .solid, 2), (0.3, .solid, 1), (0.12, .dashed, 1), (0, .dotted, 1),
    ]

    /// The dot row on a box's side for edge `index` of `count`, spread over the box's height.
    private func port(box: Rect, index: Int, count: Int, top: Int) -> Int {
        let dots = box.height * 4
        let offset = count > 1 ? 1 + index * (dots - 3) / (count - 1) : dots / 2
        return (box.y - top) * 4 + offset
    }

    /// Colour by sign; without colour, positive edges are bold and negative ones dim.
    private func edgeStyle(weight: Float, theme: Theme) -> Style {
        if theme.distinguishesByColor { return weight < 0 ? theme.negative : theme.positive }
        return Style(attributes: weight < 0 ? .dim : .bold)
    }
}
