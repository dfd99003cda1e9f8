/// PyTorch's `torch.optim.RMSprop` (not centered): `g += wd·p; v = α·v + (1−α)·g²`;
/// without momentum `p −= lr·g/(√v + ε)`, with it `b = μ·b + g/(√v + ε); p −= lr·b`.
struct RMSProp: UpdateRule {
    let alpha: Float
    let epsilon: Float
    let momentum: Float
    let weightDecay: Float

    var stateCount: Int { momentum == 0 ? 1 : 2 }

    func update(parameter p: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                state: [UnsafeMutablePointer<Float>], count: Int, step: Int, learningRate lr: Float) {
        let squareAverage = state[0]
        for i in 0..<count {
            let g = gradient[i] + weightDecay * p[i]
            squareAverage[i] = alpha * squareAverage[i] + (1 - alpha) * g * g
            let scaled = g / (squareAverage[i].squareRoot() + epsilon)
            if momentum == 0 {
                p[i] -= lr * scaled
            } else {
                state[1][i] = momentum * state[1][i] + scaled
                p[i] -= lr * state[1][i]
            }
        }
    }
}
