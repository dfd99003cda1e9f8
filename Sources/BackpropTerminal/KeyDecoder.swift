import CNCursesW

/// Turns what `get_wch` returned into a `Key`.
enum KeyDecoder {
    /// `isKeyCode` is true when `get_wch` answered KEY_CODE_YES (a function key code
    /// rather than a character).
    static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        isKeyCode ? functionKey(Int32(bitPattern: code)) : characterKey(code)
    }

    /// The key an Esc makes when `next` arrived with it, in the same burst of input: Alt
    /// with a printable key, or Esc alone. A key other than a character after Esc (an
    /// arrow, Enter) is left to be read on its own, so `next` nil means "Esc".
    static func key(escapeFollowedBy next: Key?) -> Key {
        if case .character(let character)? = next { return .alt(character) }
        return .escape
    }

    private static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26:
            return Unicode.Scalar(code + 96).map { .control(Character($0)) }
        default:
            return Unicode.Scalar(code).map { .character(Character($0)) }
        }
    }

    private static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_RESIZE: .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): .function(Int(code - KEY_F0))
        default: nil
        }
    }
}
