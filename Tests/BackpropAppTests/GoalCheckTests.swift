@testable import BackpropApp
import BackpropLessons
import Testing

/// A lab goal read against fabricated snapshots: the metric, the limits, the first epoch.
@Suite struct GoalCheckTests {
    static func snapshot(hidden: [Int], epoch: Int, validationAccuracy: Float?, trainLoss: Float? = nil, parameters: Int = 17) -> SessionSnapshot {
        var configuration = Preset.xor.configuration
        configuration.hidden = hidden
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.epoch = epoch
        snapshot.testAccuracy = validationAccuracy
        snapshot.trainLoss = trainLoss
        snapshot.parameterCount = parameters
        return snapshot
    }

    static let accuracyGoal = LabGoal(metric: "val_accuracy", comparison: .atLeast, threshold: 0.95,
                                      limits: GoalLimits(maxHiddenNeurons: 4, maxEpochs: 200), line: 1)

    @Test func metAtTheThresholdWithinTheLimits() {
        #expect(GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [4], epoch: 30, validationAccuracy: 0.95)))
        #expect(GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [2, 2], epoch: 200, validationAccuracy: 1)))
    }

    @Test func notMetBelowTheThresholdOrPastALimit() {
        #expect(!GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [4], epoch: 30, validationAccuracy: 0.94)))
        #expect(!GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [8], epoch: 30, validationAccuracy: 1)), "too many hidden neurons")
        #expect(!GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [4], epoch: 201, validationAccuracy: 1)), "too late")
        #expect(!GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [4], epoch: 0, validationAccuracy: 1)), "before any epoch")
        #expect(!GoalCheck.isMet(Self.accuracyGoal, by: Self.snapshot(hidden: [4], epoch: 3, validationAccuracy: nil)), "no evaluation yet")
    }

    @Test func lossGoalsCompareAtMostAndCountParameters() {
        let goal = LabGoal(metric: "train_loss", comparison: .atMost, threshold: 0.1, limits: GoalLimits(maxParameters: 20), line: 1)
        #expect(GoalCheck.isMet(goal, by: Self.snapshot(hidden: [4], epoch: 3, validationAccuracy: nil, trainLoss: 0.05)))
        #expect(!GoalCheck.isMet(goal, by: Self.snapshot(hidden: [4], epoch: 3, validationAccuracy: nil, trainLoss: 0.2)))
        #expect(!GoalCheck.isMet(goal, by: Self.snapshot(hidden: [4], epoch: 3, validationAccuracy: nil, trainLoss: 0.05, parameters: 21)))
        #expect(!GoalCheck.isMet(goal, by: Self.snapshot(hidden: [4], epoch: 3, validationAccuracy: nil, trainLoss: .nan)))
    }

    @Test func aGoalFromAnEpochOnIgnoresEarlierEpochs() {
        let goal = LabGoal(metric: "val_accuracy", comparison: .atLeast, threshold: 0.8, limits: GoalLimits(minEpochs: 200), line: 1)
        #expect(!GoalCheck.isMet(goal, by: Self.snapshot(hidden: [8], epoch: 199, validationAccuracy: 0.9)))
        #expect(GoalCheck.isMet(goal, by: Self.snapshot(hidden: [8], epoch: 200, validationAccuracy: 0.9)))
        #expect(GoalCheck.statement(goal) == "val accuracy ≥ 80% · from epoch 200 on")
    }

    @Test func theStatementNamesTheLimits() {
        #expect(GoalCheck.statement(Self.accuracyGoal) == "val accuracy ≥ 95% · at most 4 hidden neurons · within 200 epochs")
    }

    /// Metrics read as the charts have them: in words, accuracies as percentages.
    @Test func metricsInWordsAndAccuraciesAsPercentages() {
        #expect(GoalCheck.format(0.995, metric: "val_accuracy") == "99.5%" && GoalCheck.format(1, metric: "sequence_accuracy") == "100%")
        #expect(GoalCheck.format(0.5, metric: "val_loss") == "0.5")
        let words = LabGoal(metric: GoalCheck.baselineMetric, comparison: .atMost, threshold: 0.95, limits: GoalLimits(), line: 1)
        #expect(GoalCheck.statement(words) == "val loss ÷ bigram's ≤ 0.95")
    }

    /// Past a goal's epoch limit without meeting it, the goal line says it was missed.
    @Test func aGoalWhoseEpochsAreOverSaysItWasMissed() throws {
        let missed = try #require(GoalCheck.missedWindow(Self.accuracyGoal, in: Self.snapshot(hidden: [4], epoch: 201, validationAccuracy: 0.5)))
        #expect(missed.contains("200 epochs are over"))
        #expect(GoalCheck.missedWindow(Self.accuracyGoal, in: Self.snapshot(hidden: [4], epoch: 200, validationAccuracy: 0.5)) == nil)
    }

