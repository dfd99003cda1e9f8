/// How many colours the terminal can show, which decides how widgets encode values.
public enum ColorDepth: Sendable, Equatable {
    /// No colour (or `NO_COLOR`): values are told apart by characters and attributes only.
    case monochrome
    /// The eight basic colours.
    case basic8
    /// The xterm 256-colour palette.
    case indexed256
}
