import BackpropEngine
import BackpropWidgets
import Foundation

/// What one forward and backward pass of the 2-2-1 network gives, copied out of the
/// engine layers' buffers.
struct GraphPass {
    var preActivations: [Float] = [], activations: [Float] = [], output: Float = 0, loss: Float = 0
    /// ∂L/∂o, ∂L/∂h, ∂L/∂z.
    var outputGradient: Float = 0, activationGradients: [Float] = [], preActivationGradients: [Float] = []
}

/// Turns one pass into the graph's nodes and the operations of the step-through, in the
/// order a learner reads them: forward, loss, backward from the loss to each parameter, update.
struct GraphStepBuilder {
    let pass: GraphPass
    let input: [Float]
    let target: Float
    /// In `ComputationGraph.parameterNames` order.
    let weights: [Float]
    let gradients: [Float]
    /// Each parameter after the engine's SGD step on this sample.
    let updated: [Float]
    /// This point's loss once every parameter has taken that step.
    let lossAfterUpdate: Float
    let activation: ActivationFunction
    let lossName: String
    let learningRate: Float

    /// x1, x2, z1, h1, z2, h2, o, L with the steps that reveal their values and gradients.
    var nodes: [ComputationGraph.Node] {
        [
            .init(name: "x1", value: input[0], gradient: nil, valueStep: nil, gradientStep: nil),
            .init(name: "x2", value: input[1], gradient: nil, valueStep: nil, gradientStep: nil),
            .init(name: "z1", value: pass.preActivations[0], gradient: pass.preActivationGradients[0], valueStep: 0, gradientStep: 13),
            .init(name: "h1", value: pass.activations[0], gradient: pass.activationGradients[0], valueStep: 1, gradientStep: 11),
            .init(name: "z2", value: pass.preActivations[1], gradient: pass.preActivationGradients[1], valueStep: 2, gradientStep: 14),
            .init(name: "h2", value: pass.activations[1], gradient: pass.activationGradients[1], valueStep: 3, gradientStep: 12),
            .init(name: "o", value: pass.output, gradient: pass.outputGradient, valueStep: 4, gradientStep: 7),
            .init(name: "L", value: pass.loss, gradient: 1, valueStep: 5, gradientStep: 6),
        ]
    }

    /// The step revealing each parameter's gradient: the output layer's first (the backward
    /// pass reaches it first), then the hidden layer's.
    let parameterSteps = [15, 16, 17, 18, 19, 20, 8, 9, 10]

    var steps: [ComputationGraph.Step] {
        forwardSteps + [lossStep] + backwardSteps + [updateStep]
    }

    private var forwardSteps: [ComputationGraph.Step] {
        (0..<2).flatMap { neuron -> [ComputationGraph.Step] in
            let n = neuron + 1, base = neuron * 3
            let sum = ComputationGraph.Step(
                phase: .forward, formula: "z\(n) = w\(n)1·x1 + w\(n)2·x2 + b\(n)",
                numbers: "= \(f(weights[base]))×\(f(input[0])) + \(f(weights[base + 1]))×\(f(input[1])) + \(f(weights[base + 2])) = \(f(pass.preActivations[neuron]))",
                chain: nil, focus: .node(2 + 2 * neuron))
            let squash = ComputationGraph.Step(
                phase: .forward, formula: "h\(n) = \(activation.rawValue)(z\(n))",
                numbers: "= \(activation.rawValue)(\(f(pass.preActivations[neuron]))) = \(f(pass.activations[neuron]))",
                chain: nil, focus: .node(3 + 2 * neuron))
            return [sum, squash]
        } + [ComputationGraph.Step(
            phase: .forward, formula: "o = v1·h1 + v2·h2 + c",
            numbers: "= \(f(weights[6]))×\(f(pass.activations[0])) + \(f(weights[7]))×\(f(pass.activations[1])) + \(f(weights[8])) = \(f(pass.output))",
            chain: nil, focus: .node(6))]
    }

    private var lossStep: ComputationGraph.Step {
        ComputationGraph.Step(phase: .loss, formula: "L = \(lossName)(o, y)",
                              numbers: "= \(lossName)(\(f(pass.output)), \(Int(target))) = \(f(pass.loss))", chain: nil, focus: .node(7))
    }