    /// Met at epoch 11 of a 15-epoch window, the goal stays met for the run after the window:
    /// the goal line must not say "missed" beside the tick.
    @Test func aGoalMetInsideItsWindowStaysMetAfterIt() {
        let goal = LabGoal(metric: "val_accuracy", comparison: .atLeast, threshold: 0.95, limits: GoalLimits(maxEpochs: 15), line: 1)
        var snapshot = Self.snapshot(hidden: [4], epoch: 20, validationAccuracy: 0.99)
        snapshot.recentEpochs = (1...20).map { epoch in
            EpochMetrics(epoch: epoch, metrics: RunMetrics(trainLoss: nil, trainAccuracy: nil, validationLoss: nil,
                                                           validationAccuracy: epoch >= 11 ? 0.98 : 0.6, sequenceAccuracy: nil, baselineValidationLoss: nil))
        }
        #expect(!GoalCheck.isMet(goal, by: snapshot), "past the window the metric alone does not count")
        #expect(GoalCheck.epochMetInWindow(goal, in: snapshot) == 11)
        #expect(GoalCheck.missedWindow(goal, in: snapshot) == nil)
        for index in snapshot.recentEpochs.indices { snapshot.recentEpochs[index].metrics = RunMetrics(trainLoss: nil, trainAccuracy: nil, validationLoss: nil, validationAccuracy: 0.6, sequenceAccuracy: nil, baselineValidationLoss: nil) }
        #expect(GoalCheck.epochMetInWindow(goal, in: snapshot) == nil)
        #expect(GoalCheck.missedWindow(goal, in: snapshot) != nil, "never met in time: missed")
    }
}

@Suite("Goal limits explained")
struct GoalLimitExplanationTests {
    @Test func aPassingMetricOverTheNeuronLimitSaysWhy() throws {
        var configuration = Preset.playground.configuration
        configuration.hidden = [4, 2]
        var snapshot = SessionSnapshot(configuration: configuration)
        snapshot.epoch = 10
        snapshot.testAccuracy = 0.99
        let goal = LabGoal(metric: "val_accuracy", comparison: .atLeast, threshold: 0.95, limits: GoalLimits(maxHiddenNeurons: 4), line: 1)
        #expect(GoalCheck.isMet(goal, by: snapshot) == false)
        #expect(GoalCheck.blockingLimit(goal, in: snapshot) == "6 hidden neurons, at most 4 allowed")
        snapshot.testAccuracy = 0.9
        #expect(GoalCheck.blockingLimit(goal, in: snapshot) == nil, "the metric itself is not there yet")
    }
}

/// `hold_epochs`: one lucky epoch of a noisy validation loss is not enough.
@Suite struct GoalHoldTests {
    /// The metric must pass at that many epochs in a row; a failing epoch starts the count again.
    @Test func aHeldGoalNeedsEpochsInARow() {
        let goal = LabGoal(metric: "val_loss", comparison: .atMost, threshold: 0.5,
                           limits: GoalLimits(minEpochs: 200, holdEpochs: 3), line: 1)
        func snapshot(_ losses: [(epoch: Int, loss: Float)]) -> SessionSnapshot {
            var snapshot = GoalCheckTests.snapshot(hidden: [8], epoch: losses.last!.epoch, validationAccuracy: nil)
            snapshot.testLoss = losses.last!.loss
            snapshot.recentEpochs = losses.map {
                EpochMetrics(epoch: $0.epoch, metrics: RunMetrics(trainLoss: nil, trainAccuracy: nil, validationLoss: $0.loss,
                                                                  validationAccuracy: nil, sequenceAccuracy: nil, baselineValidationLoss: nil))
            }
            return snapshot
        }
        #expect(!GoalCheck.isMet(goal, by: snapshot([(210, 0.6), (211, 0.45), (212, 0.7)])), "one lucky epoch")
        #expect(!GoalCheck.isMet(goal, by: snapshot([(210, 0.4), (211, 0.45), (212, 0.7), (213, 0.4)])), "interrupted")
        #expect(!GoalCheck.isMet(goal, by: snapshot([(198, 0.4), (199, 0.4), (200, 0.4)])), "two of the three before epoch 200")
        #expect(GoalCheck.isMet(goal, by: snapshot([(210, 0.4), (211, 0.45), (212, 0.5), (213, 0.9)])), "held, then lost: it was met")
        #expect(GoalCheck.firstEpochMeeting(goal, in: snapshot([(200, 0.4), (201, 0.3), (202, 0.2)]).recentEpochs,
                                            hiddenNeurons: 8, parameters: 17) == 202)
        #expect(GoalCheck.statement(goal).hasSuffix("from epoch 200 on · for 3 epochs in a row"))
    }
}
