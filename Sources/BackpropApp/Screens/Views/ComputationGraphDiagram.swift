import BackpropWidgets

/// The graph drawn as a graph where the view has room: both inputs feed both hidden sums,
/// each sum its activation, both activations the output, the output the loss; each node
/// with its value and, below it, its gradient.
extension ComputationGraphView {
    /// Columns of a node's label: its name and its value.
    static let diagramNodeWidth = 2 + columnWidth
    static let diagramWidth = 5 * diagramNodeWidth + 20
    static let diagramHeight = 6

    func drawDiagram(at area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let width = Self.diagramNodeWidth
        let inputs = area.x, sums = inputs + width + 6, activations = sums + width + 4
        let output = activations + width + 6, loss = output + width + 4
        // (node index, column, row): inputs, sums and activations on rows 0 and 4, output and loss between.
        let places = [(0, inputs, 0), (1, inputs, 4), (2, sums, 0), (4, sums, 4), (3, activations, 0), (5, activations, 4),
                      (6, output, 2), (7, loss, 2)]
        for (node, x, row) in places {
            let style = style(for: .node(node), theme: theme)
            buffer.write(pad(graph.nodes[node].name, 2) + valueText(node), x: x, y: area.y + row, style: style, clip: area)
            if let gradient = gradientText(node) {
                buffer.write("∂ " + gradient, x: x, y: area.y + row + 1, style: theme.dimText, clip: area)
            }
        }
        drawBus(at: inputs + width + 2, top: "┬", bottom: "┴", middle: "│", area: area, buffer: &buffer, theme: theme)
        drawBus(at: activations + width + 2, top: "┐", bottom: "┘", middle: "├", area: area, buffer: &buffer, theme: theme)
        for row in [0, 4] {
            buffer.write("─▶", x: sums + width + 1, y: area.y + row, style: theme.dimText, clip: area)
        }
        buffer.write("─▶", x: output + width + 1, y: area.y + 2, style: theme.dimText, clip: area)
    }

    /// A vertical wire joining rows 0 and 4, fed from the left on both, leading right from
    /// both ends (into the sums) or from the middle (into the output).
    private func drawBus(at x: Int, top: Character, bottom: Character, middle: Character, area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let style = theme.dimText
        buffer.put("─", x: x - 1, y: area.y, style: style, clip: area)
        buffer.put("─", x: x - 1, y: area.y + 4, style: style, clip: area)
        buffer.put(top, x: x, y: area.y, style: style, clip: area)
        buffer.put(bottom, x: x, y: area.y + 4, style: style, clip: area)
        for row in 1...3 { buffer.put(row == 2 ? middle : "│", x: x, y: area.y + row, style: style, clip: area) }
        let leads = middle == "│" ? [0, 4] : [2]
        for row in leads { buffer.write("─▶", x: x + 1, y: area.y + row, style: style, clip: area) }
    }
}