    private var backwardSteps: [ComputationGraph.Step] {
        let dO = pass.outputGradient, dH = pass.activationGradients, dZ = pass.preActivationGradients
        let h = pass.activations, z = pass.preActivations
        var steps = [ComputationGraph.Step(phase: .backward, formula: "∂L/∂L = 1", numbers: "the seed: the loss changes one for one with itself",
                                           chain: nil, focus: .node(7))]
        steps.append(edge("∂L/∂o = \(lossName)′(o) × ∂L/∂L", local: dO, upstream: 1, gradient: dO, focus: .node(6)))
        steps.append(edge("∂L/∂v1 = h1 × ∂L/∂o", local: h[0], upstream: dO, gradient: gradients[6], focus: .parameter(6)))
        steps.append(edge("∂L/∂v2 = h2 × ∂L/∂o", local: h[1], upstream: dO, gradient: gradients[7], focus: .parameter(7)))
        steps.append(edge("∂L/∂c = 1 × ∂L/∂o", local: 1, upstream: dO, gradient: gradients[8], focus: .parameter(8)))
        steps.append(edge("∂L/∂h1 = v1 × ∂L/∂o", local: weights[6], upstream: dO, gradient: dH[0], focus: .node(3)))
        steps.append(edge("∂L/∂h2 = v2 × ∂L/∂o", local: weights[7], upstream: dO, gradient: dH[1], focus: .node(5)))
        for neuron in 0..<2 {
            let local = activation.derivative(input: z[neuron], output: h[neuron])
            steps.append(edge("∂L/∂z\(neuron + 1) = \(activation.rawValue)′(z\(neuron + 1)) × ∂L/∂h\(neuron + 1)",
                              local: local, upstream: dH[neuron], gradient: dZ[neuron], focus: .node(2 + 2 * neuron)))
        }
        for neuron in 0..<2 {
            let n = neuron + 1, base = neuron * 3
            steps.append(edge("∂L/∂w\(n)1 = x1 × ∂L/∂z\(n)", local: input[0], upstream: dZ[neuron], gradient: gradients[base], focus: .parameter(base)))
            steps.append(edge("∂L/∂w\(n)2 = x2 × ∂L/∂z\(n)", local: input[1], upstream: dZ[neuron], gradient: gradients[base + 1], focus: .parameter(base + 1)))
            steps.append(edge("∂L/∂b\(n) = 1 × ∂L/∂z\(n)", local: 1, upstream: dZ[neuron], gradient: gradients[base + 2], focus: .parameter(base + 2)))
        }
        return steps
    }

    /// One edge of the backward pass, its product written out.
    private func edge(_ formula: String, local: Float, upstream: Float, gradient: Float, focus: ComputationGraph.Focus) -> ComputationGraph.Step {
        ComputationGraph.Step(phase: .backward, formula: formula, numbers: "= \(f(local)) × \(f(upstream)) = \(f(gradient))",
                              chain: ComputationGraph.ChainRule(local: local, upstream: upstream, gradient: gradient), focus: focus)
    }

    /// Every parameter moves against its gradient; the numbers line writes out the step of
    /// the parameter with the largest gradient on this sample, with the engine's own result.
    private var updateStep: ComputationGraph.Step {
        let largest = gradients.indices.max { abs(gradients[$0]) < abs(gradients[$1]) } ?? 0
        let rate = CompactNumber.format(Double(learningRate))
        return ComputationGraph.Step(
            phase: .update, formula: "p ← p − lr·∂L/∂p, lr \(rate): last column",
            numbers: "\(ComputationGraph.parameterNames[largest]): \(f(weights[largest])) − \(rate) × \(f(gradients[largest])) = \(f(updated[largest]))"
                + " · L on this point \(f(pass.loss)) → \(f(lossAfterUpdate))",
            chain: nil, focus: .allParameters)
    }

    private func f(_ value: Float) -> String { ComputationGraph.format(value) }
}

extension ComputationGraph {
    /// Four decimals: enough to compare an analytic gradient with its finite difference. A
    /// value too small for them (a saturated neuron's gradient) is written in scientific
    /// notation, so a tiny gradient never reads as an exact 0.
    static func format(_ value: Float) -> String {
        if value != 0, abs(value) < 0.0001 {
            return String(format: "%.1e", value).replacingOccurrences(of: "e-0", with: "e-")
        }
        // Seven characters at most, so a column of eight keeps a space before it: fewer
        // decimals as the whole part grows (-16.225, 110.31), then powers of ten.
        let magnitude = abs(value)
        let decimals = magnitude < 10 ? 4 : magnitude < 100 ? 3 : magnitude < 1000 ? 2 : magnitude < 10000 ? 1 : -1
        guard decimals >= 0 else { return String(format: "%.1e", value).replacingOccurrences(of: "e+0", with: "e") }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-0.0000" ? "0.0000" : text
    }

    /// The smallest gradient a float32 central difference with ε = 0.001 resolves on a loss near 1.
    static let resolvableGradient: Float = 1e-4

    /// |analytic − numeric| / max(|analytic|, |numeric|): how far the chain rule and the finite
    /// difference disagree, relative to the gradient's size ("0" when both are exactly 0).
    static func relativeDifference(_ analytic: Float, _ numeric: Float) -> String {
        let scale = max(abs(analytic), abs(numeric))
        // Below this, the loss moves by less than float32 can tell apart over 2ε: the finite
        // difference is 0 or noise, and a "100% off" would blame the chain rule for it.
        guard scale >= resolvableGradient else { return "–" }
        return String(format: "%.0e", abs(analytic - numeric) / scale)
    }
}
