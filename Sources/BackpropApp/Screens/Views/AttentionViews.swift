import BackpropEngine
import BackpropWidgets
import Foundation

/// The attention lesson's lab views, drawn from the snapshot's `AttentionSnapshot`.
enum AttentionViews {
    static let waiting = "appears once the model has run (s or Space)"

    /// Every head of every block on the chosen validation sequence.
    static func maps(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let attention = snapshot.attention, !attention.maps.isEmpty else {
            return placeholderPanel("Attention maps" + suffix, "the attention maps appear once the model has run (s or Space)", in: area, buffer: &buffer, theme: theme)
        }
        let grid = AttentionMapGrid(maps: attention.maps.map { AttentionMapGrid.Map(title: "L\($0.block + 1) H\($0.head + 1)", weights: $0.weights) },
                                    tokens: attention.tokens)
        let inside = area.inset(horizontal: 1, vertical: 1)
        // The legend line gives way when it would cost the maps a position or a head.
        let withLegend = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1)
        let legendLayout = grid.layout(in: withLegend), fullLayout = grid.layout(in: inside)
        let showsLegend = legendLayout.positions >= fullLayout.positions && legendLayout.mapsShown >= fullLayout.mapsShown
        let mapArea = showsLegend ? withLegend : inside
        let layout = grid.layout(in: mapArea)
        // What is left out matters more than the sequence number: it goes last.
        var shownParts: [String] = []
        if layout.positions < attention.steps { shownParts.append("\(layout.positions)/\(attention.steps) positions") }
        if layout.mapsShown < attention.maps.count { shownParts.append("\(layout.mapsShown)/\(attention.maps.count) heads") }
        let shown = shownParts.map { " · " + $0 }.joined()
        let title = Panel.fittedTitle(["Attention · sequence \(attention.sampleIndex + 1)" + shown, "Attention" + shown, "Attn" + shown],
                                      suffix: suffix, in: area)
        _ = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        if showsLegend {
            let forms = ["row = query, column = key · █ ≥ 75% · blank = 0", "row = query, column = key · █ ≥ 75%", "row = query, column = key"]
            buffer.writeFitted(TextFit.first(of: forms, width: inside.width), x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        }
        grid.render(in: mapArea, buffer: &buffer, theme: theme)
    }

    /// The causal mask beside the first head's weights, and the largest weight any head puts
    /// on a later position.
    static func mask(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let attention = snapshot.attention, let first = attention.maps.first else {
            return placeholderPanel("Causal mask" + suffix, "the mask " + waiting, in: area, buffer: &buffer, theme: theme)
        }
        let steps = attention.steps
        let allowed = (0..<steps * steps).map { index -> Float in !attention.causal || index % steps <= index / steps ? 1 : 0 }
        let grid = AttentionMapGrid(maps: [AttentionMapGrid.Map(title: "mask", weights: allowed),
                                           AttentionMapGrid.Map(title: "L1 H1", weights: first.weights)], tokens: attention.tokens)
        let title = "Causal mask " + (attention.causal ? "on" : "off") + suffix
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let ahead = "max weight on a later key: " + CompactNumber.format(Double(attention.largestWeightAhead))
        buffer.writeFitted(ahead, x: inside.x, y: inside.y, style: attention.causal ? theme.positive : theme.warning, clip: inside)
        grid.render(in: Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1), buffer: &buffer, theme: theme)
    }

    /// The positional encoding table: positions down, dimensions across.
    static func positions(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard let attention = snapshot.attention else {
            return placeholderPanel("Positional encoding" + suffix, "the table " + waiting, in: area, buffer: &buffer, theme: theme)
        }
        let width = attention.positionWidth
        let steps = width > 0 ? attention.positionTable.count / width : 0
        let inside = Panel(title: "Positional encoding · \(attention.positionKind.rawValue)" + suffix).render(in: area, buffer: &buffer, theme: theme)
        guard steps > 0 else {
            let text = "None: nothing tells the attention where a token stands. Shuffle the input and each output only moves with it."
            for (offset, line) in WordWrap.lines(of: text, width: max(inside.width, 10)).enumerated() where offset < inside.height {
                buffer.write(line, x: inside.x, y: inside.y + offset, style: theme.dimText, clip: inside)
            }
            return
        }
        let caption = "\(steps) positions ↓ · \(width) dims → · ±" + CompactNumber.format(Double(attention.positionTable.map(abs).max() ?? 0))
        buffer.writeFitted(caption, x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
        Heatmap(grid: ValueGrid(columns: width, rows: steps, values: attention.positionTable))
            .render(in: Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1), buffer: &buffer, theme: theme)
    }
}
