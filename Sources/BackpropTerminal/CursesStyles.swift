import BackpropWidgets
import CNCursesW

/// Turns widget styles into curses attributes and colour pairs, remembering each
/// style it has seen so a frame asks curses for a pair only the first time.
///
/// When the terminal's pairs run out, further styles get the default colours:
/// `alloc_pair` would otherwise recycle a pair that cells on screen still use.
struct CursesStyles {
    /// What curses needs to draw in a style.
    struct Attributes {
        let attributes: attr_t
        let pair: Int32
    }

    let depth: ColorDepth
    private var cache: [Style: Attributes] = [:]
    private var pairsInUse: [Int32: Int32] = [:]
    private let pairLimit: Int

    init(depth: ColorDepth, pairLimit: Int) {
        self.depth = depth
        self.pairLimit = pairLimit
    }

    mutating func attributes(for style: Style) -> Attributes {
        if let known = cache[style] { return known }
        var attributes = bp_a_normal()
        if style.attributes.contains(.bold) { attributes |= bp_a_bold() }
        if style.attributes.contains(.dim) { attributes |= bp_a_dim() }
        if style.attributes.contains(.reverse) { attributes |= bp_a_reverse() }
        if style.attributes.contains(.underline) { attributes |= bp_a_underline() }
        let resolved = Attributes(attributes: attributes, pair: pair(for: style))
        cache[style] = resolved
        return resolved
    }

    private mutating func pair(for style: Style) -> Int32 {
        guard depth != .monochrome else { return 0 }
        let foreground = terminalColor(style.foreground), background = terminalColor(style.background)
        if foreground == -1 && background == -1 { return 0 }
        let colors = (foreground + 1) << 16 | (background + 1)
        if let known = pairsInUse[colors] { return known }
        // Pair 0 is the terminal's own; the rest are ours to hand out.
        guard pairsInUse.count < pairLimit - 1 else { return 0 }
        let pair = max(0, alloc_pair(foreground, background))
        pairsInUse[colors] = pair
        return pair
    }

    /// Palette colours become their nearest basic colour on an 8-colour terminal.
    private func terminalColor(_ color: Color) -> Int32 {
        Int32(depth == .indexed256 ? color.paletteIndex : color.nearestBasic.paletteIndex)
    }
}
