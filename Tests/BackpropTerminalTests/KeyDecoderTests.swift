import CNCursesW
import Testing
@testable import BackpropTerminal

/// What `get_wch` returns, decoded into the keys the screens handle.
@Suite struct KeyDecoderTests {
    @Test func controlCharactersBecomeNamedKeys() {
        #expect(KeyDecoder.key(code: 13, isKeyCode: false) == .enter)
        #expect(KeyDecoder.key(code: 10, isKeyCode: false) == .enter)
        #expect(KeyDecoder.key(code: 9, isKeyCode: false) == .tab)
        #expect(KeyDecoder.key(code: 27, isKeyCode: false) == .escape)
        #expect(KeyDecoder.key(code: 127, isKeyCode: false) == .backspace)
        #expect(KeyDecoder.key(code: 12, isKeyCode: false) == .control("l"))
    }

    /// Alt+q arrives as Esc then q at once: it is not Esc (which leaves a lesson) nor q.
    @Test func escapeWithACharacterInTheSameBurstIsAlt() {
        #expect(KeyDecoder.key(escapeFollowedBy: .character("q")) == .alt("q"))
        #expect(KeyDecoder.key(escapeFollowedBy: nil) == .escape)
        #expect(KeyDecoder.key(escapeFollowedBy: .up) == .escape, "Esc then an arrow: both are read")
    }

    @Test func printableCharactersIncludingWideOnes() {
        #expect(KeyDecoder.key(code: 32, isKeyCode: false) == .character(" "))
        #expect(KeyDecoder.key(code: 0x71, isKeyCode: false) == .character("q"))
        #expect(KeyDecoder.key(code: 0xE9, isKeyCode: false) == .character("é"))
    }

    @Test func functionKeyCodes() {
        let code = { (value: Int32) in UInt32(bitPattern: value) }
        #expect(KeyDecoder.key(code: code(KEY_UP), isKeyCode: true) == .up)
        #expect(KeyDecoder.key(code: code(KEY_LEFT), isKeyCode: true) == .left)
        #expect(KeyDecoder.key(code: code(KEY_BTAB), isKeyCode: true) == .backTab)
        #expect(KeyDecoder.key(code: code(KEY_RESIZE), isKeyCode: true) == .resize)
        #expect(KeyDecoder.key(code: code(KEY_F0 + 1), isKeyCode: true) == .function(1))
        #expect(KeyDecoder.key(code: code(KEY_ENTER), isKeyCode: true) == .enter)
        #expect(KeyDecoder.key(code: 0x7FFF, isKeyCode: true) == nil, "unknown key codes are dropped")
    }
}
