/// The bottom line of a screen: key hints on the left, a short status on the
/// right. Hints that do not fit are left out whole rather than cut, from the end but
/// the last one (help), which stays while any fits; a status too long for the line ends
/// at a whole word with `…`.
public struct StatusBar: Sendable {
    public var hints: [KeyHint]
    public var status: String

    public init(hints: [KeyHint], status: String = "") {
        self.hints = hints
        self.status = status
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: theme.text))
        let status = TextFit.fit(self.status, width: row.width - 2)
        let statusStart = row.maxX - status.count - 1
        if !status.isEmpty {
            buffer.write(status, x: max(row.x, statusStart), y: row.y, style: theme.accent, clip: row)
        }
        let hintLimit = status.isEmpty ? row.maxX : statusStart - 1
        func width(_ hint: KeyHint) -> Int { hint.key.count + 1 + hint.action.count }
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
