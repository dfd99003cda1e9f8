/// PyTorch's `torch.optim.SGD` (dampening 0): `g += wd·p`; with momentum
/// `b = μ·b + g` (b = g on the first step); Nesterov uses `g + μ·b`, classic momentum `b`;
/// then `p −= lr·g`.
struct StochasticGradientDescent: UpdateRule {
    let momentum: Float
    let nesterov: Bool
    let weightDecay: Float

    var stateCount: Int { momentum == 0 ? 0 : 1 }

    func update(parameter p: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                state: [UnsafeMutablePointer<Float>], count: Int, step: Int, learningRate lr: Float) {
        if momentum == 0 {
            for i in 0..<count { p[i] -= lr * (gradient[i] + weightDecay * p[i]) }
            return
        }
        let buffer = state[0]
        for i in 0..<count {
            let g = gradient[i] + weightDecay * p[i]
            buffer[i] = step == 1 ? g : momentum * buffer[i] + g
            p[i] -= lr * (nesterov ? g + momentum * buffer[i] : buffer[i])
        }
    }
}
