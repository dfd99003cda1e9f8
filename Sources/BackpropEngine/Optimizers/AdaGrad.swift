/// PyTorch's `torch.optim.Adagrad` (no learning-rate decay, accumulator starting at 0):
/// `g += wd·p; s += g²; p −= lr·g / (√s + ε)`.
struct AdaGrad: UpdateRule {
    let epsilon: Float
    let weightDecay: Float

    var stateCount: Int { 1 }

    func update(parameter p: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
                state: [UnsafeMutablePointer<Float>], count: Int, step: Int, learningRate lr: Float) {
        let sumOfSquares = state[0]
        for i in 0..<count {
            let g = gradient[i] + weightDecay * p[i]
            sumOfSquares[i] += g * g
            p[i] -= lr * g / (sumOfSquares[i].squareRoot() + epsilon)
        }
    }
}
