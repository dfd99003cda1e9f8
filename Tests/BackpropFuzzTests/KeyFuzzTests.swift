@testable import BackpropApp
import BackpropLessons
@testable import BackpropTerminal
import BackpropWidgets
import Foundation
import Testing

extension Fuzz {
    /// The key decoder, and the lesson screen its keys drive: any code `get_wch` can return
    /// decodes to nothing or to the key it stands for, and any sequence of those keys and
    /// resizes, handled as `TerminalApp` handles them, leaves a screen that still draws.
    @Suite struct KeyDecoding {
        static let target = FuzzTarget(
            name: "keys", fileExtension: "keys", testFilter: "Fuzz/KeyDecoding",
            makeInput: { KeySequenceMutator.makeInput(lessonIDs: ShippedLessons.all.map(\.id), using: &$0) }, check: check)

        static func check(_ input: [UInt8]) -> FuzzOutcome {
            guard let sequence = KeySequence(text: String(decoding: input, as: UTF8.self)) else { return .broken("not a key sequence file") }
            let lesson: Lesson
            if let id = sequence.lessonID {
                guard let named = ShippedLessons.all.first(where: { $0.id == id }) else { return .broken("no shipped lesson '\(id)'") }
                lesson = named
            } else {
                lesson = ShippedLessons.all[0]
            }
            var screen = LessonScreen(lesson: lesson, page: 0, progress: LessonProgress())
            var (width, height) = (TerminalApp.minimumWidth, TerminalApp.minimumHeight)
            screen.fit(width: width, height: height)
            for (index, event) in sequence.events.enumerated() {
                switch event {
                case .size(let newWidth, let newHeight):
                    (width, height) = (newWidth, newHeight)
                    screen.fit(width: width, height: height)
                case .code(let code, let isKeyCode):
                    let key = KeyDecoder.key(code: code, isKeyCode: isKeyCode)
                    if let wrong = wrongDecoding(key, code: code, isKeyCode: isKeyCode) { return .broken(wrong) }
                    guard let key, key != .resize, key != .control("l") else { continue }
                    let fits = width >= TerminalApp.minimumWidth && height >= TerminalApp.minimumHeight
                    if !fits && key != .character("q") && key != .escape { continue }
                    if screen.handle(key) == .close { return .accepted }
                }
                if index % 16 == 15 { draw(screen, width: width, height: height) }
            }
            draw(screen, width: width, height: height)
            return .accepted
        }

        /// Why `key` is not what `code` stands for, or nil when it is.
        static func wrongDecoding(_ key: Key?, code: UInt32, isKeyCode: Bool) -> String? {
            switch key {
            case .character(let character) where isKeyCode || character.unicodeScalars.map(\.value) != [code]:
                return "\(isKeyCode ? "key code" : "character") 0x\(String(code, radix: 16)) decoded as \(character.debugDescription)"
            case .control(let letter) where !("a"..."z").contains(letter) || isKeyCode:
                return "0x\(String(code, radix: 16)) decoded as Ctrl-\(letter)"
            case .function(let number) where !(1...63).contains(number):
                return "key code 0x\(String(code, radix: 16)) decoded as F\(number)"
            case nil where !isKeyCode && Unicode.Scalar(code) != nil:
                return "the character 0x\(String(code, radix: 16)) was dropped"
            default:
                return nil
            }
        }

        static func draw(_ screen: LessonScreen, width: Int, height: Int) {
            guard width >= TerminalApp.minimumWidth && height >= TerminalApp.minimumHeight else { return }
            var buffer = CellBuffer(width: width, height: height)
            // A snapshot of the lab as it opens, so the views draw too, not only text and knobs.
            screen.render(screen.runConfiguration.map { SessionSnapshot(configuration: $0) }, into: &buffer, theme: .monochrome)
        }

        @Test func everyCodeDecodesAndEverySequenceLeavesADrawableScreen() {
            let summary = FuzzRunner.run(Self.target, settings: .current(ciSeconds: 6, ciCases: 400_000))
            #expect(summary.executions > 0)
        }
    }
}
