/// PyTorch's `torch.optim.Adam` and, with `decoupled`, `torch.optim.AdamW`:
/// Adam adds `wd·p` to the gradient; AdamW first shrinks `p *= 1 − lr·wd`. Then
/// `m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²;
///  p −= (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`.
struct Adam: UpdateRule {
    let beta1: Float
    let beta2: Float
    let epsilon: Float
    let weightDecay: Float
    let decoupled: Bool

    var stateCount: Int { 2 }

    func update(parameter p: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                state: [UnsafeMutablePointer<Float>], count: Int, step: Int, learningRate lr: Float) {
        let m = state[0], v = state[1]
        let biasCorrection2Root = (1 - powf(beta2, Float(step))).squareRoot()
        let stepSize = lr / (1 - powf(beta1, Float(step)))
        let shrink = decoupled ? 1 - lr * weightDecay : 1
        let coupledDecay = decoupled ? 0 : weightDecay
        // Eight lanes at a time: with four pointers that might alias, the compiler kept
        // this loop scalar, and it dominated a Fashion-MNIST step.
        var i = 0
        while i + 8 <= count {
            var parameter = SIMD8<Float>(load: p + i)
            parameter *= shrink
            let g = SIMD8<Float>(load: gradient + i) + coupledDecay * parameter
            let firstMoment = beta1 * SIMD8<Float>(load: m + i) + (1 - beta1) * g
            let secondMoment = beta2 * SIMD8<Float>(load: v + i) + (1 - beta2) * g * g
            parameter -= stepSize * firstMoment / (secondMoment.nonNegativeSquareRoot() / biasCorrection2Root + epsilon)
            firstMoment.store(to: m + i)
            secondMoment.store(to: v + i)
            parameter.store(to: p + i)
            i += 8
        }
        while i < count {
            p[i] *= shrink
            let g = gradient[i] + coupledDecay * p[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            p[i] -= stepSize * m[i] / (v[i].squareRoot() / biasCorrection2Root + epsilon)
            i += 1
        }
    }
}
