/// One character cell of the screen: what is printed there and how.
///
/// Every character is taken to be one column wide; widgets only use characters
/// that are (ASCII, box drawing, block elements, braille).
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character, style: Style = .plain) {
        self.character = character
        self.style = style
    }

    /// A space in the terminal's default colours.
    public static let blank = Cell(" ")
}
