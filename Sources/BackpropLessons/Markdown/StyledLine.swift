/// How a run of text is drawn; a widget maps these to its theme.
public struct SpanStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let strong = SpanStyle(rawValue: 1 << 0)
    public static let emphasis = SpanStyle(rawValue: 1 << 1)
    public static let code = SpanStyle(rawValue: 1 << 2)
    public static let link = SpanStyle(rawValue: 1 << 3)
    public static let heading = SpanStyle(rawValue: 1 << 4)
    /// Decoration: list markers, call-out bars, table rules, link targets.
    public static let muted = SpanStyle(rawValue: 1 << 5)
}

/// A run of text in one style.
public struct Span: Equatable, Sendable {
    public let text: String
    public let style: SpanStyle

    public init(_ text: String, _ style: SpanStyle = []) {
        self.text = text
        self.style = style
    }
}

/// What a line belongs to, so a widget can shade a code block or a call-out as a whole.
public enum LineKind: Equatable, Sendable {
    case body
    case heading(level: Int)
    case code
    case callout
    case table
    case rule
    case blank
}

/// One rendered line of lesson text, at most the width it was rendered for (one column per
/// character).
public struct StyledLine: Equatable, Sendable {
    public let spans: [Span]
    public let kind: LineKind

    public init(_ spans: [Span], kind: LineKind) {
        self.spans = spans
        self.kind = kind
    }

    public static let blank = StyledLine([], kind: .blank)

    /// The line's characters without styles.
    public var text: String { spans.map(\.text).joined() }
}
