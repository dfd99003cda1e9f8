/// The global L2 norm of all gradients, as `torch.nn.utils.clip_grad_norm_` computes it.
public func globalGradientNorm(_ parameters: [Parameter]) -> Float {
    var sum: Double = 0
    for parameter in parameters {
        let g = parameter.gradient.data
        for i in 0..<parameter.count { sum += Double(g[i] * g[i]) }
    }
    return Float(sum.squareRoot())
}

/// Scales all gradients so their global norm is at most `maximumNorm`, exactly as
/// `clip_grad_norm_` does (coefficient `max_norm / (norm + 1e-6)`, applied only when < 1).
/// Returns the norm before clipping.
@discardableResult
public func clipGradients(_ parameters: [Parameter], maximumNorm: Float) -> Float {
    let norm = globalGradientNorm(parameters)
    let coefficient = maximumNorm / (norm + 1e-6)
    guard coefficient < 1 else { return norm }
    for parameter in parameters {
        let g = parameter.gradient.data
        for i in 0..<parameter.count { g[i] *= coefficient }
    }
    return norm
}
