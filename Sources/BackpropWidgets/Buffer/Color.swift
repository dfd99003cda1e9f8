/// A terminal colour: the terminal's own default, one of the eight basic colours,
/// or an entry of the 256-colour palette.
public enum Color: Hashable, Sendable {
    case terminalDefault
    case black, red, green, yellow, blue, magenta, cyan, white
    case indexed(UInt8)

    /// The curses colour number: -1 for the terminal default, 0–7 for the basic
    /// colours, 0–255 for palette entries.
    public var paletteIndex: Int {
        switch self {
        case .terminalDefault: -1
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .indexed(let index): Int(index)
        }
    }

    /// The closest of the eight basic colours (by distance in RGB), for terminals
    /// without a 256-colour palette.
    public var nearestBasic: Color {
        guard case .indexed(let index) = self else { return self }
        if index < 16 { return Color.basic[Int(index) % 8] }
        let target = Color.rgb(ofPaletteIndex: Int(index))
        var best = Color.black, bestDistance = Int.max
        for (color, rgb) in zip(Color.basic, Color.basicRGB) {
            let distance = (0..<3).reduce(0) { $0 + (target[$1] - rgb[$1]) * (target[$1] - rgb[$1]) }
            if distance < bestDistance { best = color; bestDistance = distance }
        }
        return best
    }

    /// xterm's usual RGB values for the basic colours.
    private static let basicRGB: [[Int]] = [
        [0, 0, 0], [205, 0, 0], [0, 205, 0], [205, 205, 0], [0, 0, 238], [205, 0, 205], [0, 205, 205], [229, 229, 229],
    ]

    /// RGB of a palette entry from 16 up: the 6x6x6 cube, then 24 greys.
    private static func rgb(ofPaletteIndex index: Int) -> [Int] {
        if index >= 232 {
            let grey = 8 + 10 * (index - 232)
            return [grey, grey, grey]
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = index - 16
        return [levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6]]
    }

    /// The eight basic colours in curses order.
    public static let basic: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]
}
