import Foundation

/// Leslie Smith's learning-rate range test: train from a fresh start while the learning
/// rate grows exponentially, one step per rate, and watch where the loss falls fastest and
/// where it blows up. Runs a step at a time, so a caller can show it as it goes.
public final class LearningRateRangeTest {
    /// The rate of each step: `steps` values from `lowest` to `highest`, each a constant
    /// factor above the one before.
    public static func rates(from lowest: Float, to highest: Float, steps: Int) -> [Float] {
        guard steps > 1 else { return [lowest] }
        let ratio = log(Double(highest) / Double(lowest)) / Double(steps - 1)
        return (0..<steps).map { Float(Double(lowest) * exp(ratio * Double($0))) }
    }

    /// Weight of the previous smoothed loss: one batch's loss is too noisy to read.
    public static let smoothing: Float = 0.9
    /// The test stops once the smoothed loss is this many times its lowest value.
    public static let blowUpFactor: Float = 4

    public let rates: [Float]
    /// The smoothed loss after each step taken so far (bias-corrected exponential average).
    public private(set) var losses: [Float] = []
    private let trainer: Trainer
    private var average: Float = 0
    public private(set) var isFinished = false

    /// A test on `trainer`, which it trains: give it a fresh trainer, not the learner's run.
    public init(trainer: Trainer, rates: [Float]) {
        self.trainer = trainer
        self.rates = rates
        trainer.setSchedule(.constant)
    }

    /// Trains one step at the next rate; marks the test finished after the last rate, or
    /// when the loss diverges or climbs past `blowUpFactor` times its lowest value.
    public func step() {
        guard !isFinished else { return }
        trainer.setLearningRate(rates[losses.count])
        trainer.trainStep()
        let loss = trainer.lastBatchLoss
        guard loss.isFinite, trainer.divergence == nil else {
            isFinished = true
            return
        }
        average = Self.smoothing * average + (1 - Self.smoothing) * loss
        let smoothed = average / (1 - powf(Self.smoothing, Float(losses.count + 1)))
        losses.append(smoothed)
        if losses.count == rates.count || smoothed > Self.blowUpFactor * (losses.min() ?? smoothed) { isFinished = true }
    }

    /// The usual pick: a tenth of the rate where the smoothed loss was lowest, safely below
    /// where it starts to climb. Nil until a few steps are in.
    public var suggestedRate: Float? {
        guard losses.count >= 10, let lowest = losses.indices.min(by: { losses[$0] < losses[$1] }) else { return nil }
        return rates[lowest] / 10
    }
}
