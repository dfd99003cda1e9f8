import BackpropEngine
import BackpropWidgets
import Foundation

/// The recurrent lesson's views, drawn from a snapshot: the network unrolled over a sample,
/// its gates, words it generates, and the gradient reaching back to each step.
enum RecurrentViews {
    static func unrolled(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let sample = snapshot.recurrent.unrolled
        let inside = Panel(title: Panel.fittedTitle(sampleTitles("Unrolled", sample), suffix: suffix, in: area)).render(in: area, buffer: &buffer, theme: theme)
        guard let sample else {
            placeholder("the hidden state of each step appears here", in: inside, buffer: &buffer, theme: theme)
            return
        }
        let name = snapshot.configuration.sequence.cell.moduleName
        SequenceHeatmap(labels: sample.labels, blocks: [.init(title: "h_t per unit, −1…1", rows: sample.trace.hidden, range: -1...1)],
                        cellName: name, notes: sample.predictions, keptSteps: sample.markedSteps).render(in: inside, buffer: &buffer, theme: theme)
    }

    static func gates(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let sample = snapshot.recurrent.gates
        let inside = Panel(title: Panel.fittedTitle(sampleTitles("Gates", sample), suffix: suffix, in: area)).render(in: area, buffer: &buffer, theme: theme)
        guard let sample else {
            placeholder("gate values per step appear here", in: inside, buffer: &buffer, theme: theme)
            return
        }
        let trace = sample.trace
        guard trace.cell != .rnn else {
            placeholder("a plain RNN has no gates: set cell to lstm or gru", in: inside, buffer: &buffer, theme: theme)
            return
        }
        var blocks = RecurrentTrace.gateNames(trace.cell).compactMap { name in
            trace.gates[name].map { SequenceHeatmap.Block(title: name, rows: $0, range: 0...1) }
        }
        if !trace.cellState.isEmpty {
            let largest = trace.cellState.joined().map { abs(Double($0)) }.max() ?? 1
            let bound = "±" + CompactNumber.format(largest)
            blocks.append(.init(title: "cell " + bound, shorterTitles: [bound, "cell"], rows: trace.cellState, range: -max(largest, 1e-6)...max(largest, 1e-6)))
        }
        // The last row keys the shades, when the pane can spare it.
        let keyed = inside.height >= 8
        let heatmap = keyed ? Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - 1) : inside
        SequenceHeatmap(labels: sample.labels, blocks: blocks, notes: sample.predictions, keptSteps: sample.markedSteps)
            .render(in: heatmap, buffer: &buffer, theme: theme)
        if keyed {
            let cell = trace.cellState.isEmpty ? "" : "; cell: − … +"
            SequenceHeatmap.renderKey(low: "gate closed 0", high: "1 open" + cell, in: inside.row(inside.height - 1), buffer: &buffer, theme: theme)
        }
    }

    static func samples(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let recurrent = snapshot.recurrent
        let temperature = String(format: "%.1f", recurrent.temperature)
        let title = Panel.fittedTitle(["Generated words · temperature " + temperature, "Words · temperature " + temperature, "Words · temp. " + temperature],
                                      suffix: suffix, in: area)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        guard !recurrent.generated.isEmpty else {
            placeholder("words sampled from the model appear here every few seconds", in: inside, buffer: &buffer, theme: theme)
            return
        }
        buffer.writeFitted("after step \(recurrent.samplingStep):", x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        var x = inside.x, y = inside.y + 1
        for word in recurrent.generated {
            // A word longer than the pane (an untrained model rambles) ends in an ellipsis, so
            // that no word reads as a shorter one.
            let whole = word.isEmpty ? "⏎" : word
            let shown = whole.count > inside.width ? String(whole.prefix(max(0, inside.width - 1))) + "…" : whole
            if x > inside.x && x + shown.count > inside.maxX {
                x = inside.x
                y += 1
            }
            x = buffer.write(shown, x: x, y: y, style: theme.accent, clip: inside) + 2
        }
    }

    static func stepGradients(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let recurrent = snapshot.recurrent
        let norms = recurrent.stepGradientNorms.map(Double.init)
        let inside = Panel(title: "‖∂L/∂h_t‖ per step" + suffix).render(in: area, buffer: &buffer, theme: theme)
        let chart = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1)
        if !norms.isEmpty {
            // The ratio leads the line, where a narrow pane cannot cut it into a wrong number;
            // shorter forms drop words, never the step the bars were measured at.
            let step = recurrent.gradientStep
            var forms = ["log scale · training step \(step)", "log scale · step \(step)", "step \(step)"]
            if let first = norms.first, let last = norms.last, last > 0, norms.count > 1 {
                // A gradient that vanished completely has no bar on a log scale: say it is zero
                // exactly, not a rounded small number.
                let ratio = first == 0 ? "exactly 0" : CompactNumber.format(first / last), span = "t=0 / t=\(norms.count - 1): "
                forms = ["\(span)\(ratio) · log scale · training step \(step)", "\(span)\(ratio) · log scale · step \(step)",
                         "\(span)\(ratio) · step \(step)", "t=0/t=\(norms.count - 1) \(ratio) · step \(step)",
                         "t=0/t=\(norms.count - 1) \(ratio)"]
            }
            buffer.writeFitted(TextFit.first(of: forms, width: inside.width), x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        }
        StepBars(values: norms, placeholder: "gradients per time step appear after a training step (s or Space)")
            .render(in: norms.isEmpty ? inside : chart, buffer: &buffer, theme: theme)
    }

    /// A traced sample's title forms, longest first: the sample's place among the
    /// validation samples goes before what it holds and what the model answered.
    private static func sampleTitles(_ name: String, _ sample: TracedSample?) -> [String] {
        guard let sample else { return [name + " · no sample yet", name] }
        return [name + " · \(sample.index + 1)/\(sample.count) " + sample.summary, name + " · " + sample.summary, sample.summary, name]
    }

    private static func placeholder(_ text: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        buffer.writeFitted(text, x: area.x, y: area.y, style: theme.dimText, clip: area)
    }
}
