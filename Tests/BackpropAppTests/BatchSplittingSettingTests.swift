import Foundation
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

    @Test func theThreadVariableCapsTheParts() throws {
        let trainer = try RunBuilder.prepare(Self.configuration(.reverseAttention), seed: 1).trainer
        func replicas(_ environment: [String: String]) throws -> Int { try BatchSplitting.replicaCount(for: trainer, environment: environment) }
        let unlimited = try replicas([:])
        #expect(try replicas(["BACKPROP_THREADS": "1"]) == 0)
        #expect(try replicas(["BACKPROP_THREADS": "2"]) == min(unlimited, 1))
        #expect(try replicas(["BACKPROP_THREADS": " 64 "]) == unlimited)
        for bad in ["0", "two", "", "-3", "99999"] {
            #expect(throws: ModelError("BACKPROP_THREADS must be a whole number of threads from 1 to 256; got '\(bad)'")) {
                try replicas(["BACKPROP_THREADS": bad])
            }
        }
    }

    @Test func theCommandLineAndTheScreensSplitWhatPaysOff() throws {
        let configuration = try Self.configuration(.reverseAttention)
        #expect(try RunBuilder.prepare(configuration, seed: 1).trainer.batchParts == 1, "whole batches unless asked")
        let cores = try BatchSplitting.replicaCount(for: RunBuilder.prepare(configuration, seed: 1).trainer, environment: [:]) + 1
        #expect(try RunBuilder.prepare(configuration, seed: 1, splitsBatches: true).trainer.batchParts == cores)
        let mlp = Preset.digitsMLP.configuration
        #expect(try RunBuilder.prepare(mlp, seed: 1, splitsBatches: true).trainer.batchParts == 1, "OpenBLAS spreads an MLP itself")

        // A lab trains as `backprop train` does: its session splits the batch too.
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        let deadline = Date().addingTimeInterval(60)
        while session.latest().snapshot.batchParts == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(session.latest().snapshot.batchParts == cores)
    }
}
