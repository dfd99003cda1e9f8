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
        case .gelu: return 0.5 * x * (1 + fastErf(x * Float(0.5).squareRoot()))
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
            let cdf = 0.5 * (1 + fastErf(x * Float(0.5).squareRoot()))
            let density = fastExponential(max(-0.5 * x * x, -87)) * Float(1 / (2 * Double.pi).squareRoot())
            return cdf + x * density
        case .sigmoid: return y * (1 - y)
        case .tanh: return 1 - y * y
        case .linear: return 1
        }
    }

    /// y = f(x) over a block, with the choice of function made once, outside the loop.
    public func apply(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu: Self.map(x, y, count) { ActivationFunction.relu.value($0) }
        case .leakyRelu: Self.map(x, y, count) { ActivationFunction.leakyRelu.value($0) }
        case .elu: Self.map(x, y, count) { ActivationFunction.elu.value($0) }
        case .gelu: geluForward(x, y, count: count)
        case .sigmoid: Self.map(x, y, count) { ActivationFunction.sigmoid.value($0) }
        case .tanh: Self.map(x, y, count) { ActivationFunction.tanh.value($0) }
        case .linear: y.update(from: x, count: count)
        }
    }

    /// dx = dy · f'(x) over a block, the function chosen once, outside the loop.
    public func backward(input x: UnsafePointer<Float>, output y: UnsafePointer<Float>,
                         outputGradient dy: UnsafePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .relu: reluBackward(input: x, outputGradient: dy, inputGradient: dx, count: count)
        case .leakyRelu: Self.chain(x, y, dy, dx, count) { ActivationFunction.leakyRelu.derivative(input: $0, output: $1) }
        case .elu: Self.chain(x, y, dy, dx, count) { ActivationFunction.elu.derivative(input: $0, output: $1) }
        case .gelu: geluBackward(input: x, output: y, outputGradient: dy, inputGradient: dx, count: count)
        case .sigmoid: for i in 0..<count { dx[i] = dy[i] * y[i] * (1 - y[i]) }
        case .tanh: for i in 0..<count { dx[i] = dy[i] * (1 - y[i] * y[i]) }
        case .linear: dx.update(from: dy, count: count)
        }
    }

    @inline(__always)
    private static func map(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ count: Int, _ f: (Float) -> Float) {
        for i in 0..<count { y[i] = f(x[i]) }
    }

    @inline(__always)
    private static func chain(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                              _ dx: UnsafeMutablePointer<Float>, _ count: Int, _ derivative: (Float, Float) -> Float) {
        for i in 0..<count { dx[i] = dy[i] * derivative(x[i], y[i]) }
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

/// dx = dy where x > 0, else 0, eight lanes at a time: written as a scalar select the
/// compiler emitted a branch per element, mispredicted half the time on real activations.
@inline(__always)
func reluBackward(input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                  inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
    let zero = SIMD8<Float>(repeating: 0)
    var i = 0
    while i + 8 <= count {
        let input = SIMD8<Float>(load: x + i)
        zero.replacing(with: SIMD8<Float>(load: dy + i), where: input .> zero).store(to: dx + i)
        i += 8
    }
    while i < count {
        dx[i] = x[i] > 0 ? dy[i] : 0
        i += 1
    }
}

/// GELU's y = x·Φ(x) = x·(1 + erf(x/√2))/2, eight lanes at a time, as the scalar `value`.
func geluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        geluForwardLanes(x + i, y + i, lanes: 8)
        i += 8
    }
    if i < count { geluForwardLanes(x + i, y + i, lanes: count - i) }
}

/// `geluForward` for `lanes` ≤ 8 values. Inlined with lanes = 8 in the main loop, so whole
/// vectors load and store without a lane count to test (GELU is a tenth of a GPT step).
@inline(__always)
private func geluForwardLanes(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, lanes: Int) {
    let input = SIMD8(load: x, count: lanes)
    (0.5 * input * (1 + fastErf(input * Float(0.5).squareRoot()))).store(to: y, count: lanes)
}

