/// How much of a split a piece should get along the split's axis.
public enum LayoutConstraint: Hashable, Sendable {
    /// Exactly this many cells (less only if the area is too small).
    case length(Int)
    /// This percentage of the area.
    case percentage(Int)
    /// numerator/denominator of the area.
    case ratio(Int, Int)
    /// At least this many cells, growing into leftover space when there is no `fill`.
    case min(Int)
    /// A share of the leftover space, by weight.
    case fill(Int)
}

/// The direction a rectangle is split in.
public enum Axis: Sendable {
    /// Pieces side by side, left to right.
    case horizontal
    /// Pieces stacked, top to bottom.
    case vertical
}
