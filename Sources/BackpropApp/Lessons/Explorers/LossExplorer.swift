import BackpropEngine
import Foundation

/// The numbers of the loss-functions lesson, each from the engine's own loss types: four
/// losses of two fixed predictions, and the loss and gradient of cross-entropy on a softmax
/// against MSE on a sigmoid as the true class's probability moves.
enum LossExplorer {
    /// The curves' x axis: the true class's predicted probability, in percent.
    static let probabilityPercents = 1...99
    /// The probabilities the view's control steps through, from a confident wrong answer
    /// to a confident right one, five points apart in between.
    static let controlPercents = [1] + Array(stride(from: 5, through: 95, by: 5)) + [99]
    static let trueClass = 0
    /// A hesitant wrong answer and a confident right one, for three classes.
    static let predictions: [[Float]] = [[0.2, 0.7, 0.1], [0.9, 0.05, 0.05]]
    static let kinds: [LossKind] = [.mse, .crossEntropy, .bce, .kl]

    /// One loss of one prediction, and its gradient with respect to the logits that give the
    /// prediction: every row of the view is then the same derivative, ∂L/∂z.
    struct Evaluation: Equatable {
        let loss: Float
        let gradient: [Float]
    }

    static func evaluate(_ kind: LossKind, prediction: [Float], trueClass: Int) -> Evaluation {
        let classes = prediction.count
        let outputs: [Float]
        var targets: [Float] = [Float(trueClass)]
        switch kind {
        case .mse:
            // MSE scores the probabilities themselves; its gradient goes back through the
            // engine's softmax layer to the logits z = ln p, like the others'.
            return squaredErrorThroughSoftmax(prediction: prediction, trueClass: trueClass)
        case .crossEntropy, .kl: outputs = prediction.map { logf($0) }
        case .bce:
            // Each class as its own yes-or-no question: one logit and one 0/1 target per class.
            outputs = prediction.map { logf($0 / (1 - $0)) }
            targets = (0..<classes).map { $0 == trueClass ? 1 : 0 }
        }
        return run(kind.make(for: .classification(classes: classes)), outputs: outputs, targets: targets)
    }

    private static func squaredErrorThroughSoftmax(prediction: [Float], trueClass: Int) -> Evaluation {
        let classes = prediction.count
        let softmax = Softmax()
        _ = try? softmax.prepare(maxBatch: 1, inputShape: [classes])
        let probabilities = softmax.forward(Tensor(shape: [1, classes], values: prediction.map { logf($0) }), training: true)
        let probabilityGradient = Tensor(rows: 1, columns: classes)
        let loss = LossKind.mse.make(for: .classification(classes: classes))
            .evaluate(outputs: probabilities, targets: Tensor(shape: [1, 1], values: [Float(trueClass)]), gradient: probabilityGradient)
        let logitGradient = softmax.backward(probabilityGradient, needsInputGradient: true)!
        return Evaluation(loss: loss, gradient: logitGradient.values)
    }

    /// Loss and |∂L/∂z| for a true-class probability `p`, where z is the true class's logit.
    struct CurvePoint: Equatable, Sendable {
        let crossEntropyLoss: Float, crossEntropyGradient: Float
        let squaredErrorLoss: Float, squaredErrorGradient: Float
    }

    /// The curves at every value of the view's control, computed once.
    static let curve: [CurvePoint] = probabilityPercents.map { curvePoint(probability: Float($0) / 100) }

    static func curvePoint(probability p: Float) -> CurvePoint {
        // Two classes: softmax of the logits (ln p, ln(1 − p)) gives p back.
        let crossEntropy = run(SoftmaxCrossEntropy(), outputs: [logf(p), logf(1 - p)], targets: [0])
        let squaredError = sigmoidSquaredError(logit: logf(p / (1 - p)))
        return CurvePoint(crossEntropyLoss: crossEntropy.loss, crossEntropyGradient: abs(crossEntropy.gradient[0]),
                          squaredErrorLoss: squaredError.loss, squaredErrorGradient: abs(squaredError.gradient))
    }

    /// A sigmoid layer and MSE against 1, then back through the sigmoid: ∂L/∂z = ∂L/∂p · σ′(z).
    private static func sigmoidSquaredError(logit: Float) -> (loss: Float, gradient: Float) {
        let sigmoid = Activation(.sigmoid)
        _ = try? sigmoid.prepare(maxBatch: 1, inputShape: [1])
        let probability = sigmoid.forward(Tensor(shape: [1, 1], values: [logit]), training: true)
        let probabilityGradient = Tensor(rows: 1, columns: 1)
        let loss = MeanSquaredError(task: .regression(outputs: 1))
            .evaluate(outputs: probability, targets: Tensor(shape: [1, 1], values: [1]), gradient: probabilityGradient)
        let logitGradient = sigmoid.backward(probabilityGradient, needsInputGradient: true)!
        return (loss, logitGradient[0])
    }

    private static func run(_ loss: any Loss, outputs: [Float], targets: [Float]) -> Evaluation {
        let output = Tensor(shape: [1, outputs.count], values: outputs)
        let gradient = Tensor(rows: 1, columns: outputs.count)
        let value = loss.evaluate(outputs: output, targets: Tensor(shape: [1, targets.count], values: targets), gradient: gradient)
        return Evaluation(loss: value, gradient: gradient.values)
    }
}
