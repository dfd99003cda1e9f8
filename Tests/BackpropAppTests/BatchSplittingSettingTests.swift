import BackpropEngine
import Testing
@testable import BackpropApp

/// `backprop train` splits batches across cores for the models where that pays off, and
/// `BACKPROP_THREADS` caps it.
@Suite("Batch splitting on the command line")
struct BatchSplittingSettingTests {
    static func configuration(_ preset: Preset) throws -> RunConfiguration {
        var configuration = preset.configuration
        try configuration.apply("limit=200")
        return configuration
    }

    static func network(_ preset: Preset) throws -> Network {
        try RunBuilder.prepare(configuration(preset), seed: 1).trainer.network
    }

    @Test func theThreadVariableCapsTheParts() throws {
        let transformer = try Self.network(.reverseAttention)
        let batch = Preset.reverseAttention.configuration.trainingSettings.batchSize
        #expect(try BatchSplitting.replicaCount(for: transformer, batchSize: batch, environment: ["BACKPROP_THREADS": "1"]) == 0)
        let unlimited = try BatchSplitting.replicaCount(for: transformer, batchSize: batch, environment: [:])
        #expect(unlimited == Trainer.replicaCount(for: transformer, batchSize: batch))
        #expect(try BatchSplitting.replicaCount(for: transformer, batchSize: batch, environment: ["BACKPROP_THREADS": " 64 "]) == unlimited)
        for bad in ["0", "two", "", "-3"] {
            #expect(throws: ModelError("BACKPROP_THREADS must be a whole number of threads, at least 1; got '\(bad)'")) {
                try BatchSplitting.replicaCount(for: transformer, batchSize: batch, environment: ["BACKPROP_THREADS": bad])
            }
        }
    }

    @Test func theCommandLineSplitsWhatPaysOffAndTheScreensNever() throws {
        let cores = Trainer.replicaCount(for: try Self.network(.reverseAttention), batchSize: 64) + 1
        let configuration = try Self.configuration(.reverseAttention)
        #expect(try RunBuilder.prepare(configuration, seed: 1, splitsBatches: true).trainer.batchParts == cores)
        #expect(try RunBuilder.prepare(configuration, seed: 1).trainer.batchParts == 1, "the live screens read whole batches")
        let mlp = Preset.digitsMLP.configuration
        #expect(try RunBuilder.prepare(mlp, seed: 1, splitsBatches: true).trainer.batchParts == 1, "OpenBLAS spreads an MLP itself")
    }
}
