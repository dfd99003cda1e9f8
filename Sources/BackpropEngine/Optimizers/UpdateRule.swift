/// One optimizer's update of one parameter tensor, given its gradient and its own state
/// buffers. No rule knows the model's structure; `Optimizer` applies it to every parameter.
public protocol UpdateRule: Sendable {
    /// How many state buffers (same size as the parameter) the rule keeps.
    var stateCount: Int { get }
    /// Updates `count` values in place. `step` counts from 1 (for bias corrections).
    func update(parameter: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                state: [UnsafeMutablePointer<Float>], count: Int, step: Int, learningRate: Float)
}

/// The optimizers the engine offers, with PyTorch's update formulas and defaults.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw

    /// PyTorch's default learning rate for the optimizer (SGD has none there; 0.01 here).
    public var defaultLearningRate: Float {
        switch self {
        case .sgd, .momentum, .nesterov, .adagrad, .rmsprop: 0.01
        case .adam, .adamw: 0.001
        }
    }
}

/// Settings shared by the rules; each rule reads the ones it uses.
public struct OptimizerSettings: Equatable, Sendable {
    public var kind: OptimizerKind
    public var learningRate: Float
    /// Momentum factor for `momentum`, `nesterov` and `rmsprop` (0.9 unless set; RMSProp: 0).
    public var momentum: Float
    /// L2 weight decay added to the gradient (`sgd` … `adam`), or decoupled (`adamw`).
    public var weightDecay: Float
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    /// Epsilon: 1e-8 for Adam/AdamW/RMSProp, 1e-10 for AdaGrad (PyTorch's defaults).
    public var epsilon: Float
    /// RMSProp's smoothing constant.
    public var alpha: Float = 0.99

    public init(kind: OptimizerKind, learningRate: Float? = nil, momentum: Float? = nil, weightDecay: Float? = nil) {
        self.kind = kind
        self.learningRate = learningRate ?? kind.defaultLearningRate
        self.momentum = momentum ?? ((kind == .momentum || kind == .nesterov) ? 0.9 : 0)
        self.weightDecay = weightDecay ?? (kind == .adamw ? 0.01 : 0)
        self.epsilon = kind == .adagrad ? 1e-10 : 1e-8
    }

    func makeRule() -> any UpdateRule {
        switch kind {
        case .sgd, .momentum, .nesterov:
            StochasticGradientDescent(momentum: momentum, nesterov: kind == .nesterov, weightDecay: weightDecay)
        case .adagrad: AdaGrad(epsilon: epsilon, weightDecay: weightDecay)
        case .rmsprop: RMSProp(alpha: alpha, epsilon: epsilon, momentum: momentum, weightDecay: weightDecay)
        case .adam, .adamw:
            Adam(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decoupled: kind == .adamw)
        }
    }
}
