import BackpropWidgets
import CNCursesW

/// Turns widget styles into curses attributes and colour pairs, remembering each
/// style it has seen so a frame asks curses for a pair only the first time.
struct CursesStyles {
    /// What curses needs to draw in a style.
    struct Attributes {
        let attributes: attr_t
        let pair: Int32
    }

    let depth: ColorDepth
    private var cache: [Style: Attributes] = [:]

    init(depth: ColorDepth) {
        self.depth = depth
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

    private func pair(for style: Style) -> Int32 {
        guard depth != .monochrome else { return 0 }
        let foreground = terminalColor(style.foreground), background = terminalColor(style.background)
        if foreground == -1 && background == -1 { return 0 }
        let pair = alloc_pair(foreground, background)
        return pair < 0 ? 0 : pair
    }

    /// Palette colours become their nearest basic colour on an 8-colour terminal.
    private func terminalColor(_ color: Color) -> Int32 {
        Int32(depth == .indexed256 ? color.paletteIndex : color.nearestBasic.paletteIndex)
    }
}
