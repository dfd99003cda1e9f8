/// What a terminal handed the app, one event a line, as `Tests/hostile/keys/*.keys` holds it:
/// `character 0x1B` and `keycode 0x19A` are what `get_wch` returned (a character, or a
/// KEY_CODE_YES code), `size 80 24` is the terminal's size from then on, `lesson ID` the
/// lesson the keys are typed into. `#` starts a comment.
struct KeySequence: Equatable {
    enum Event: Equatable {
        case code(UInt32, isKeyCode: Bool)
        case size(width: Int, height: Int)
    }

    var lessonID: String?
    var events: [Event] = []

    /// nil for a line that is none of the above.
    init?(text: String) {
        for line in text.split(separator: "\n") {
            let words = line.prefix { $0 != "#" }.split(separator: " ")
            switch (words.first, words.count) {
            case (nil, _): continue
            case ("lesson", 2): lessonID = String(words[1])
            case ("character", 2), ("keycode", 2):
                guard words[1].hasPrefix("0x"), let code = UInt32(words[1].dropFirst(2), radix: 16) else { return nil }
                events.append(.code(code, isKeyCode: words[0] == "keycode"))
            case ("size", 3):
                guard let width = Int(words[1]), let height = Int(words[2]) else { return nil }
                events.append(.size(width: width, height: height))
            default: return nil
            }
        }
    }

    init(lessonID: String?, events: [Event]) {
        self.lessonID = lessonID
        self.events = events
    }

    var text: String {
        let lines = (lessonID.map { ["lesson \($0)"] } ?? []) + events.map { event in
            switch event {
            case .code(let code, let isKeyCode): "\(isKeyCode ? "keycode" : "character") 0x\(String(code, radix: 16, uppercase: true))"
            case .size(let width, let height): "size \(width) \(height)"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
