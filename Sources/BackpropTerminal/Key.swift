/// A key press (or a terminal resize) as the app sees it, independent of curses.
public enum Key: Hashable, Sendable {
    /// A printable character, including space.
    case character(Character)
    /// Ctrl with a letter, given in lower case (`.control("l")` for Ctrl-L).
    /// Ctrl-C never arrives here: it raises SIGINT (see `CursesScreen.terminationSignal`).
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, tab, backTab, escape, backspace, delete
    /// F1 to F12 (and beyond, if the terminal sends them).
    case function(Int)
    /// Alt (Meta) with a key, which a terminal sends as Esc and then the key at once. No
    /// screen binds it; it must not read as Esc, which would leave the lesson.
    case alt(Character)
    /// The terminal changed size; read the new size from the screen.
    case resize
}
