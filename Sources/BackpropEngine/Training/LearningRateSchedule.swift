/// How the learning rate changes over a run, as a pure function of the step.
/// Step counts are optimizer steps; PyTorch's equivalents are noted per case.
public enum LearningRateSchedule: Equatable, Sendable {
    case constant
    /// `StepLR`: multiply by `gamma` every `every` steps.
    case stepDecay(every: Int, gamma: Float)
    /// `CosineAnnealingLR(T_max = total steps, eta_min = 0)`.
    case cosine
    /// `OneCycleLR(max_lr = base, pct_start = 0.3, div_factor = 25, final_div_factor = 1e4,
    /// anneal_strategy = "cos", three_phase = False)` with its default momentum cycling
    /// (`cycle_momentum = True`, `base_momentum = 0.85`, `max_momentum = 0.95`): see `momentum`.
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

    /// The momentum the schedule sets for 0-based `step`, or nil where it leaves momentum
    /// alone. One-cycle moves it against the rate, as PyTorch's `OneCycleLR` does by default:
    /// from 0.95 down to 0.85 while the rate climbs, and back up to 0.95 while it falls. It
    /// is SGD's and RMSProp's `momentum` and Adam's `beta1` (so plain SGD gains momentum, as
    /// in PyTorch); AdaGrad has none, and PyTorch refuses to cycle it.
    public func momentum(step: Int, totalSteps: Int) -> Float? {
        guard case .oneCycle = self else { return nil }
        return oneCyclePhases(step: step, totalSteps: totalSteps, start: 0.95, peak: 0.85, end: 0.95)
    }

    private func oneCycleRate(maximum: Double, step: Int, totalSteps: Int) -> Float {
        let initial = maximum / 25
        return oneCyclePhases(step: step, totalSteps: totalSteps, start: initial, peak: maximum, end: initial / 1e4)
    }

    /// OneCycleLR's two phases: cosine from `start` to `peak` until step 0.3·total − 1, then
    /// from `peak` to `end` at the last step.
    private func oneCyclePhases(step: Int, totalSteps: Int, start: Double, peak: Double, end: Double) -> Float {
        let peakStep = 0.3 * Double(totalSteps) - 1
        let lastStep = Double(totalSteps) - 1
        let t = Double(step)
        func cosineAnneal(_ from: Double, _ to: Double, _ fraction: Double) -> Float {
            Float(to + (from - to) / 2 * (1 + cos(Double.pi * min(max(fraction, 0), 1))))
        }
        if t <= peakStep {
            return cosineAnneal(start, peak, peakStep > 0 ? t / peakStep : 1)
        }
        return cosineAnneal(peak, end, (t - peakStep) / max(lastStep - peakStep, 1))
    }
}
