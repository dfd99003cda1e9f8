/// A text that a write into a `CellBuffer` cut at the right edge of its area: what was
/// asked for and how many characters of it were kept.
public struct TextCut: Hashable, Sendable {
    public var text: String
    public var kept: Int

    public init(text: String, kept: Int) {
        self.text = text
        self.kept = kept
    }

    /// What a reader sees of the text.
    public var shown: String { String(text.prefix(kept)) }

    /// Whether the cut falls inside a word or a number, leaving a piece that reads as
    /// something else (`Valid` for `Validation`, `150` for `1500`, `0.` for `0.5`). A cut
    /// in a run of rules, bars or braille, or next to a space, is not one.
    public var isInsideAWord: Bool {
        let characters = Array(text)
        guard kept > 0 && kept < characters.count else { return false }
        let before = characters[kept - 1], after = characters[kept]
        let wordy = { (character: Character) in character.isLetter || character.isNumber }
        if wordy(before) && wordy(after) { return true }
        if after.isNumber { return [".", ",", "-", "−"].contains(before) }
        return before.isNumber && [".", "%"].contains(after)
    }
}
