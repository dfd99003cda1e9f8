import BackpropEngine
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

/// The forward-backward lesson's graph: the engine's numbers against the formulas worked
/// by hand, the chain rule edge by edge, the finite differences, the SGD update.
@Suite struct ComputationGraphTests {
    /// A 2-2-1 tanh network with chosen weights, as the trainer would hold it.
    static func layers() -> [any Layer] {
        let hidden = Dense(inputSize: 2, outputSize: 2), output = Dense(inputSize: 2, outputSize: 1)
        let activation = Activation(.tanh)
        _ = try! hidden.prepare(maxBatch: 8, inputShape: [2])
        _ = try! activation.prepare(maxBatch: 8, inputShape: [2])
        _ = try! output.prepare(maxBatch: 8, inputShape: [2])
        hidden.weight.value.copy(from: [0.5, -0.3, 0.8, 0.2])
        hidden.bias!.value.copy(from: [0.1, -0.2])
        output.weight.value.copy(from: [1.5, -0.7])
        output.bias!.value.copy(from: [0.05])
        return [hidden, activation, output]
    }

    static let input: [Float] = [0.4, -1.2]

    func graph(target: Float = 1) throws -> ComputationGraph {
        try #require(ComputationGraph(layers: Self.layers(), loss: .bce, task: .classification(classes: 2), input: Self.input,
                                      target: target, sampleIndex: 3, learningRate: 0.1))
    }

    @Test func valuesAndGradientsMatchTheFormulasWorkedByHand() throws {
        let graph = try graph()
        let (x1, x2) = (0.4, -1.2)
        let z1 = 0.5 * x1 - 0.3 * x2 + 0.1, z2 = 0.8 * x1 + 0.2 * x2 - 0.2
        let h1 = tanh(z1), h2 = tanh(z2)
        let o = 1.5 * h1 - 0.7 * h2 + 0.05
        let p = 1 / (1 + exp(-o))
        let loss = -log(p)
        let dO = p - 1
        let dZ1 = (1 - h1 * h1) * 1.5 * dO, dZ2 = (1 - h2 * h2) * -0.7 * dO
        let expectedValues = [x1, x2, z1, h1, z2, h2, o, loss]
        for (node, expected) in zip(graph.nodes, expectedValues) {
            #expect(abs(Double(node.value) - expected) < 1e-4, "\(node.name) = \(node.value), by hand \(expected)")
        }
        let expectedGradients = [dZ1 * x1, dZ1 * x2, dZ1, dZ2 * x1, dZ2 * x2, dZ2, h1 * dO, h2 * dO, dO]
        for (parameter, expected) in zip(graph.parameters, expectedGradients) {
            #expect(abs(Double(parameter.gradient) - expected) < 1e-4, "∂L/∂\(parameter.name) = \(parameter.gradient), by hand \(expected)")
            #expect(abs(parameter.numericGradient - parameter.gradient) < 2e-3, "\(parameter.name): numeric \(parameter.numericGradient)")
            #expect(abs(parameter.updated - (parameter.value - 0.1 * parameter.gradient)) < 1e-6, "SGD moves \(parameter.name) against its gradient")
        }
        #expect(graph.nodes.map(\.name) == ["x1", "x2", "z1", "h1", "z2", "h2", "o", "L"])
        #expect(graph.parameters.map(\.value) == [0.5, -0.3, 0.1, 0.8, 0.2, -0.2, 1.5, -0.7, 0.05])
    }

    @Test func everyBackwardStepIsLocalDerivativeTimesUpstream() throws {
        let graph = try graph(target: 0)
        #expect(graph.steps.count == ComputationGraph.stepCount)
        #expect(graph.steps.map(\.phase.rawValue) == Array(repeating: "forward", count: 5) + ["loss"]
                + Array(repeating: "backward", count: 15) + ["update"])
        let edges = graph.steps.compactMap(\.chain)
        #expect(edges.count == 14)
        for edge in edges {
            #expect(abs(edge.local * edge.upstream - edge.gradient) <= 1e-6 * max(1, abs(edge.gradient)))
        }
        // Each step that reveals a gradient shows the one the table holds.
        for node in graph.nodes where node.gradientStep != nil && node.name != "L" {
            #expect(graph.steps[node.gradientStep!].chain?.gradient == node.gradient, "\(node.name)")
        }
        for parameter in graph.parameters {
            #expect(graph.steps[parameter.gradientStep].chain?.gradient == parameter.gradient, "\(parameter.name)")
        }
        #expect(graph.steps[0].formula == "z1 = w11·x1 + w12·x2 + b1")
        #expect(graph.steps[0].numbers == "= 0.5000×0.4000 + -0.3000×-1.2000 + 0.1000 = 0.6600")
    }

    @Test func theLiveLayersAreOnlyRead() throws {
        let live = Self.layers()
        let before = live.flatMap(\.parameters).map { ($0.value.values, $0.gradient.values) }
        _ = ComputationGraph(layers: live, loss: .bce, task: .classification(classes: 2), input: Self.input,
                             target: 1, sampleIndex: 0, learningRate: 0.1)
        let after = live.flatMap(\.parameters).map { ($0.value.values, $0.gradient.values) }
        #expect(before.map(\.0) == after.map(\.0) && before.map(\.1) == after.map(\.1))
    }

    @Test func onlyA221NetworkUnrolls() {
        let wide = Dense(inputSize: 2, outputSize: 3)
        _ = try? wide.prepare(maxBatch: 1, inputShape: [2])
        #expect(ComputationGraph(layers: [wide, Activation(.tanh), Dense(inputSize: 3, outputSize: 1)], loss: .bce,
                                 task: .classification(classes: 2), input: Self.input, target: 1, sampleIndex: 0, learningRate: 0.1) == nil)
        var configuration = Preset.xor.configuration
        try? configuration.apply("hidden=2")
        try? configuration.apply("loss=bce")
        #expect(configuration.unrollsAsGraph)
        try? configuration.apply("hidden=2,2")
        #expect(!configuration.unrollsAsGraph)
    }

    /// The update line writes out the largest gradient's parameter at the lab's learning rate,
    /// with the value the engine's SGD step gave (the `after` column).
    @Test func theWorkedUpdateIsARealParameterOfThisSample() throws {
        let graph = try graph()
        let largest = try #require(graph.parameters.max { abs($0.gradient) < abs($1.gradient) })
        let update = try #require(graph.steps.last)
        let f = ComputationGraph.format
        #expect(update.numbers.hasPrefix("\(largest.name): \(f(largest.value)) − 0.1 × \(f(largest.gradient)) = \(f(largest.updated)) · L on this point "))
        // The step goes downhill on this point: its loss after the update is lower.
        let losses = update.numbers.split(separator: " ").suffix(3)
        #expect(losses.count == 3 && Float(losses.last!)! < Float(losses.first!)!, "\(update.numbers)")
        #expect(abs(largest.updated - (largest.value - 0.1 * largest.gradient)) < 1e-6)
    }

    /// The session computes the graph on the trainer thread, and Enter moves to the next sample.
    @Test func theSessionFollowsTheChosenSample() throws {
        var configuration = Preset.xor.configuration
        try configuration.apply("hidden=2")
        try configuration.apply("loss=bce")
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show(.computationGraph))
        let first = try #require(waitFor(session) { $0.computationGraph != nil }?.computationGraph)
        session.send(.viewAction(view: LabView.graph.rawValue))
        let next = try #require(waitFor(session) { $0.computationGraph?.sampleIndex != first.sampleIndex }?.computationGraph)
        #expect(next.sampleIndex == first.sampleIndex + 1)
        session.send(.step)
        let trained = try #require(waitFor(session) { $0.step == 1 }?.computationGraph)
        #expect(trained.parameters.map(\.value) != next.parameters.map(\.value), "the graph follows the trained weights")
    }

    func waitFor(_ session: TrainingSession, _ condition: (SessionSnapshot) -> Bool) -> SessionSnapshot? {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let snapshot = session.latest().snapshot
            if condition(snapshot) { return snapshot }
            usleep(5_000)
        }
        return nil
    }
}
