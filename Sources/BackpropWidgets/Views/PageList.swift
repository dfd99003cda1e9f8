/// A box centred over the screen listing a lesson's pages, one highlighted, each marked as
/// seen or with its goal met, for jumping straight to any page. Long lists scroll to keep
/// the highlighted page in view.
public struct PageList: Sendable {
    public struct Entry: Sendable, Equatable {
        public var title: String
        public var seen: Bool
        /// nil when the page has no goal of its own.
        public var goalMet: Bool?

        public init(title: String, seen: Bool, goalMet: Bool?) {
            self.title = title
            self.seen = seen
            self.goalMet = goalMet
        }
    }

    public var title: String
    public var entries: [Entry]
    public var highlighted: Int
    /// The page the learner is on, marked with ▸.
    public var current: Int

    public init(title: String, entries: [Entry], highlighted: Int, current: Int) {
        self.title = title
        self.entries = entries
        self.highlighted = highlighted
        self.current = current
    }

    static let footer = "↑ ↓ choose · Enter go · Esc close"

    /// "▸ 3. Title  ✓ goal": where the learner is, the number, the title, and the marks.
    func line(_ index: Int) -> String {
        let entry = entries[index]
        let marker = index == current ? "▸" : " "
        let seen = entry.seen ? "·" : " "
        let goal = entry.goalMet.map { $0 ? "  ✓ goal met" : "  ○ goal" } ?? ""
        return "\(marker)\(seen)\(index + 1). \(entry.title)\(goal)"
    }

    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let lines = entries.indices.map(line)
        let width = min(max(lines.map(\.count).max() ?? 0, Self.footer.count, title.count + 2) + 4, area.width)
        let height = min(lines.count + 4, area.height)
        let box = area.centered(width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme.text))
        let inside = Panel(title: title, isFocused: true).render(in: box, buffer: &buffer, theme: theme).inset(horizontal: 1)
        let rows = max(inside.height - 2, 1)
        let first = min(max(0, highlighted - rows + 1), max(0, lines.count - rows))
        for row in 0..<min(rows, lines.count - first) {
            let index = first + row
            let style = index == highlighted ? theme.focus : (entries[index].seen ? theme.text : theme.dimText)
            buffer.write(TextFit.padded(lines[index], width: inside.width, alignment: .left), x: inside.x, y: inside.y + row, style: style, clip: inside)
        }
        buffer.write(Self.footer, x: inside.x, y: inside.maxY - 1, style: theme.dimText, clip: inside)
    }
}
