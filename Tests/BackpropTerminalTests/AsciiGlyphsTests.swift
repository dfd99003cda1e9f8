import Testing
@testable import BackpropTerminal

/// Under a locale that is not UTF-8 every glyph the widgets draw becomes ASCII that keeps its role.
@Suite struct AsciiGlyphsTests {
    @Test func framesChartsAndMarksKeepTheirRoles() {
        let pairs: [(Character, Character)] = [
            ("─", "-"), ("│", "|"), ("╭", "+"), ("┤", "+"), ("▀", "#"), ("●", "*"), ("○", "o"), ("◂", "<"), ("▸", ">"),
            ("✓", "v"), ("…", "~"), ("₁", "1"), ("⠀", " "), ("⣿", "#"), ("⠁", "."), ("a", "a"), (" ", " "),
        ]
        for (glyph, expected) in pairs { #expect(AsciiGlyphs.fallback(for: glyph) == expected, "\(glyph)") }
    }

    @Test func everyFallbackIsASCII() {
        let glyphs = "─│╭╮╰╯├┤┬┴┼━┃▁▂▃▄▅▆▇█▀▐░▒▓●○◆◇■□◂▸←→↑↓✓✗…·≤≥⊘₀₉²⁻" + String((0x2800...0x28FF).map { Character(UnicodeScalar($0)!) })
        #expect(glyphs.allSatisfy { AsciiGlyphs.fallback(for: $0).isASCII })
    }
}
