/// A framed message in the warning style over part of a screen, for what the learner
/// must not miss (a diverged run): a title, wrapped text, and an optional hint line.
public struct AlertBox: Sendable {
    public var title: String
    public var message: String
    public var hint: String

    public init(title: String, message: String, hint: String = "") {
        self.title = title
        self.message = message
        self.hint = hint
    }

    /// Draws the box centred in `area`, as wide as `area` allows up to 60 columns.
    public func render(in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let width = min(area.width, 60)
        guard width >= 8, area.height >= 3 else { return }
        let textWidth = width - 4
        let lines = WordWrap.lines(of: message, width: textWidth)
        let hintLines = hint.isEmpty ? [] : WordWrap.lines(of: hint, width: textWidth)
        let height = min(area.height, lines.count + hintLines.count + (hintLines.isEmpty ? 0 : 1) + 2)
        let box = area.centered(width: width, height: height)
        buffer.fill(box, with: Cell(" ", style: theme.text))
        let border = theme.warning
        let inside = box.inset(horizontal: 2, vertical: 1)
        for x in box.x..<box.maxX {
            buffer.put("━", x: x, y: box.y, style: border)
            buffer.put("━", x: x, y: box.maxY - 1, style: border)
        }
        for y in box.y..<box.maxY {
            buffer.put("┃", x: box.x, y: y, style: border)
            buffer.put("┃", x: box.maxX - 1, y: y, style: border)
        }
        buffer.put("┏", x: box.x, y: box.y, style: border)
        buffer.put("┓", x: box.maxX - 1, y: box.y, style: border)
        buffer.put("┗", x: box.x, y: box.maxY - 1, style: border)
        buffer.put("┛", x: box.maxX - 1, y: box.maxY - 1, style: border)
        buffer.write(" " + title + " ", x: box.x + 2, y: box.y, style: theme.warning, clip: box.inset(horizontal: 1))
        var y = inside.y
        for line in lines where y < inside.maxY {
            buffer.write(line, x: inside.x, y: y, style: theme.text, clip: inside)
            y += 1
        }
        y += 1
        for line in hintLines where y < inside.maxY {
            buffer.write(line, x: inside.x, y: y, style: theme.accent, clip: inside)
            y += 1
        }
    }
}
