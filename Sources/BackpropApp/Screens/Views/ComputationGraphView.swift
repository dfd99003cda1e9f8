import BackpropWidgets
import Foundation

/// Draws a `ComputationGraph` at one step of the walk-through: the current operation with
/// its numbers, every node's value and gradient known so far, and every parameter's
/// gradient beside its finite difference and its value after the update.
struct ComputationGraphView {
    let graph: ComputationGraph
    /// Which operation is shown, 0 ..< `ComputationGraph.stepCount`.
    let step: Int

    static func render(_ snapshot: SessionSnapshot, step: Int, title: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let heading = snapshot.computationGraph.map { "\(title) · sample \($0.sampleIndex + 1), class \(Int($0.target))" } ?? title
        let inside = Panel(title: heading).render(in: area, buffer: &buffer, theme: theme)
        guard let graph = snapshot.computationGraph else {
            let message = snapshot.views.contains(.computationGraph)
                ? "This view unrolls a 2-2-1 network: two inputs, one hidden layer of 2 (hidden = 2), one output."
                : "computing the graph…"
            for (row, line) in WordWrap.lines(of: message, width: max(inside.width - 2, 10)).enumerated() {
                buffer.write(line, x: inside.x + 1, y: inside.y + row, style: theme.dimText, clip: inside)
            }
            return
        }
        ComputationGraphView(graph: graph, step: min(max(step, 0), graph.steps.count - 1)).render(in: inside, buffer: &buffer, theme: theme)
    }

    func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let current = graph.steps[step]
        var row = area.y
        func line(_ text: String, _ style: Style) {
            guard row < area.maxY else { return }
            buffer.write(text, x: area.x + 1, y: row, style: style, clip: area)
            row += 1
        }
        line("\(current.phase.rawValue) · operation \(step + 1) of \(graph.steps.count)", theme.dimText)
        line(current.formula, theme.accent)
        // A sum of three products is wider than the smallest view: it wraps onto a second line.
        let numbers = WordWrap.lines(of: current.numbers, width: max(area.width - 4, 10))
        for part in numbers { line("  " + part, theme.text) }
        let legend = WordWrap.lines(of: Self.legend, width: max(area.width - 2, 10))
        let tableRows = 2 + graph.nodes.count / 2 + graph.parameters.count
        if area.width >= Self.diagramWidth + 2, area.maxY - row >= Self.diagramHeight + 1 + tableRows + legend.count + 1 {
            row += 1
            drawDiagram(at: Rect(x: area.x + 1, y: row, width: area.width - 2, height: Self.diagramHeight), buffer: &buffer, theme: theme)
            row += Self.diagramHeight
        }
        // Nodes two to a row (x1 x2, z1 h1, z2 h2, o L) unless the view is narrower than both.
        let nodesPerRow = area.width - 2 >= 2 * Self.nodeCellWidth + 3 ? 2 : 1
        let nodeHeading = pad("", 3) + pad("value", Self.columnWidth, right: true) + pad("∂L/∂·", Self.columnWidth, right: true)
        line(Array(repeating: nodeHeading, count: nodesPerRow).joined(separator: "   "), theme.dimText)
        for first in stride(from: 0, to: graph.nodes.count, by: nodesPerRow) {
            guard row < area.maxY else { break }
            var x = area.x + 1
            for index in first..<min(first + nodesPerRow, graph.nodes.count) {
                x = buffer.write(nodeCell(index), x: x, y: row, style: style(for: .node(index), theme: theme), clip: area) + 3
            }
            row += 1
        }
        line(pad("", 3) + ["value", "∂L/∂·", "numeric", "rel", "after"].map { pad($0, Self.columnWidth, right: true) }.joined(), theme.dimText)
        for index in graph.parameters.indices {
            line(parameterRow(index), style(for: .parameter(index), theme: theme))
        }
        // What the columns are, where there is room for all of it.
        if area.maxY - row >= legend.count + 1 {
            row += 1
            for part in legend { line(part, theme.dimText) }
        }
    }

    static let legend = "numeric: (L(p + ε) − L(p − ε)) / 2ε with ε = \(ComputationGraph.format(ComputationGraph.finiteDifferenceStep)), "
        + "from two more forward passes · rel: |∂L/∂· − numeric| / the larger of the two (– when both are "
        + "below what a float32 difference resolves) · "
        + "after: the value after one SGD step on this point"

    /// A node's value once the forward pass has computed it, a dot until then.
    func valueText(_ index: Int) -> String {
        let node = graph.nodes[index]
        return node.valueStep.map { $0 <= step } ?? true ? number(node.value) : notYet
    }

    /// A node's gradient once the backward pass has reached it, a dot until then; nil for the inputs.
    func gradientText(_ index: Int) -> String? {
        let node = graph.nodes[index]
        guard let gradient = node.gradient else { return nil }
        return node.gradientStep.map { $0 <= step } ?? false ? number(gradient) : notYet
    }

    /// "z1  0.7820 -0.0286": a value once the forward pass has computed it, a gradient once
    /// the backward pass has reached it, a dot until then.
    private func nodeCell(_ index: Int) -> String {
        pad(graph.nodes[index].name, 3) + valueText(index) + (gradientText(index) ?? String(repeating: " ", count: Self.columnWidth))
    }

    private func parameterRow(_ index: Int) -> String {
        let parameter = graph.parameters[index]
        let known = parameter.gradientStep <= step
        let updated = graph.steps[step].phase == .update
        return pad(parameter.name, 3) + number(parameter.value)
            + (known ? number(parameter.gradient) + number(parameter.numericGradient)
                + pad(ComputationGraph.relativeDifference(parameter.gradient, parameter.numericGradient), Self.columnWidth, right: true)
                : notYet + notYet + notYet)
            + (updated ? number(parameter.updated) : notYet)
    }

    func style(for focus: ComputationGraph.Focus, theme: Theme) -> Style {
        let current = graph.steps[step].focus
        if current == focus { return theme.accent }
        if current == .allParameters, case .parameter = focus { return theme.accent }
        return theme.text
    }

    /// A number the walk-through has not reached yet.
    private let notYet = String(repeating: " ", count: Self.columnWidth - 1) + "·"
    /// A number right-aligned in its column, with a space before it.
    private func number(_ value: Float) -> String { pad(ComputationGraph.format(value), Self.columnWidth, right: true) }
    static let columnWidth = 8
    /// A node's name, value and gradient.
    static let nodeCellWidth = 3 + 2 * columnWidth
    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
