/// How the learning rate changes over a run, as a pure function of the step.
/// Step counts are optimizer steps; PyTorch's equivalents are noted per case.
public enum LearningRateSchedule: Equatable, Sendable {
    case constant
    /// `StepLR`: multiply by `gamma` every `every` steps.
    case stepDecay(every: Int, gamma: Float)
    /// `CosineAnnealingLR(T_max = total steps, eta_min = 0)`.
    case cosine
    /// `OneCycleLR(max_lr = base, pct_start = 0.3, div_factor = 25, final_div_factor = 1e4,
    /// anneal_strategy = "cos", three_phase = False)`.
    case oneCycle
    /// Linear warm-up from 0 over `steps`, then constant (as `LinearLR` + `ConstantLR`).
    case warmup(steps: Int)
    /// Linear warm-up over `steps`, then cosine decay to 0 over the rest of the run
    /// (`LinearLR` then `CosineAnnealingLR`, joined by `SequentialLR`): transformers' usual schedule.
    case warmupCosine(steps: Int)

    /// The names accepted on the command line.
    public static let names = ["constant", "step", "cosine", "onecycle", "warmup", "warmup-cosine"]

    /// The learning rate for 0-based `step` of a run of `totalSteps`, from `base`.
    public func learningRate(base: Float, step: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant:
            return base
        case .stepDecay(let every, let gamma):
            return base * powf(gamma, Float(step / max(every, 1)))
        case .cosine:
            let progress = Double(min(step, totalSteps)) / Double(max(totalSteps, 1))
            return Float(Double(base) * (1 + cos(Double.pi * progress)) / 2)
        case .oneCycle:
            return oneCycleRate(maximum: Double(base), step: step, totalSteps: totalSteps)
        case .warmup(let steps):
            return step < steps ? base * Float(step + 1) / Float(steps) : base
        case .warmupCosine(let steps):
            if step < steps { return base * Float(step + 1) / Float(steps) }
            return LearningRateSchedule.cosine.learningRate(base: base, step: step - steps, totalSteps: max(totalSteps - steps, 1))
        }
    }

    private func oneCycleRate(maximum: Double, step: Int, totalSteps: Int) -> Float {
        let initial = maximum / 25
        let minimum = initial / 1e4
        let peakStep = 0.3 * Double(totalSteps) - 1
        let lastStep = Double(totalSteps) - 1
        let t = Double(step)
        func cosineAnneal(_ start: Double, _ end: Double, _ fraction: Double) -> Float {
            Float(end + (start - end) / 2 * (1 + cos(Double.pi * min(max(fraction, 0), 1))))
        }
        if t <= peakStep {
            return cosineAnneal(initial, maximum, peakStep > 0 ? t / peakStep : 1)
        }
        return cosineAnneal(maximum, minimum, (t - peakStep) / max(lastStep - peakStep, 1))
    }
}
