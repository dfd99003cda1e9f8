@testable import BackpropApp
@testable import BackpropEngine
import Testing

/// Checkpoints: a run put back to one goes on bit for bit as it did, in the same trainer or
/// in one built the same way, so that a branch with nothing changed is the original run.
@Suite struct TrainerCheckpointTests {
    /// Spiral with everything that keeps state between steps: dropout's generator, batch-norm
    /// statistics, Adam's moments and a one-cycle schedule that moves beta1.
    static func run(_ extra: [String] = []) throws -> PreparedRun {
        var configuration = Preset.spiral.configuration
        for setting in ["dropout=0.2", "batchnorm=on", "schedule=onecycle", "epochs=12"] + extra { try configuration.apply(setting) }
        return try RunBuilder.prepare(configuration, seed: 7)
    }

    /// Trains to `step`, returning every step's batch loss on the way and the weights after.
    static func train(_ trainer: Trainer, to step: Int) -> (losses: [Float], weights: [[Float]]) {
        var losses: [Float] = []
        while trainer.step < step {
            trainer.trainStep()
            losses.append(trainer.lastBatchLoss)
        }
        let weights = trainer.network.layers.flatMap { $0.parameters + $0.stateBuffers }
            .map { Array(UnsafeBufferPointer(start: $0.value.data, count: $0.count)) }
        return (losses, weights)
    }

    @Test func aRestoredRunRepeatsItselfBitForBit() throws {
        let run = try Self.run()
        let trainer = run.trainer
        Self.train(trainer, to: 37)
        #expect(trainer.step % trainer.stepsPerEpoch != 0, "a checkpoint inside an epoch")
        let checkpoint = try #require(trainer.checkpoint())
        let original = Self.train(trainer, to: 130)
        try trainer.restore(checkpoint)
        #expect(trainer.step == 37 && trainer.epoch == checkpoint.epoch)
        let again = Self.train(trainer, to: 130)
        #expect(again.losses == original.losses, "the same batches, masks and updates")
        #expect(again.weights == original.weights)
        let elsewhere = try Self.run().trainer
        try elsewhere.restore(checkpoint)
        #expect(Self.train(elsewhere, to: 130).weights == original.weights, "a trainer built the same way goes on the same")
        #expect(checkpoint.byteCount > 0 && checkpoint.byteCount < 200_000, "\(checkpoint.byteCount) bytes")
    }

    /// A changed setting after the checkpoint makes a different run: the branch diverges.
    @Test func aBranchWithAnotherLearningRateDiverges() throws {
        let trainer = try Self.run().trainer
        Self.train(trainer, to: 40)
        let checkpoint = try #require(trainer.checkpoint())
        let original = Self.train(trainer, to: 80)
        try trainer.restore(checkpoint)
        trainer.setLearningRate(trainer.currentLearningRate * 10)
        let branch = Self.train(trainer, to: 80)
        #expect(branch.losses.first == original.losses.first, "the first batch's loss comes before the new rate acts")
        #expect(branch.losses.dropFirst() != original.losses.dropFirst())
    }

    @Test func aCheckpointFromAnotherModelIsRefused() throws {
        let checkpoint = try #require(try Self.run().trainer.checkpoint())
        let other = try Self.run(["hidden=8"]).trainer
        #expect(throws: ModelError.self) { try other.restore(checkpoint) }
    }

    /// Early stopping's record comes back with the run: a restored run stops where it stopped.
    @Test func earlyStoppingStateComesBack() throws {
        let trainer = try Self.run(["early_stop=2", "epochs=60"]).trainer
        for _ in 0..<3 { trainer.trainEpoch() }
        let checkpoint = try #require(trainer.checkpoint())
        while trainer.hasEpochsLeft { trainer.trainStep() }
        let (stoppedAt, best) = (trainer.epoch, trainer.earlyStopping?.best?.epoch)
        try trainer.restore(checkpoint)
        #expect(trainer.epoch == 3 && trainer.hasEpochsLeft)
        while trainer.hasEpochsLeft { trainer.trainStep() }
        #expect(trainer.epoch == stoppedAt && trainer.earlyStopping?.best?.epoch == best)
    }
}
