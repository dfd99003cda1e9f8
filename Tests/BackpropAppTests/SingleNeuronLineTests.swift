@testable import BackpropApp
import Foundation
import Testing

/// Lesson 1's network view writes out the one neuron's weights, bias and the line they draw,
/// from the snapshot's copies of the engine's parameters.
@Suite struct SingleNeuronLineTests {
    func snapshot(layerSizes: [Int], weights: [[[Float]]], biases: [[Float]]) -> SessionSnapshot {
        var snapshot = SessionSnapshot(configuration: Preset.xor.configuration)
        snapshot.layerSizes = layerSizes
        snapshot.weights = weights
        snapshot.biases = biases
        return snapshot
    }

    @Test func oneNeuronShowsItsLine() {
        let line = RunViews.singleNeuronLine(snapshot(layerSizes: [2, 1], weights: [[[0.3058, -0.52]]], biases: [[-0.1]]))
        #expect(line == "w1 0.3058 · w2 −0.5200 · b −0.1000 · line: 0.3058·x1 − 0.5200·x2 − 0.1000 = 0")
    }

    @Test func aHiddenLayerHasNoSingleLine() {
        #expect(RunViews.singleNeuronLine(snapshot(layerSizes: [2, 4, 1], weights: [[[1, 2]], [[1]]], biases: [[0], [0]])) == nil)
    }

    /// The live session copies the biases beside the weights.
    @Test func theSessionCopiesTheBias() throws {
        var configuration = Preset.xor.configuration
        try configuration.apply("hidden=none")
        try configuration.apply("loss=bce")
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show([.neuronOutputs]))
        let snapshot = try #require(ComputationGraphTests().waitFor(session) { !$0.biases.isEmpty })
        #expect(snapshot.layerSizes == [2, 1] && snapshot.biases.first?.count == 1)
        #expect(RunViews.singleNeuronLine(snapshot)?.hasPrefix("w1 ") == true)
    }
}
