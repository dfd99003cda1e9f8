/// One point of a chart series: the training step it belongs to and its value.
public struct SeriesPoint: Hashable, Sendable {
    public var step: Int
    public var value: Double

    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}
