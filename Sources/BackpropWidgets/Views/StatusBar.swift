/// The bottom line of a screen: key hints on the left, a short status on the right.
///
/// The status is made of parts joined by ` · `, each with a rank. When the line is too
/// narrow, the lowest-ranked parts go first (a notice outranks the learning rate), so a
/// one-off message is read whole rather than cut; only a single part left that still does
/// not fit ends at a whole word with `…`. Room for the last hint (help) is kept whenever
/// the status can give it up. Hints that do not fit are left out whole rather than cut,
/// from the end but the last one, which stays while any fits.
public struct StatusBar: Sendable {
    /// One piece of the status, such as `epoch 3` or a notice; higher ranks stay longer.
    public struct Part: Sendable, Equatable {
        public var text: String
        public var rank: Int

        public init(_ text: String, rank: Int) {
            self.text = text
            self.rank = rank
        }
    }

    public var hints: [KeyHint]
    public var parts: [Part]

    public init(hints: [KeyHint], parts: [Part]) {
        self.hints = hints
        self.parts = parts.filter { !$0.text.isEmpty }
    }

    /// A status that is one part: cut at a word only when it cannot fit.
    public init(hints: [KeyHint], status: String = "") {
        self.init(hints: hints, parts: [Part(status, rank: 0)])
    }

    /// Whether every hint and every part fit in a row of `width` columns, nothing dropped:
    /// for a screen choosing whether an optional part (a speed) has the room.
    public static func fitsWhole(hints: [KeyHint], parts: [Part], width: Int) -> Bool {
        let hintsWidth = hints.map { $0.key.count + 1 + $0.action.count + 2 }.reduce(0, +)
        let status = parts.filter { !$0.text.isEmpty }.map(\.text).joined(separator: " · ")
        // A column before the hints, each hint with its two-column gap, the status, a column after.
        return 1 + hintsWidth + status.count + 1 <= width
    }

    /// The status as drawn in `width` columns: parts dropped lowest rank first (the later
    /// of equal ranks first) until the rest fits, then the last one fitted at a word.
    public static func status(of parts: [Part], width: Int) -> String {
        TextFit.fit(joined(parts, width: width), width: width)
    }

    /// The parts left after dropping the lowest-ranked ones until they fit `width` (or one
    /// is left), joined but not cut.
    private static func joined(_ parts: [Part], width: Int) -> String {
        var kept = parts
        func joined() -> String { kept.map(\.text).joined(separator: " · ") }
        while kept.count > 1, joined().count > width {
            let lowest = kept.map(\.rank).min()!
            kept.remove(at: kept.lastIndex { $0.rank == lowest }!)
        }
        return joined()
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: theme.text))
        func width(_ hint: KeyHint) -> Int { hint.key.count + 1 + hint.action.count }
        // The last hint's room, with a gap on each side, is kept when dropping parts can make it.
        let helpRoom = hints.last.map { width($0) + 3 } ?? 0
        let full = row.width - 2
        let beside = Self.joined(parts, width: max(0, full - helpRoom))
        let status = beside.count <= full - helpRoom ? beside : Self.status(of: parts, width: full)
        let statusStart = row.maxX - status.count - 1
        if !status.isEmpty {
            buffer.write(status, x: max(row.x, statusStart), y: row.y, style: theme.accent, clip: row)
        }
        let hintLimit = status.isEmpty ? row.maxX : statusStart - 1
        // The hints that fit, in order; when some must go, the last one (help) stays.
        var shown: [KeyHint] = []
        var end = row.x + 1
        for (index, hint) in hints.enumerated() {
            let isLast = index == hints.count - 1
            let reserved = isLast ? 0 : width(hints[hints.count - 1]) + 2
            guard end + width(hint) + reserved <= hintLimit else { continue }
            if !isLast && shown.count < index { continue }
            shown.append(hint)
            end += width(hint) + 2
        }
        var x = row.x + 1
        for hint in shown {
            x = buffer.write(hint.key, x: x, y: row.y, style: theme.accent, clip: row) + 1
            x = buffer.write(hint.action, x: x, y: row.y, style: theme.dimText, clip: row) + 2
        }
    }
}
