/// A sequence read step by step, one line per time step: what was read, the recurrent cell
/// as a chain (the state flows from each step's cell down to the next), one or more blocks
/// of per-unit values as heatmap rows (the hidden state, gates, the cell state), and a note
/// (the predicted next token). When the steps do not fit, the first and last ones are shown
/// around a `⋮` line.
public struct SequenceHeatmap: Sendable {
    /// Values per step, one heatmap column per unit; `range` maps onto the diverging shades.
    public struct Block: Sendable, Equatable {
        public var title: String
        /// Shorter forms of the title, longest first, for a block too narrow for it: a
        /// number in a title must not be cut into a different number.
        public var shorterTitles: [String]
        public var rows: [[Float]]
        public var range: ClosedRange<Double>

        public init(title: String, shorterTitles: [String] = [], rows: [[Float]], range: ClosedRange<Double>) {
            self.title = title
            self.shorterTitles = shorterTitles
            self.rows = rows
            self.range = range
        }
    }

    public var labels: [String]
    public var blocks: [Block]
    /// The cell's name drawn as the chain (nil: no chain).
    public var cellName: String?
    /// Right of each row, e.g. the prediction made at that step.
    public var notes: [String]
    public var placeholder: String
    /// Steps shown even when the sequence does not fit (see `shownSteps`).
    public var keptSteps: Set<Int>

    public init(labels: [String], blocks: [Block], cellName: String? = nil, notes: [String] = [], keptSteps: Set<Int> = [],
                placeholder: String = "") {
        self.labels = labels
        self.keptSteps = keptSteps
        self.blocks = blocks
        self.cellName = cellName
        self.notes = notes
        self.placeholder = placeholder
    }

    /// The steps shown in `rows` lines: all when they fit, else the `kept` steps (the marked
    /// ones of the adding problem) plus as many first and last steps as fit, a `nil` marking
    /// each run of steps left out.
    public static func shownSteps(count: Int, rows: Int, kept: Set<Int> = []) -> [Int?] {
        guard count > rows else { return (0..<count).map { $0 } }
        guard rows > 0 else { return [] }
        func lines(_ steps: Set<Int>) -> [Int?] {
            var result: [Int?] = []
            for step in steps.sorted() {
                if let last = result.last, let previous = last, step > previous + 1 { result.append(nil) }
                if result.isEmpty && step > 0 { result.append(nil) }
                result.append(step)
            }
            if let last = result.last, let step = last, step < count - 1 { result.append(nil) }
            return result
        }
        var chosen = kept.filter { (0..<count).contains($0) }.union([count - 1])
        guard lines(chosen).count <= rows else { return (count - rows..<count).map { $0 } }
        let candidates = (0..<count).flatMap { [$0, count - 1 - $0] }
        for step in candidates where !chosen.contains(step) {
            let trial = chosen.union([step])
            if lines(trial).count > rows { break }
            chosen = trial
        }
        return lines(chosen)
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let area = area.intersection(buffer.bounds)
        guard !area.isEmpty else { return }
        guard !labels.isEmpty, !blocks.isEmpty else {
            buffer.writeWrapped(placeholder, in: area, style: theme.dimText)
            return
        }
        let labelWidth = min(6, labels.map(\.count).max() ?? 1)
        let chain = cellName.map { "─▶[\($0)]┤ " } ?? " "
        let noteWidth = notes.isEmpty ? 0 : min(4, notes.map(\.count).max() ?? 0) + 2
        let left = area.x + labelWidth + 1 + chain.count
        let blockSpace = area.maxX - left - noteWidth
        let gap = 1
        let blockWidth = max(1, (blockSpace - gap * (blocks.count - 1)) / blocks.count)
        for (index, block) in blocks.enumerated() {
            let x = left + index * (blockWidth + gap)
            let units = block.rows.first?.count ?? 0
            let cut = "\(block.title) (\(blockWidth)/\(units))"
            let title = units > blockWidth && cut.count <= blockWidth ? cut
                : ([block.title] + block.shorterTitles).first { $0.count <= blockWidth } ?? block.shorterTitles.last ?? block.title
            buffer.write(title, x: x, y: area.y, style: theme.dimText, clip: Rect(x: x, y: area.y, width: blockWidth, height: 1).intersection(area))
        }
        for (line, step) in Self.shownSteps(count: labels.count, rows: area.height - 1, kept: keptSteps).enumerated() {
            let y = area.y + 1 + line
            guard let step else {
                buffer.write(String(repeating: " ", count: labelWidth) + " ⋮", x: area.x, y: y, style: theme.dimText, clip: area)
                continue
            }
            let label = String(labels[step].prefix(labelWidth))
            buffer.write(String(repeating: " ", count: labelWidth - label.count) + label, x: area.x, y: y, style: theme.text, clip: area)
            if let cellName {
                // The joints down the right of the cells carry h_t on to the next step's cell.
                let joint = labels.count == 1 ? "─" : step == 0 ? "┐" : step == labels.count - 1 ? "┘" : "┤"
                buffer.write("─▶[\(cellName)]" + joint, x: area.x + labelWidth + 1, y: y, style: theme.accent, clip: area)
            }
            for (index, block) in blocks.enumerated() where block.rows.indices.contains(step) {
                drawRow(block.rows[step], range: block.range, x: left + index * (blockWidth + gap), y: y,
                        width: blockWidth, clip: area, buffer: &buffer, theme: theme)
            }
            if notes.indices.contains(step) && !notes[step].isEmpty {
                buffer.write("→" + notes[step].prefix(noteWidth - 2), x: area.maxX - noteWidth + 1, y: y, style: theme.accent, clip: area)
            }
        }
    }

    private func drawRow(_ values: [Float], range: ClosedRange<Double>, x: Int, y: Int, width: Int, clip: Rect,
                         buffer: inout CellBuffer, theme: Theme) {
        let span = range.upperBound - range.lowerBound
        for (unit, value) in values.prefix(width).enumerated() {
            let level = span > 0 ? 2 * (Double(value) - range.lowerBound) / span - 1 : 0
            if clip.contains(x: x + unit, y: y) { buffer[x + unit, y] = Self.cell(level: level, theme: theme) }
        }
    }

    /// How a level in −1…1 is drawn: a ramp colour, or a shade without one.
    private static func cell(level: Double, theme: Theme) -> Cell {
        theme.divergingRamp.isEmpty
            ? DivergingShading.shadeCell(for: level, theme: theme)
            : Cell("█", style: Style(foreground: DivergingShading.color(for: level, ramp: theme.divergingRamp), background: theme.text.background))
    }

    /// A one-row key to the shades: `low`, the scale from the bottom of a block's range to
    /// its top as the rows draw it, then `high`, e.g. "gate 0 ▕█▓▒░ ░▒▓█▏ 1 open".
    public static func renderKey(low: String, high: String, in row: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard row.height > 0 else { return }
        var x = buffer.write(low + " ", x: row.x, y: row.y, style: theme.dimText, clip: row)
        for step in 0...8 where row.contains(x: x, y: row.y) {
            buffer[x, row.y] = cell(level: Double(step) / 4 - 1, theme: theme)
            x += 1
        }
        buffer.write(" " + high, x: x, y: row.y, style: theme.dimText, clip: row)
    }
}
