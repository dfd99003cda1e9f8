/// Several histograms stacked, each under a title line with a note on the right: the
/// gradient distribution of every layer. When the area is short, each keeps at least a
/// title and one row of bars; shorter still, each takes one line (title, bars, note) so
/// that every layer stays on screen; what still does not fit is counted on the last line.
public struct HistogramList: Sendable {
    public struct Entry: Sendable, Equatable {
        public var title: String
        public var note: String
        public var counts: [Double]
        public var range: ClosedRange<Double>?

        public init(title: String, note: String = "", counts: [Double], range: ClosedRange<Double>? = nil) {
            self.title = title
            self.note = note
            self.counts = counts
            self.range = range
        }
    }

    public var entries: [Entry]
    /// Shown when there are no entries (for example before the first step).
    public var placeholder: String

    public init(entries: [Entry], placeholder: String = "") {
        self.entries = entries
        self.placeholder = placeholder
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        guard !entries.isEmpty else {
            buffer.writeWrapped(placeholder, in: area, style: theme.dimText)
            return
        }
        if entries.count * 2 > area.height, entries.count <= area.height, renderOneLineEach(in: area, buffer: &buffer, theme: theme) { return }
        let fitting = min(entries.count, max(1, area.height / 2))
        let shown = fitting < entries.count ? max(1, min(fitting, (area.height - 1) / 2)) : fitting
        let listArea = shown < entries.count ? Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1) : area
        let pieces = listArea.split(.vertical, Array(repeating: .fill(1), count: shown))
        for (entry, piece) in zip(entries, pieces) {
            let title = piece.row(0)
            buffer.write(TextFit.padded(entry.title, width: max(0, title.width - entry.note.count - 1), alignment: .left),
                         x: title.x, y: title.y, style: theme.accent, clip: title)
            buffer.write(entry.note, x: title.maxX - entry.note.count, y: title.y, style: theme.dimText, clip: title)
            let bars = Rect(x: piece.x, y: piece.y + 1, width: piece.width, height: piece.height - 1)
            Histogram(counts: entry.counts, range: bars.height >= 3 ? entry.range : nil).render(in: bars, buffer: &buffer, theme: theme)
        }
        if shown < entries.count {
            buffer.write("+\(entries.count - shown) more (enlarge the terminal)", x: area.x, y: area.maxY - 1, style: theme.dimText, clip: area)
        }
    }

    /// Each entry on one line: its title, a one-row histogram, its note. False (nothing
    /// drawn) when the bars would get fewer than `fewestBarColumns` columns.
    private func renderOneLineEach(in area: Rect, buffer: inout CellBuffer, theme: Theme) -> Bool {
        let noteWidth = entries.map(\.note.count).max() ?? 0
        let titleWidth = min(entries.map(\.title.count).max() ?? 0, area.width / 3)
        let barsWidth = area.width - titleWidth - noteWidth - 2
        guard barsWidth >= Self.fewestBarColumns else { return false }
        for (index, entry) in entries.enumerated() {
            let y = area.y + index
            buffer.write(TextFit.padded(entry.title, width: titleWidth, alignment: .left), x: area.x, y: y, style: theme.accent, clip: area)
            Histogram(counts: entry.counts, range: nil)
                .render(in: Rect(x: area.x + titleWidth + 1, y: y, width: barsWidth, height: 1), buffer: &buffer, theme: theme)
            buffer.write(entry.note, x: area.maxX - entry.note.count, y: y, style: theme.dimText, clip: area)
        }
        return true
    }

    static let fewestBarColumns = 8
}
