/// What a cell may hold: one character one column wide. Text from lesson files is untrusted,
/// and a control character (`\r`, `\b`, ESC) would move the terminal's cursor, while a wide
/// one (CJK, most emoji) takes two columns and pushes every border after it out of place.
/// Both are drawn as `�`, one column, so the layout the widgets computed is the one shown.
public enum SingleCellCharacter {
    public static let replacement: Character = "\u{FFFD}"

    public static func displayable(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first else { return character }
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || isWide(scalar.value) { return replacement }
        return character
    }

    /// East Asian wide and fullwidth ranges, and the emoji blocks terminals draw two columns wide.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
