/// A box with a title on its top border, drawn around a view. A focused panel
/// uses the theme's accent for its border.
public struct Panel: Sendable {
    public var title: String
    public var isFocused: Bool

    public init(title: String = "", isFocused: Bool = false) {
        self.title = title
        self.isFocused = isFocused
    }

    /// The longest of a title's forms (longest first) that fits on `area`'s top border with
    /// the pane's `suffix` (its place among the views), so a title drops whole phrases rather
    /// than being cut after one of its numbers' labels.
    public static func fittedTitle(_ forms: [String], suffix: String = "", in area: Rect) -> String {
        TextFit.first(of: forms.map { $0 + suffix }, width: area.width - 4)
    }

    /// Draws the border and title and returns the area inside the border.
    @discardableResult
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) -> Rect {
        guard area.width >= 2 && area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let border = isFocused ? theme.accent : theme.dimText
        let (right, bottom) = (area.maxX - 1, area.maxY - 1)
        for x in (area.x + 1)..<right {
            buffer.put("─", x: x, y: area.y, style: border)
            buffer.put("─", x: x, y: bottom, style: border)
        }
        for y in (area.y + 1)..<bottom {
            buffer.put("│", x: area.x, y: y, style: border)
            buffer.put("│", x: right, y: y, style: border)
        }
        buffer.put("╭", x: area.x, y: area.y, style: border)
        buffer.put("╮", x: right, y: area.y, style: border)
        buffer.put("╰", x: area.x, y: bottom, style: border)
        buffer.put("╯", x: right, y: bottom, style: border)
        if !title.isEmpty && area.width > 4 {
            let titleArea = Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1)
            buffer.write(" " + Self.fit(title, width: area.width - 4) + " ",
                         x: titleArea.x, y: area.y, style: isFocused ? theme.accent : theme.text, clip: titleArea)
        }
        return area.inset(horizontal: 1, vertical: 1)
    }

    /// A title too long for its border keeps its view counter (`· v 2/4`, which says where
    /// the pane stands among the views) and drops whole ` · ` phrases from its end first;
    /// only a first phrase that still does not fit is cut at a word.
    static func fit(_ title: String, width: Int) -> String {
        guard title.count > width else { return title }
        var phrases = title.components(separatedBy: " · ")
        let counter = phrases.count > 1 && isViewCounter(phrases[phrases.count - 1]) ? phrases.removeLast() : nil
        let kept = counter.map { " · " + $0 } ?? ""
        while phrases.count > 1 {
            phrases.removeLast()
            let shorter = phrases.joined(separator: " · ") + " · …" + kept
            if shorter.count <= width { return shorter }
        }
        let room = width - kept.count
        guard room >= 6 else { return TextFit.fit(title, width: width) }
        return TextFit.fit(phrases[0], width: room) + kept
    }

    /// `v 2/4`: the counter a pane shows when not every view is on screen.
    private static func isViewCounter(_ phrase: String) -> Bool {
        let parts = phrase.split(separator: " ")
        guard parts.count == 2, parts[0] == "v" else { return false }
        let numbers = parts[1].split(separator: "/")
        return numbers.count == 2 && numbers.allSatisfy { Int($0) != nil }
    }
}