/// GELU's dx = dy·(Φ(x) + x·φ(x)), eight lanes at a time. Φ(x) is read back from the output
/// y = x·Φ(x) instead of a second erf, which halves the transformer's GELU backward; near 0,
/// where y/x loses digits, Φ's tangent line 1/2 + x/√(2π) takes over.
func geluBackward(input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                  inputGradient dx: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        geluBackwardLanes(input: x + i, output: y + i, outputGradient: dy + i, inputGradient: dx + i, lanes: 8)
        i += 8
    }
    if i < count { geluBackwardLanes(input: x + i, output: y + i, outputGradient: dy + i, inputGradient: dx + i, lanes: count - i) }
}

/// `geluBackward` for `lanes` ≤ 8 values, inlined with lanes = 8 like `geluForwardLanes`.
@inline(__always)
private func geluBackwardLanes(input x: UnsafePointer<Float>, output y: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                               inputGradient dx: UnsafeMutablePointer<Float>, lanes: Int) {
    let input = SIMD8(load: x, count: lanes)
    let inverseRootTwoPi = Float(1 / (2 * Double.pi).squareRoot())
    let tangent = 0.5 + input * inverseRootTwoPi
    let nearZero = (input.magnitude - 1e-3).negativeLanes
    let cdf = (SIMD8(load: y, count: lanes) / input).replacingLanes(nearZero, with: tangent)
    let density = fastExponential((-0.5 * input * input).floored(at: -87)) * inverseRootTwoPi
    (SIMD8(load: dy, count: lanes) * (cdf + input * density)).store(to: dx, count: lanes)
}

/// Logistic function 1/(1 + e^−x), without libm (the recurrent gates call it several times
/// per unit and step). Inputs are clamped to ±80, where σ is 0 or 1 to float precision and
/// the exponential stays finite.
@inline(__always)
func logistic(_ x: Float) -> Float {
    1 / (1 + fastExponential(-min(max(x, -80), 80)))
}

/// erf without libm (GELU calls it twice per unit, and libm's `erff` was a tenth of a
/// transformer step): Abramowitz & Stegun's formula 7.1.26, absolute error below 1.5e-7.
@inline(__always)
func fastErf(_ x: Float) -> Float {
    let magnitude = min(abs(x), 6)
    let t = 1 / (1 + 0.327_591_1 * magnitude)
    let polynomial = t * (0.254_829_592 + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))))
    let result = 1 - polynomial * fastExponential(-magnitude * magnitude)
    return x < 0 ? -result : result
}

/// tanh without libm: libm's `tanhf` made the Playground's step several times slower.
///
/// For |x| < 0.125 the Taylor series to x⁹ (truncation below 1e-12); above, the identity
/// tanh|x| = (1 − e)/(1 + e) with e = exp(−2|x|) from `fastExponential`; |x| is clamped at 9,
/// where tanh rounds to 1 in float32. Both branches are computed and one is selected, so the
/// loop has no jumps and vectorizes. Agrees with `tanhf` to a few ulps.
@inline(__always)
func fastTanh(_ x: Float) -> Float {
    let magnitude = min(abs(x), 9)
    let x2 = magnitude * magnitude
    let series = magnitude * (1 + x2 * (-1.0 / 3 + x2 * (2.0 / 15 + x2 * (-17.0 / 315 + x2 * (62.0 / 2835)))))
    let e = fastExponential(-2 * magnitude)
    let viaExponential = (1 - e) / (1 + e)
    let result = magnitude < 0.125 ? series : viaExponential
    return x < 0 ? -result : result
}

/// e^y for y in [−87, 88]: y = k·ln2 + r with |r| ≤ ln2/2 (ln 2 split in two parts so the
/// reduction is exact), e^r by its Taylor polynomial to r⁷ (relative error < 3e-8), and
/// 2^k placed straight into the float's exponent bits. Adding and subtracting 1.5·2²³
/// rounds to the nearest integer without a call to `roundf`.
@inline(__always)
func fastExponential(_ y: Float) -> Float {
    let roundingShift: Float = 12_582_912
    let k = (y * 1.442_695_04 + roundingShift) - roundingShift
    let r = (y - k * 0.693_145_751_953_125) - k * 1.428_606_820_309_417_2e-6
    let polynomial = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040)))))))
    return polynomial * Float(bitPattern: UInt32(bitPattern: Int32(k) &+ 127) << 23)
}
