/// How a layer's weights start. Biases start at zero except under `pytorch` (PyTorch's
/// `nn.Linear` default, where they are uniform too) and `playground` (0.1).
public enum Initializer: String, CaseIterable, Sendable, Codable {
    /// PyTorch's `nn.Linear` default: U(±1/√fan_in) for weights and biases.
    case pytorch
    case zeros
    /// U(−0.5, 0.5), bias 0.1: TensorFlow Playground's start.
    case playground
    /// Xavier/Glorot uniform: U(±√(6/(fan_in+fan_out))).
    case xavier
    /// Xavier/Glorot normal: N(0, 2/(fan_in+fan_out)).
    case xavierNormal = "xavier_normal"
    /// He/Kaiming uniform for ReLU: U(±√(6/fan_in)).
    case he
    /// He/Kaiming normal for ReLU: N(0, 2/fan_in).
    case heNormal = "he_normal"
    /// N(0, 0.01²): too small for a deep network (the initialization lesson).
    case small
    /// N(0, 1): too large (the initialization lesson).
    case large

    /// Fills a weight `[fanOut, fanIn]` and its bias.
    public func initialize(weight: Tensor, bias: Tensor?, fanIn: Int, fanOut: Int, random: inout RandomGenerator) {
        let n = weight.capacity
        let w = weight.data
        switch self {
        case .zeros: w.update(repeating: 0, count: n)
        case .pytorch: fillUniform(w, n, bound: 1 / Double(fanIn).squareRoot(), &random)
        case .playground: fillUniform(w, n, bound: 0.5, &random)
        case .xavier: fillUniform(w, n, bound: (6 / Double(fanIn + fanOut)).squareRoot(), &random)
        case .xavierNormal: fillNormal(w, n, deviation: (2 / Double(fanIn + fanOut)).squareRoot(), &random)
        case .he: fillUniform(w, n, bound: (6 / Double(fanIn)).squareRoot(), &random)
        case .heNormal: fillNormal(w, n, deviation: (2 / Double(fanIn)).squareRoot(), &random)
        case .small: fillNormal(w, n, deviation: 0.01, &random)
        case .large: fillNormal(w, n, deviation: 1, &random)
        }
        guard let bias else { return }
        switch self {
        case .pytorch: fillUniform(bias.data, bias.capacity, bound: 1 / Double(fanIn).squareRoot(), &random)
        case .playground: bias.data.update(repeating: 0.1, count: bias.capacity)
        default: bias.data.update(repeating: 0, count: bias.capacity)
        }
    }

    private func fillUniform(_ p: UnsafeMutablePointer<Float>, _ n: Int, bound: Double, _ random: inout RandomGenerator) {
        for i in 0..<n { p[i] = Float(random.uniform(-bound, bound)) }
    }

    private func fillNormal(_ p: UnsafeMutablePointer<Float>, _ n: Int, deviation: Double, _ random: inout RandomGenerator) {
        for i in 0..<n { p[i] = Float(random.normal(mean: 0, standardDeviation: deviation)) }
    }
}
