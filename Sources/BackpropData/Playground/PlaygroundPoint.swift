/// One 2-D sample of a Playground dataset: a position and its target.
///
/// For classification `label` is the class index as a whole number (0 or 1; the Playground's
/// -1 is class 0 and +1 is class 1); for regression it is the real target value.
public struct PlaygroundPoint: Equatable, Sendable {
    public var x1: Double
    public var x2: Double
    public var label: Double

    public init(x1: Double, x2: Double, label: Double) {
        self.x1 = x1
        self.x2 = x2
        self.label = label
    }
}
