/// Which dots of a braille line are set: all of them, pairs with gaps, or one in four.
public enum LinePattern: Sendable {
    case solid
    /// Two dots on, two off.
    case dashed
    /// One dot in four.
    case dotted

    func includes(position: Int) -> Bool {
        switch self {
        case .solid: true
        case .dashed: (abs(position) / 2) % 2 == 0
        case .dotted: abs(position) % 4 == 0
        }
    }
}
