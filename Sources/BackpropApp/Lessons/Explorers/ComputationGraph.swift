import BackpropEngine
import Foundation

/// A 2-2-1 network unrolled, micrograd-style, into the scalar operations of one training
/// sample: every node's value and gradient, each weight's gradient beside a finite-difference
/// estimate, one SGD update, and the forward and backward passes as steps to walk through.
///
/// Every number comes from the engine: the network's weights are copied into fresh `Dense`
/// and `Activation` layers whose forward and backward passes (and the run's own loss) give
/// the values; the engine's `Optimizer` makes the update.
struct ComputationGraph: Sendable, Equatable {
    /// A value computed from others: an input, a pre-activation, an activation, the output, the loss.
    struct Node: Sendable, Equatable {
        let name: String
        let value: Float
        /// ∂L/∂node; nil for the inputs, which have no gradient worth showing.
        let gradient: Float?
        /// The step that computes the value (nil: known from the start) and the gradient.
        let valueStep: Int?
        let gradientStep: Int?
    }

    /// A weight or bias, with the gradient the backward pass gives and the one estimated
    /// by nudging it both ways and measuring the loss.
    struct Parameter: Sendable, Equatable {
        let name: String
        let value: Float
        let gradient: Float
        let numericGradient: Float
        /// The value after one SGD step on this sample at the run's learning rate.
        let updated: Float
        let gradientStep: Int
    }

    enum Phase: String, Sendable, Equatable {
        case forward, loss, backward, update
    }

    /// One operation: what it computes, with its numbers.
    struct Step: Sendable, Equatable {
        let phase: Phase
        let formula: String
        let numbers: String
        /// For a backward step along an edge, the chain rule's factors.
        let chain: ChainRule?
        /// The node or parameter row the step is about.
        let focus: Focus
    }

    /// local derivative × upstream gradient = gradient, the last from the engine's backward pass.
    struct ChainRule: Sendable, Equatable {
        let local: Float
        let upstream: Float
        let gradient: Float
    }

    enum Focus: Sendable, Equatable {
        case node(Int), parameter(Int), allParameters
    }

    /// Forward (4 hidden + output + loss), backward (seed, output, 3 output parameters,
    /// 2 activations, 2 pre-activations, 6 hidden parameters), one update.
    static let stepCount = 22
    /// The nudge for the central difference: small enough for the curvature not to show,
    /// large enough for Float's rounding not to.
    static let finiteDifferenceStep: Float = 1e-3

    let sampleIndex: Int
    /// The sample's class, as the loss takes it.
    let target: Float
    /// x1, x2, z1, h1, z2, h2, o, L.
    let nodes: [Node]
    /// w11 w12 b1 w21 w22 b2 (hidden neuron j, input i), v1 v2 c (output).
    let parameters: [Parameter]
    let steps: [Step]
}

extension ComputationGraph {
    /// The graph for one sample through `layers`, which must be Dense(2→2), an activation and
    /// Dense(2→1) (any other shape gives nil). The layers themselves are only read.
    init?(layers: [any Layer], loss: LossKind, task: TaskKind, input: [Float], target: Float,
          sampleIndex: Int, learningRate: Float) {
        guard layers.count == 3, input.count == 2,
              let liveHidden = layers[0] as? Dense, liveHidden.inputSize == 2, liveHidden.outputSize == 2,
              let activation = (layers[1] as? Activation)?.function,
              let liveOutput = layers[2] as? Dense, liveOutput.inputSize == 2, liveOutput.outputSize == 1,
              let network = try? CopiedNetwork(hidden: liveHidden, activation: activation, output: liveOutput, loss: loss.make(for: task))
        else { return nil }

        let pass = network.forwardAndBackward(input: input, target: target)
        let numeric = network.parameters.indices.map { network.centralDifference(parameter: $0, input: input, target: target) }
        let gradients = network.parameters.map(\.gradient)
        let values = network.parameters.map(\.value)
        let updated = network.sgdStep(learningRate: learningRate)
        let lossAfterUpdate = network.lossOnly(input: input, target: target)

        let builder = GraphStepBuilder(pass: pass, input: input, target: target, weights: values, gradients: gradients,
                                       updated: updated, lossAfterUpdate: lossAfterUpdate, activation: activation,
                                       lossName: loss.rawValue, learningRate: learningRate)
        self.sampleIndex = sampleIndex
        self.target = target
        nodes = builder.nodes
        parameters = ComputationGraph.parameterNames.indices.map { index in
            Parameter(name: ComputationGraph.parameterNames[index], value: values[index], gradient: gradients[index],
                      numericGradient: numeric[index], updated: updated[index], gradientStep: builder.parameterSteps[index])
        }
        steps = builder.steps
    }

