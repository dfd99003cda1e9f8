import CNCursesW

/// Key sequences for the fuzzer: the keys the screens bind, every curses key code and its
/// neighbours, control characters, C1 controls, surrogates and values past Unicode, mixed
/// with resizes, typed into one of the shipped lessons.
enum KeySequenceMutator {
    static let boundKeys = Array("qnptdu?vmkjlh+=- sfrgo".unicodeScalars.map(\.value)) + [9, 10, 13, 27, 127, 12]
    static let oddCharacters: [UInt32] = [0, 1, 8, 26, 28, 31, 0x7F, 0x80, 0x9B, 0x9F, 0xAD, 0x200B, 0x202E, 0xD800, 0xDFFF,
                                          0xFEFF, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF, 0x110000, 0x7FFF_FFFF, 0xFFFF_FFFF]

    static func makeInput(lessonIDs: [String], using random: inout FuzzRandom) -> [UInt8] {
        var events: [KeySequence.Event] = []
        for _ in 0..<random.smallCount(upTo: 200) {
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<11: events.append(.code(boundKeys.randomElement(using: &random)!, isKeyCode: false))
            case 11..<15: events.append(.code(UInt32(Int32.random(in: KEY_MIN...(KEY_MAX + 1), using: &random)), isKeyCode: true))
            case 15: events.append(.code(oddCharacters.randomElement(using: &random)!, isKeyCode: false))
            case 16: events.append(.code(oddCharacters.randomElement(using: &random)!, isKeyCode: true))
            case 17: events.append(.code(UInt32.random(in: 0...UInt32.max, using: &random), isKeyCode: random.chance(0.5)))
            case 18: events.append(.code(UInt32(bitPattern: KEY_F0 + Int32.random(in: -1...64, using: &random)), isKeyCode: true))
            default:
                events.append(.size(width: [80, 81, 120, 200, 400].randomElement(using: &random)!,
                                    height: [24, 25, 40, 60, 200].randomElement(using: &random)!))
            }
        }
        return Array(KeySequence(lessonID: lessonIDs.randomElement(using: &random), events: events).text.utf8)
    }
}
