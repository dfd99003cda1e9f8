/// A metric's whole history in bounded memory: when `capacity` points are stored,
/// neighbouring pairs are merged (mean value, later step) and from then on each
/// stored point stands for twice as many samples.
public struct SeriesHistory: Sendable, Equatable {
    /// The most points kept (at least 2, rounded up to an even number).
    public let capacity: Int
    /// How many appended samples each stored point stands for.
    public private(set) var samplesPerPoint = 1
    private var stored: [SeriesPoint] = []
    private var pendingSum = 0.0
    private var pendingCount = 0
    private var pendingStep = 0

    public init(capacity: Int = 512) {
        self.capacity = max(2, capacity + capacity % 2)
        stored.reserveCapacity(self.capacity)
    }

    /// Records `value` at `step` (steps are expected to increase).
    public mutating func append(step: Int, value: Double) {
        if stored.count == capacity && pendingCount == 0 { mergePairs() }
        pendingSum += value
        pendingCount += 1
        pendingStep = step
        guard pendingCount == samplesPerPoint else { return }
        stored.append(SeriesPoint(step: step, value: pendingSum / Double(pendingCount)))
        pendingSum = 0
        pendingCount = 0
    }

    /// The points to draw, oldest first; the last one may average fewer samples
    /// than the rest, so the newest value shows at once.
    public var points: [SeriesPoint] {
        guard pendingCount > 0 else { return stored }
        return stored + [SeriesPoint(step: pendingStep, value: pendingSum / Double(pendingCount))]
    }

    /// The most recent value, if any.
    public var latest: SeriesPoint? { points.last }

    public var isEmpty: Bool { stored.isEmpty && pendingCount == 0 }

    /// Forgets the points after `step` (a run branched there); samples not yet stored as a
    /// point go too when they reach past it.
    public mutating func dropAfter(step: Int) {
        stored.removeAll { $0.step > step }
        if pendingStep > step {
            pendingSum = 0
            pendingCount = 0
        }
    }

    /// Forgets everything (a reset of the run).
    public mutating func removeAll() {
        self = SeriesHistory(capacity: capacity)
    }

    private mutating func mergePairs() {
        for index in 0..<(stored.count / 2) {
            let first = stored[2 * index], second = stored[2 * index + 1]
            stored[index] = SeriesPoint(step: second.step, value: (first.value + second.value) / 2)
        }
        stored.removeLast(stored.count / 2)
        samplesPerPoint *= 2
    }
}
