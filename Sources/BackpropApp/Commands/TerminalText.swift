/// Text from untrusted files (lessons, word lists) made safe to print outside the TUI:
/// control characters (C0, DEL, C1: ESC, BEL, CR...) are shown as `\u{1B}`-style escapes,
/// so a lesson can never retitle the terminal, clear it or move the cursor.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || (0x7F...0x9F).contains(scalar.value) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
