/// A role a style plays on screen, for code that chooses a role as data (a table
/// row marked as a warning, a series drawn in the accent colour).
public enum ThemeRole: Sendable, CaseIterable {
    case text, dimText, accent, positive, negative, trainSeries, testSeries, warning, lockedKnob, focus
}

extension Theme {
    /// The style this theme gives `role`.
    public subscript(role: ThemeRole) -> Style {
        switch role {
        case .text: text
        case .dimText: dimText
        case .accent: accent
        case .positive: positive
        case .negative: negative
        case .trainSeries: trainSeries
        case .testSeries: testSeries
        case .warning: warning
        case .lockedKnob: lockedKnob
        case .focus: focus
        }
    }

    /// An empty cell in this theme's text style; fill a frame with it first so a
    /// theme with its own background (the projector theme) covers the whole screen.
    public var blankCell: Cell { Cell(" ", style: text) }
}
