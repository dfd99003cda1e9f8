@testable import BackpropApp
import BackpropEngine
import Foundation
import Testing

/// `early_stop=PATIENCE`: the run stops once that many epochs pass without a lower validation
/// loss, the best epoch's weights come back, and the summary reports that model.
@Suite("Early stopping")
struct EarlyStoppingTests {
    /// A big network on few noisy points: the validation loss dips, then climbs.
    static func overfitting(_ extra: [String]) throws -> PreparedRun {
        var configuration = Preset.xor.configuration
        for setting in ["noise=50", "train_ratio=20", "hidden=8,8,8", "loss=bce", "epochs=150"] + extra { try configuration.apply(setting) }
        return try RunBuilder.prepare(configuration, seed: 1)
    }

    @Test func theRunStopsAndEndsWithTheBestEpochsWeights() throws {
        let run = try Self.overfitting(["early_stop=5"])
        var training = HeadlessTraining(run: run)
        training.showsProgress = false
        let summary = training.execute()
        let best = try #require(summary.bestEpoch)
        #expect(summary.stoppedEarly == true)
        #expect(summary.epochs == best + 5 && summary.epochs < 150)
        // The weights are the best epoch's: evaluating them now gives its validation loss.
        let now = run.trainer.evaluate(run.trainer.data.validation)
        #expect(summary.valLoss == now.loss && summary.valLoss == run.trainer.earlyStopping?.best?.validation.loss)
        #expect(summary.json.contains("\"best_epoch\":\(best)") && summary.json.contains("\"stopped_early\":true"))
    }

    @Test func aRunThatEndsOnAWorseEpochGetsTheBestOneBack() throws {
        let run = try Self.overfitting(["early_stop=1000", "epochs=40"])
        var training = HeadlessTraining(run: run)
        training.showsProgress = false
        let summary = training.execute()
        #expect(summary.epochs == 40 && summary.stoppedEarly == false)
        let best = try #require(run.trainer.earlyStopping?.best)
        #expect(best.epoch < 40, "this run overfits: its last epoch is not its best")
        #expect(run.trainer.restoredBestEpoch == best.epoch)
        #expect(run.trainer.evaluate(run.trainer.data.validation).loss == best.validation.loss)
    }

    @Test func withoutItNothingChanges() throws {
        let run = try Self.overfitting(["epochs=20"])
        var training = HeadlessTraining(run: run)
        training.showsProgress = false
        let summary = training.execute()
        #expect(summary.epochs == 20 && summary.bestEpoch == nil && run.trainer.restoredBestEpoch == nil)
        #expect(summary.json.contains("\"best_epoch\":null") && summary.json.contains("\"stopped_early\":false"))
    }

    @Test func theSettingTakesAPatienceOrOff() throws {
        var configuration = Preset.xor.configuration
        try configuration.apply("early_stop=7")
        #expect(configuration.earlyStopPatience == 7 && configuration.trainingSettings.earlyStopPatience == 7)
        try configuration.apply("early_stop=off")
        #expect(configuration.earlyStopPatience == nil)
        #expect(throws: SettingError.self) { try configuration.apply("early_stop=0") }
        #expect(throws: SettingError.self) { try configuration.apply("early_stop=soon") }
    }
}
