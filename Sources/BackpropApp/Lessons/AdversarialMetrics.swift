import BackpropEngine
import BackpropLessons

/// A GAN run's figures by the names goals and claims use: its mode coverage and both
/// losses. The lab's goal line and `backprop lint --claims` read them through this table.
struct AdversarialMetrics: Equatable {
    var coverage: ModeCoverage?
    var generatorLoss: Float?
    var discriminatorLoss: Float?

    static let names = ["modes_covered", "high_quality", "generator_loss", "discriminator_loss"]

    func value(of metric: String) -> Double? {
        switch metric {
        case "modes_covered": coverage.map { Double($0.covered) }
        case "high_quality": coverage.map { Double("\($0.highQualityFraction)") ?? Double($0.highQualityFraction) }
        case "generator_loss": generatorLoss.map { Double("\($0)") ?? Double($0) }
        case "discriminator_loss": discriminatorLoss.map { Double("\($0)") ?? Double($0) }
        default: nil
        }
    }
}

/// Reads a GAN lab's goal against its live snapshot, as `GoalCheck` does for one network.
/// An epoch of a GAN is `epoch_steps` generator steps; the goal's epoch limits count them.
enum AdversarialGoalCheck {
    static func metrics(of snapshot: AdversarialSnapshot) -> AdversarialMetrics {
        AdversarialMetrics(coverage: snapshot.coverage, generatorLoss: snapshot.generatorLoss, discriminatorLoss: snapshot.discriminatorLoss)
    }

    /// Epochs begun: the first step starts epoch 1.
    static func epoch(of snapshot: AdversarialSnapshot) -> Int {
        let perEpoch = max(snapshot.configuration.stepsPerEpoch, 1)
        return (snapshot.step + perEpoch - 1) / perEpoch
    }

    static func isMet(_ goal: LabGoal, by snapshot: AdversarialSnapshot) -> Bool {
        guard snapshot.step > 0, let value = metrics(of: snapshot).value(of: goal.metric) else { return false }
        if goal.limits.atEnd && snapshot.state != .finished { return false }
        return goal.isMet(metricValue: value, hiddenNeurons: snapshot.configuration.hiddenNeurons, epochs: epoch(of: snapshot),
                          parameters: snapshot.configuration.parameterCount)
    }
}
