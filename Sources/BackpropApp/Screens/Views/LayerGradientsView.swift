import BackpropWidgets

/// ‖∂L/∂W‖ of every Dense layer at the last training step, one bar per layer from the first
/// (left) to the output layer (right), on a log scale. Where the health table needs a row per
/// layer, this fits a 24-layer network across one pane: a gradient that vanishes on its way
/// back shows as bars falling away to the left, decade by decade.
enum LayerGradientsView {
    static func render(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let norms = snapshot.probes.map { Double($0.weightGradient.norm) }
        let inside = Panel(title: "‖∂L/∂W‖ per layer" + suffix).render(in: area, buffer: &buffer, theme: theme)
        let bars = StepBars(values: norms, placeholder: "gradients per layer appear after a training step (s or Space)",
                            labelPrefix: "L", firstNumber: 1)
        guard !norms.isEmpty else {
            bars.render(in: inside, buffer: &buffer, theme: theme)
            return
        }
        buffer.writeFitted(TextFit.first(of: captions(norms), width: inside.width), x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        bars.render(in: Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1), buffer: &buffer, theme: theme)
    }

    /// The first layer's gradient over the last's leads, where a narrow pane cannot cut it into
    /// a wrong number; the longer forms say what the scale and the ends are.
    static func captions(_ norms: [Double]) -> [String] {
        guard let first = norms.first, let last = norms.last, norms.count > 1, last > 0 else { return ["log scale"] }
        // A gradient that vanished completely has no bar on a log scale: say it is zero exactly.
        let ratio = first == 0 ? "exactly 0" : CompactNumber.format(first / last)
        let span = "L1/L\(norms.count)"
        return ["first layer / last: \(ratio) · log scale", "\(span): \(ratio) · log scale", "\(span): \(ratio)", ratio]
    }
}
