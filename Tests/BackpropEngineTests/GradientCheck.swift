@testable import BackpropEngine

/// Central finite differences on float32 computations.
///
/// Tolerance: with step h = 1e-2, the truncation error of a central difference is
/// O(h²·f''') ≈ 1e-4 for these smooth functions, and float32 rounding of an O(1) scalar
/// divided by 2h adds ≈ 1e-5; so analytic and numeric gradients agree to an absolute
/// 2e-3 plus 2% of their size, which still catches any wrong term (those are O(1) off).
enum GradientCheck {
    static let step: Float = 1e-2

    static func assertClose(_ analytic: Float, _ numeric: Float, _ label: String) -> String? {
        let tolerance: Float = 2e-3 + 0.02 * max(abs(analytic), abs(numeric))
        return abs(analytic - numeric) <= tolerance ? nil : "\(label): analytic \(analytic) vs numeric \(numeric)"
    }

    /// Checks a layer's input and parameter gradients for the scalar `Σ r ⊙ layer(x)`.
    static func check(layer: any Layer, inputShape: [Int], batch: Int, seed: UInt64 = 7,
                      inputRange: ClosedRange<Double> = -2...2, avoidNearZero: Bool = false,
                      distinctInputs: Bool = false) throws -> [String] {
        var random = RandomGenerator(seed: seed)
        let outputShape = try layer.prepare(maxBatch: batch, inputShape: inputShape)
        let input = Tensor(rows: batch, sampleShape: inputShape)
        for i in 0..<input.count {
            var value = random.uniform(inputRange.lowerBound, inputRange.upperBound)
            if avoidNearZero && abs(value) < 0.1 { value += value < 0 ? -0.2 : 0.2 }
            input[i] = Float(value)
        }
        if distinctInputs {
            // Values 0.05 apart: a max-pool winner cannot change within a finite-difference step.
            var order = Array(0..<input.count)
            random.shuffle(&order)
            for (i, rank) in order.enumerated() { input[i] = Float(rank) * 0.05 - Float(input.count) * 0.025 }
        }
        for parameter in layer.parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) }
        }
        let outputSize = outputShape.reduce(1, *) * batch
        let projection = Tensor(rows: batch, sampleShape: outputShape)
        for i in 0..<outputSize { projection[i] = Float(random.uniform(-1, 1)) }

        func objective() -> Float {
            let output = layer.forward(input, training: true)
            var sum: Double = 0
            for i in 0..<outputSize { sum += Double(output[i] * projection[i]) }
            return Float(sum)
        }

        _ = objective()
        let inputGradient = layer.backward(projection, needsInputGradient: true)!.values
        let parameterGradients = layer.parameters.map { $0.gradient.values }
        var failures: [String] = []
        for i in 0..<input.count {
            let numeric = numericDerivative(of: objective, at: input.data + i)
            if let failure = assertClose(inputGradient[i], numeric, "\(layer.kind) input[\(i)]") { failures.append(failure) }
        }
        for (p, parameter) in layer.parameters.enumerated() {
            for i in 0..<parameter.count {
                let numeric = numericDerivative(of: objective, at: parameter.value.data + i)
                if let failure = assertClose(parameterGradients[p][i], numeric, "\(parameter.name)[\(i)]") { failures.append(failure) }
            }
        }
        return failures
    }

    static func numericDerivative(of f: () -> Float, at value: UnsafeMutablePointer<Float>) -> Float {
        let original = value.pointee
        value.pointee = original + step
        let plus = f()
        value.pointee = original - step
        let minus = f()
        value.pointee = original
        return (plus - minus) / (2 * step)
    }

    /// Checks a loss's gradient with respect to the network outputs.
    static func check(loss: any Loss, outputs: Tensor, targets: Tensor) -> [String] {
        let gradient = Tensor(rows: outputs.rows, sampleShape: outputs.sampleShape)
        _ = loss.evaluate(outputs: outputs, targets: targets, gradient: gradient)
        var failures: [String] = []
        for i in 0..<outputs.count {
            let numeric = numericDerivative(of: { loss.evaluate(outputs: outputs, targets: targets, gradient: nil) }, at: outputs.data + i)
            if let failure = assertClose(gradient[i], numeric, "\(loss.name) output[\(i)]") { failures.append(failure) }
        }
        return failures
    }
}

extension GradientCheck {
    /// Like `check(layer:...)`, for layers whose inputs are token ids (no input gradient).
    static func checkParameters(layer: any Layer, input: Tensor, seed: UInt64 = 9) throws -> [String] {
        var random = RandomGenerator(seed: seed)
        let outputShape = try layer.prepare(maxBatch: input.rows, inputShape: input.sampleShape)
        for parameter in layer.parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-1, 1)) }
        }
        let projection = Tensor(rows: input.rows, sampleShape: outputShape)
        for i in 0..<projection.count { projection[i] = Float(random.uniform(-1, 1)) }
        func objective() -> Float {
            let output = layer.forward(input, training: true)
            var sum: Double = 0
            for i in 0..<output.count { sum += Double(output[i] * projection[i]) }
            return Float(sum)
        }
        _ = objective()
        _ = layer.backward(projection, needsInputGradient: false)
        var failures: [String] = []
        for parameter in layer.parameters {
            let analytic = parameter.gradient.values
            for i in 0..<parameter.count {
                let numeric = numericDerivative(of: objective, at: parameter.value.data + i)
                if let failure = assertClose(analytic[i], numeric, "\(parameter.name)[\(i)]") { failures.append(failure) }
            }
        }
        return failures
    }
}
