import BackpropWidgets

/// A run kept for comparison (`c`): the settings it ran with, its loss curves up to the
/// moment it was kept, its last figures and its decision boundary. Frozen: new runs train
/// beside it, and its curves stay on the loss chart, dimmed and named by its letter.
struct RunReference: Sendable {
    let letter: Character
    let configuration: RunConfiguration
    let trainLoss: [SeriesPoint]
    let validationLoss: [SeriesPoint]
    let step: Int
    let epoch: Int
    let validationAccuracy: Float?
    let boundary: BoundaryPicture?

    /// Points kept per curve: a reference's cost stays a few kilobytes however long it ran.
    static let pointsPerCurve = 512

    /// The run in `snapshot` as reference `letter`; nil before its first step (no curve yet).
    init?(_ snapshot: SessionSnapshot, letter: Character) {
        guard snapshot.step > 0, !snapshot.trainLossHistory.isEmpty || !snapshot.stepLossHistory.points.isEmpty else { return nil }
        self.letter = letter
        configuration = snapshot.configuration
        // A run kept inside its first epoch has no per-epoch point yet: its batch losses are
        // the curve it has.
        let train = snapshot.trainLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) }
        trainLoss = Self.thinned(train.isEmpty ? snapshot.stepLossHistory.points : train)
        validationLoss = Self.thinned(snapshot.testLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) })
        step = snapshot.step
        epoch = snapshot.epoch
        validationAccuracy = snapshot.testAccuracy
        boundary = BoundaryPicture(snapshot)
    }

    /// The curve the loss chart draws for this run: validation loss when it was measured
    /// after training began, else the training loss.
    var chartedLoss: (name: String, points: [SeriesPoint]) {
        validationLoss.contains { $0.step > 0 } ? ("val", validationLoss) : ("train", trainLoss)
    }

    /// Whether its losses can share a chart with a run of `live`'s settings: the same data
    /// and the same loss function, so that the numbers mean the same thing.
    func isComparable(with live: RunConfiguration) -> Bool {
        configuration.dataset == live.dataset && configuration.loss == live.loss && configuration.task == live.task
    }

    /// "val · lr 0.3 → 0.03": which curve it is and what differs from the live run; with
    /// `accuracy`, also where its validation accuracy stood when kept ("val 93.6% · …"), the
    /// figure a comparison of classifiers (transfer's three ways) is about.
    func legend(live: RunConfiguration, accuracy: Bool = false) -> String {
        let figure = accuracy ? validationAccuracy.map { String(format: " %.1f%%", $0 * 100) } ?? "" : ""
        return chartedLoss.name + figure + " · " + SettingDifferences.summary(kept: configuration, live: live)
    }

    /// Every `stride`-th point, keeping the last, so that at most `pointsPerCurve` remain.
    private static func thinned(_ points: [SeriesPoint]) -> [SeriesPoint] {
        guard points.count > pointsPerCurve else { return points }
        let stride = (points.count + pointsPerCurve - 1) / pointsPerCurve
        var kept = Swift.stride(from: 0, to: points.count, by: stride).map { points[$0] }
        if kept.last?.step != points.last?.step, let last = points.last { kept[kept.count - 1] = last }
        return kept
    }
}