    static let parameterNames = ["w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c"]
}

/// A private copy of the live network's 2-2-1 layers, so that the explorer's extra forward
/// and backward passes never touch the buffers or gradients the trainer uses.
private struct CopiedNetwork {
    let hidden = Dense(inputSize: 2, outputSize: 2)
    let activation: Activation
    let output = Dense(inputSize: 2, outputSize: 1)
    let loss: any Loss
    let inputs = Tensor(rows: 1, columns: 2)
    let targets = Tensor(rows: 1, columns: 1)
    let lossGradient = Tensor(rows: 1, columns: 1)

    init(hidden live: Dense, activation function: ActivationFunction, output liveOutput: Dense, loss: any Loss) throws(ModelError) {
        activation = Activation(function)
        self.loss = loss
        _ = try hidden.prepare(maxBatch: 1, inputShape: [2])
        _ = try activation.prepare(maxBatch: 1, inputShape: [2])
        _ = try output.prepare(maxBatch: 1, inputShape: [2])
        for (copy, original) in zip(hidden.parameters + output.parameters, live.parameters + liveOutput.parameters) {
            copy.value.copy(from: original.value.values)
        }
    }

    /// The order of `ComputationGraph.parameterNames`: per neuron, its weights then its bias.
    private var slots: [(parameter: BackpropEngine.Parameter, index: Int)] {
        [(hidden.weight, 0), (hidden.weight, 1), (hidden.bias!, 0),
         (hidden.weight, 2), (hidden.weight, 3), (hidden.bias!, 1),
         (output.weight, 0), (output.weight, 1), (output.bias!, 0)]
    }

    var parameters: [(value: Float, gradient: Float)] {
        slots.map { ($0.parameter.value[$0.index], $0.parameter.gradient[$0.index]) }
    }

    /// The loss alone, for the finite differences.
    func lossOnly(input: [Float], target: Float) -> Float {
        inputs.copy(from: input)
        targets.copy(from: [target])
        let h = activation.forward(hidden.forward(inputs, training: true), training: true)
        return loss.evaluate(outputs: output.forward(h, training: true), targets: targets, gradient: nil)
    }

    /// One forward and backward pass; leaves the gradients in the copied parameters.
    func forwardAndBackward(input: [Float], target: Float) -> GraphPass {
        inputs.copy(from: input)
        targets.copy(from: [target])
        var pass = GraphPass()
        let z = hidden.forward(inputs, training: true)
        pass.preActivations = z.values
        let h = activation.forward(z, training: true)
        pass.activations = h.values
        let o = output.forward(h, training: true)
        pass.output = o.values[0]
        pass.loss = loss.evaluate(outputs: o, targets: targets, gradient: lossGradient)
        pass.outputGradient = lossGradient.values[0]
        let activationGradient = output.backward(lossGradient, needsInputGradient: true)!
        pass.activationGradients = activationGradient.values
        let preActivationGradient = activation.backward(activationGradient, needsInputGradient: true)!
        pass.preActivationGradients = preActivationGradient.values
        _ = hidden.backward(preActivationGradient, needsInputGradient: false)
        return pass
    }

    /// (L(p + ε) − L(p − ε)) / 2ε for one parameter, through the engine's forward pass.
    func centralDifference(parameter index: Int, input: [Float], target: Float) -> Float {
        let slot = slots[index], epsilon = ComputationGraph.finiteDifferenceStep
        let original = slot.parameter.value[slot.index]
        slot.parameter.value[slot.index] = original + epsilon
        let above = lossOnly(input: input, target: target)
        slot.parameter.value[slot.index] = original - epsilon
        let below = lossOnly(input: input, target: target)
        slot.parameter.value[slot.index] = original
        return (above - below) / (2 * epsilon)
    }

    /// Applies the engine's plain SGD to the copied parameters; their new values.
    func sgdStep(learningRate: Float) -> [Float] {
        Optimizer(settings: OptimizerSettings(kind: .sgd, learningRate: learningRate))
            .step(hidden.parameters + output.parameters, learningRate: learningRate)
        return parameters.map(\.value)
    }
}

extension RunConfiguration {
    /// Whether the network is the 2-2-1 MLP the graph view unrolls: two inputs, one hidden
    /// layer of two, one output and no output activation.
    var unrollsAsGraph: Bool {
        guard dataset.isPlayground, convolution == nil, let spec = try? modelSpec() else { return false }
        return spec.inputSize == 2 && spec.hidden == [2] && spec.outputSize == 1 && spec.outputActivation == nil && spec.dropout == 0
    }
}
