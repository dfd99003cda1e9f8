/// Element-wise nonlinearities with PyTorch's definitions and defaults.
public enum ActivationFunction: String, CaseIterable, Sendable, Codable {
    case relu, leakyRelu = "leaky_relu", elu, gelu, sigmoid, tanh, linear

    /// Negative slope of LeakyReLU (PyTorch's default).
    public static let leakySlope: Float = 0.01
    /// Alpha of ELU (PyTorch's default).
    public static let eluAlpha: Float = 1.0

    /// The name PyTorch gives the module.
    public var moduleName: String {
        switch self {
        case .relu: "ReLU"
        case .leakyRelu: "LeakyReLU"
        case .elu: "ELU"
        case .gelu: "GELU"
        case .sigmoid: "Sigmoid"
        case .tanh: "Tanh"
        case .linear: "Identity"
        }
    }

    /// f(x) for one value.
    @inline(__always)
    public func value(_ x: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? x : 0
        case .leakyRelu: return x > 0 ? x : Self.leakySlope * x
        case .elu: return x > 0 ? x : Self.eluAlpha * expm1f(x)
        case .gelu: return 0.5 * x * (1 + erff(x * Float(0.5).squareRoot()))
        case .sigmoid: return logistic(x)
        case .tanh: return fastTanh(x)
        case .linear: return x
        }
    }

    /// f'(x), given both the input `x` and the output `y = f(x)` (whichever is cheaper).
    @inline(__always)
    public func derivative(input x: Float, output y: Float) -> Float {
        switch self {
        case .relu: return x > 0 ? 1 : 0
        case .leakyRelu: return x > 0 ? 1 : Self.leakySlope
        case .elu: return x > 0 ? 1 : y + Self.eluAlpha
        case .gelu:
            let cdf = 0.5 * (1 + erff(x * Float(0.5).squareRoot()))
            let density = expf(-0.5 * x * x) * Float(1 / (2 * Double.pi).squareRoot())
            return cdf + x * density
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y * y
        case .linear: return 1
        }
    }

    /// Whether an output counts as saturated (flat gradient) for the health probes:
    /// |tanh| > 0.97 as in Karpathy's makemore, sigmoid within 0.015 of 0 or 1,
    /// and a ReLU-family unit that is off.
    @inline(__always)
    public func isSaturated(output y: Float) -> Bool {
        switch self {
        case .tanh: return abs(y) > 0.97
        case .sigmoid: return y < 0.015 || y > 0.985
        case .relu, .gelu: return y <= 0
        case .leakyRelu, .elu: return y < 0
        case .linear: return false
        }
    }
}

/// Logistic function, stable for large |x|.
@inline(__always)
func logistic(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + expf(-x)) }
    let e = expf(x)
    return e / (1 + e)
}

/// tanh through `expm1f`, which is several times faster than libm's `tanhf` and accurate
/// to a few float ulps; tiny inputs keep full relative precision because `expm1` does.
@inline(__always)
func fastTanh(_ x: Float) -> Float {
    if x > 9 { return 1 }
    if x < -9 { return -1 }
    let e = expm1f(2 * x)
    return e / (e + 2)
}
