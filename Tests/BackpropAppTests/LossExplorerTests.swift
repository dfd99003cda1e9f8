import BackpropEngine
import Foundation
import Testing
@testable import BackpropApp

/// The loss lesson's numbers: the engine's losses against their formulas.
@Suite struct LossExplorerTests {
    func close(_ value: Float, _ expected: Double, _ tolerance: Double = 1e-5) -> Bool { abs(Double(value) - expected) < tolerance }

    @Test func fourLossesOfTheHesitantWrongAnswer() {
        let a: [Float] = [0.2, 0.7, 0.1]
        let mse = LossExplorer.evaluate(.mse, prediction: a, trueClass: 0)
        #expect(close(mse.loss, (0.64 + 0.49 + 0.01) / 3))
        // ∂L/∂p = 2(p − t)/3, then back through the softmax to the logits:
        // ∂L/∂zᵢ = pᵢ (∂L/∂pᵢ − Σⱼ pⱼ ∂L/∂pⱼ), the same derivative as the other rows.
        let byProbability = [-0.8, 0.7, 0.1].map { 2 * $0 / 3 }
        let mean = zip(byProbability, a).reduce(0) { $0 + $1.0 * Double($1.1) }
        let byLogit = zip(byProbability, a).map { Double($0.1) * ($0.0 - mean) }
        #expect(zip(mse.gradient, byLogit).allSatisfy { close($0, $1) }, "\(mse.gradient) against \(byLogit)")
        let crossEntropy = LossExplorer.evaluate(.crossEntropy, prediction: a, trueClass: 0)
        #expect(close(crossEntropy.loss, -log(0.2)))
        #expect(zip(crossEntropy.gradient, [-0.8, 0.7, 0.1]).allSatisfy { close($0, $1) }, "softmax − one-hot")
        let binary = LossExplorer.evaluate(.bce, prediction: a, trueClass: 0)
        #expect(close(binary.loss, (-log(0.2) - log(0.3) - log(0.9)) / 3))
        #expect(zip(binary.gradient, [-0.8, 0.7, 0.1]).allSatisfy { close($0, $1 / 3) }, "(σ(z) − t) / outputs")
        let divergence = LossExplorer.evaluate(.kl, prediction: a, trueClass: 0)
        #expect(close(divergence.loss, -log(0.2)), "KL to a one-hot target is the cross-entropy")
    }

    @Test func theConfidentRightAnswerCostsLessUnderEveryLoss() {
        for kind in LossExplorer.kinds {
            let wrong = LossExplorer.evaluate(kind, prediction: LossExplorer.predictions[0], trueClass: 0)
            let right = LossExplorer.evaluate(kind, prediction: LossExplorer.predictions[1], trueClass: 0)
            #expect(right.loss < wrong.loss, "\(kind)")
        }
        #expect(close(LossExplorer.evaluate(.crossEntropy, prediction: [0.9, 0.05, 0.05], trueClass: 0).loss, -log(0.9)))
    }

    @Test func mseOnASigmoidStallsOnAConfidentWrongAnswer() {
        let wrong = LossExplorer.curvePoint(probability: 0.01)
        #expect(close(wrong.crossEntropyLoss, -log(0.01), 1e-4))
        #expect(close(wrong.crossEntropyGradient, 0.99))
        #expect(close(wrong.squaredErrorLoss, 0.99 * 0.99, 1e-4))
        #expect(close(wrong.squaredErrorGradient, 2 * 0.99 * 0.01 * 0.99, 1e-4))
        #expect(wrong.crossEntropyGradient > 40 * wrong.squaredErrorGradient)
        let undecided = LossExplorer.curvePoint(probability: 0.5)
        #expect(close(undecided.crossEntropyGradient, 0.5) && close(undecided.squaredErrorGradient, 0.25, 1e-4))
    }
}
