/// Stand-ins for a terminal whose locale is not UTF-8 (`LANG=C`): curses there cannot draw
/// box lines, braille or blocks, and without this the borders, charts and decision boundary
/// vanish. Each glyph becomes the ASCII character closest in role, so a chart still reads
/// as a chart (`#*.:`) and a panel still has its frame (`+-|`).
enum AsciiGlyphs {
    static func fallback(for character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first, !character.isASCII else { return character }
        switch scalar.value {
        case 0x2500, 0x2501, 0x254C, 0x254D, 0x2504, 0x2505, 0x2508, 0x2509: return "-"
        case 0x2502, 0x2503, 0x254E, 0x254F, 0x2506, 0x2507, 0x250A, 0x250B: return "|"
        case 0x2500...0x257F: return "+"                       // corners, tees and crosses
        case 0x2800...0x28FF: return brailleShade(scalar.value - 0x2800)
        case 0x2580, 0x2584, 0x2588, 0x2589...0x258F, 0x2590, 0x2594, 0x2595: return "#"
        case 0x2581...0x2583: return "."
        case 0x2585...0x2587: return ":"
        case 0x2591: return "."
        case 0x2592: return ":"
        case 0x2593: return "#"
        case 0x25CF, 0x2022, 0x25C6, 0x25A0: return "*"        // ● • ◆ ■
        case 0x25CB, 0x25C7, 0x25A1: return "o"                // ○ ◇ □
        case 0x25C2, 0x25C0, 0x2190, 0x2039: return "<"        // ◂ ◀ ← ‹
        case 0x25B8, 0x25B6, 0x2192, 0x203A: return ">"        // ▸ ▶ → ›
        case 0x2191, 0x25B2, 0x25B4: return "^"
        case 0x2193, 0x25BC, 0x25BE: return "v"
        case 0x2713, 0x2714: return "v"                        // ✓
        case 0x2717, 0x2718, 0x00D7: return "x"
        case 0x2026: return "~"                                // …
        case 0x2212, 0x2013, 0x2014: return "-"
        case 0x00B7, 0x2219: return "."
        case 0x2264: return "<"
        case 0x2265: return ">"
        case 0x2298: return "/"                                // ⊘ (locked)
        case 0x2080...0x2089: return Character(UnicodeScalar(scalar.value - 0x2080 + 0x30)!)  // ₀…₉
        case 0x00B2: return "2"
        case 0x207B: return "-"
        default: return "?"
        }
    }

    /// A braille cell by how many of its eight dots are set: a sparse line stays light.
    private static func brailleShade(_ dots: UInt32) -> Character {
        switch dots.nonzeroBitCount {
        case 0: return " "
        case 1...2: return "."
        case 3...4: return ":"
        case 5...6: return "*"
        default: return "#"
        }
    }
}
