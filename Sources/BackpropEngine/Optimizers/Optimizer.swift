/// Applies an update rule to every parameter of a model, keeping each parameter's state.
public final class Optimizer {
    public private(set) var settings: OptimizerSettings
    private var rule: any UpdateRule
    private var states: [[Tensor]] = []
    /// The state buffers' pointers, gathered once so a step allocates nothing.
    private var statePointers: [[UnsafeMutablePointer<Float>]] = []
    /// Completed steps; the next step is `stepCount + 1`.
    public private(set) var stepCount = 0

    public init(settings: OptimizerSettings) {
        self.settings = settings
        rule = settings.makeRule()
    }

    /// Changes the learning rate for the next steps, keeping all state (a live knob).
    public var learningRate: Float {
        get { settings.learningRate }
        set { settings.learningRate = newValue }
    }

    /// Changes momentum or weight decay live; the kind stays, and so does its state.
    public func update(momentum: Float? = nil, weightDecay: Float? = nil) {
        if let momentum { settings.momentum = momentum }
        if let weightDecay { settings.weightDecay = weightDecay }
        rule = settings.makeRule()
        if states.first?.count != rule.stateCount { states = []; statePointers = [] }
    }

    /// Sets the momentum a schedule cycles (see `LearningRateSchedule.momentum`): Adam's
    /// `beta1`, SGD's and RMSProp's `momentum`; AdaGrad has none. State is kept, as PyTorch
    /// keeps it when `OneCycleLR` rewrites a parameter group.
    public func setScheduledMomentum(_ value: Float) {
        switch settings.kind {
        case .adam, .adamw:
            guard settings.beta1 != value else { return }
            settings.beta1 = value
        case .sgd, .momentum, .nesterov, .rmsprop:
            guard settings.momentum != value else { return }
            settings.momentum = value
        case .adagrad:
            return
        }
        rule = settings.makeRule()
        if states.first?.count != rule.stateCount { states = []; statePointers = [] }
    }

    /// One update of every parameter from its current gradient, at `learningRate` times the
    /// parameter's own `learningRateScale`; frozen parameters are left alone. Pass the same
    /// parameters each step: each keeps its state by position.
    public func step(_ parameters: [Parameter], learningRate: Float) {
        if states.count != parameters.count {
            states = parameters.map { parameter in
                (0..<rule.stateCount).map { _ in Tensor(rows: parameter.count, columns: 1) }
            }
            statePointers = states.map { $0.map(\.data) }
        }
        stepCount += 1
        for (index, parameter) in parameters.enumerated() where !parameter.isFrozen {
            rule.update(parameter: parameter.value.data, gradient: parameter.gradient.data,
                        state: statePointers[index], count: parameter.count,
                        step: stepCount, learningRate: learningRate * parameter.learningRateScale)
        }
    }
}

extension Optimizer {
    /// An optimizer's state as values: its settings (a schedule may have moved beta1 or the
    /// momentum), its step count and every parameter's moment buffers.
    public struct State: Sendable {
        let settings: OptimizerSettings
        let stepCount: Int
        let buffers: [[[Float]]]

        /// Floats held: one buffer per state of each parameter.
        var floatCount: Int { buffers.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } } }
    }

    /// A copy of the state, to restore later.
    public var state: State {
        State(settings: settings, stepCount: stepCount,
              buffers: states.map { $0.map { Array(UnsafeBufferPointer(start: $0.data, count: $0.count)) } })
    }

    /// Puts `saved` back: the next step updates exactly as the step after `saved` did.
    public func restore(_ saved: State) {
        settings = saved.settings
        rule = settings.makeRule()
        stepCount = saved.stepCount
        states = saved.buffers.map { buffers in
            buffers.map { values in
                let tensor = Tensor(rows: values.count, columns: 1)
                values.withUnsafeBufferPointer { tensor.data.update(from: $0.baseAddress!, count: values.count) }
                return tensor
            }
        }
        statePointers = states.map { $0.map(\.data) }
    }
}
