/// How a value between -1 and 1 looks on a diverging map in a given theme.
///
/// In a theme with a colour ramp it is a colour (for half-block pixels). Without
/// one it is a shade character: in 8 colours the shade shows the magnitude and
/// the theme's positive/negative colour the sign; in monochrome the shade runs
/// from blank (-1) through ░ ▒ ▓ to █ (+1), so lighter means negative.
enum DivergingShading {
    /// The ramp colour for `level` in -1...1.
    static func color(for level: Double, ramp: [Color]) -> Color {
        let clamped = level.isFinite ? min(1, max(-1, level)) : 0
        let index = Int(((clamped + 1) / 2 * Double(ramp.count - 1)).rounded())
        return ramp[index]
    }

    /// The shade cell for `level` in -1...1 when the theme has no ramp.
    static func shadeCell(for level: Double, theme: Theme) -> Cell {
        let clamped = level.isFinite ? min(1, max(-1, level)) : 0
        if theme.distinguishesByColor {
            let shades: [Character] = [" ", "░", "▒", "▓", "█"]
            let magnitude = abs(clamped)
            let index = magnitude < 0.15 ? 0 : min(4, 1 + Int((magnitude - 0.15) / 0.85 * 4))
            let sign = clamped < 0 ? theme.negative : theme.positive
            return Cell(shades[index], style: Style(foreground: sign.foreground, background: theme.text.background))
        }
        let shades: [Character] = [" ", "░", "▒", "▓", "█"]
        return Cell(shades[min(4, Int((clamped + 1) / 2 * 5))], style: theme.text)
    }
}
