/// Layer normalization over the last dimension, PyTorch's `nn.LayerNorm(features)` (eps 1e-5,
/// affine): each position is normalized by its own mean and biased variance, then scaled by
/// `weight` (γ) and shifted by `bias` (β).
public final class LayerNorm: Layer {
    public let features: Int
    public let epsilon: Float = 1e-5
    public let weight: Parameter
    public let bias: Parameter
    private var outputs = Tensor(rows: 0, columns: 1)
    private var normalized = Tensor(rows: 0, columns: 1)
    private var inverseDeviations: [Float] = []
    private var means: [Float] = []
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init(features: Int) {
        self.features = features
        weight = Parameter(name: "weight", shape: [features], isWeight: false)
        bias = Parameter(name: "bias", shape: [features], isWeight: false)
        weight.value.fill(1)
    }

    public var kind: String { "LayerNorm" }
    public var parameters: [Parameter] { [weight, bias] }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "layernorm", settings: ["features": Double(features)]) }

    public func nameParameters(index: Int) { name(prefix: "\(index).") }

    /// Names under a parent module, e.g. `"3.norm1."`.
    func name(prefix: String) {
        weight.name = prefix + "weight"
        bias.name = prefix + "bias"
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.last == features else { throw ModelError("LayerNorm(\(features)) receives samples shaped \(inputShape)") }
        outputs = Tensor(rows: maxBatch, sampleShape: inputShape)
        normalized = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        inverseDeviations = [Float](repeating: 0, count: maxBatch * inputShape.reduce(1, *) / features)
        means = [Float](repeating: 0, count: inverseDeviations.count)
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        normalized.setRows(x.rows)
        let rows = x.count / features
        var row = 0
        while row + 4 <= rows {
            measureFourRows(x.data + row * features, row: row)
            row += 4
        }
        while row < rows {
            measureRow(x.data + row * features, row: row)
            row += 1
        }
        for row in 0..<rows { normalizeRow(x.data + row * features, row: row) }
        return outputs
    }

    /// Mean and 1/σ of one row, adding its features in order.
    private func measureRow(_ input: UnsafePointer<Float>, row: Int) {
        var mean: Float = 0
        for j in 0..<features { mean += input[j] }
        mean /= Float(features)
        var variance: Float = 0
        for j in 0..<features { variance += (input[j] - mean) * (input[j] - mean) }
        means[row] = mean
        inverseDeviations[row] = 1 / (variance / Float(features) + epsilon).squareRoot()
    }

    /// `measureRow` for four rows at once, a lane each. Each lane adds its row's features in
    /// the same order with the same float operations, so the figures are `measureRow`'s bit
    /// for bit; but four independent sums no longer wait on each other's additions, which
    /// made a row's two sums a chain of 2 x 64 dependent adds (a sixth of the tiny GPT's
    /// layer norm forward).
    private func measureFourRows(_ input: UnsafePointer<Float>, row: Int) {
        let f = features
        func column(_ j: Int) -> SIMD4<Float> { SIMD4(input[j], input[f + j], input[2 * f + j], input[3 * f + j]) }
        var mean = SIMD4<Float>()
        for j in 0..<f { mean += column(j) }
        mean /= SIMD4(repeating: Float(f))
        var variance = SIMD4<Float>()
        for j in 0..<f {
            let deviation = column(j) - mean
            variance += deviation * deviation
        }
        for lane in 0..<4 {
            means[row + lane] = mean[lane]
            inverseDeviations[row + lane] = 1 / (variance[lane] / Float(f) + epsilon).squareRoot()
        }
    }

    private func normalizeRow(_ input: UnsafePointer<Float>, row: Int) {
        let gamma = weight.value.data, beta = bias.value.data
        let mean = means[row], inverse = inverseDeviations[row]
        let xhat = normalized.data + row * features, y = outputs.data + row * features
        for j in 0..<features {
            xhat[j] = (input[j] - mean) * inverse
            y[j] = gamma[j] * xhat[j] + beta[j]
        }
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        weight.gradient.zero()
        bias.gradient.zero()
        inputGradient.setRows(dy.rows)
        let rows = dy.count / features
        var row = 0
        while row + 4 <= rows {
            backwardFourRows(dy.data + row * features, row: row, needsInputGradient: needsInputGradient)
            row += 4
        }
        while row < rows {
            backwardRow(dy.data + row * features, row: row, needsInputGradient: needsInputGradient)
            row += 1
        }
        return needsInputGradient ? inputGradient : nil
    }

    /// One row's share of dγ and dβ, and its input gradient.
    private func backwardRow(_ g: UnsafePointer<Float>, row: Int, needsInputGradient: Bool) {
        let gamma = weight.value.data, dGamma = weight.gradient.data, dBeta = bias.gradient.data
        let xhat = normalized.data + row * features
        var sum: Float = 0, sumTimesNormalized: Float = 0
        for j in 0..<features {
            dGamma[j] += g[j] * xhat[j]
            dBeta[j] += g[j]
            let dxhat = g[j] * gamma[j]
            sum += dxhat
            sumTimesNormalized += dxhat * xhat[j]
        }
        if needsInputGradient { writeInputGradient(g, row: row, sum: sum, sumTimesNormalized: sumTimesNormalized) }
    }

    /// `backwardRow` for four rows, with the same results bit for bit: each row's two sums run
    /// in a lane of their own, in feature order, and dγ, dβ take the four rows' terms in row
    /// order, as four calls of `backwardRow` would add them.
    private func backwardFourRows(_ g: UnsafePointer<Float>, row: Int, needsInputGradient: Bool) {
        let f = features
        let gamma = weight.value.data, dGamma = weight.gradient.data, dBeta = bias.gradient.data
        let xhat = normalized.data + row * f
        var sum = SIMD4<Float>(), sumTimesNormalized = SIMD4<Float>()
        for j in 0..<f {
            let gradients = SIMD4(g[j], g[f + j], g[2 * f + j], g[3 * f + j])
            let normal = SIMD4(xhat[j], xhat[f + j], xhat[2 * f + j], xhat[3 * f + j])
            let products = gradients * normal
            dGamma[j] = (((dGamma[j] + products[0]) + products[1]) + products[2]) + products[3]
            dBeta[j] = (((dBeta[j] + gradients[0]) + gradients[1]) + gradients[2]) + gradients[3]
            let dxhat = gradients * SIMD4(repeating: gamma[j])
            sum += dxhat
            sumTimesNormalized += dxhat * normal
        }
        guard needsInputGradient else { return }
        for lane in 0..<4 {
            writeInputGradient(g + lane * f, row: row + lane, sum: sum[lane], sumTimesNormalized: sumTimesNormalized[lane])
        }
    }

    private func writeInputGradient(_ g: UnsafePointer<Float>, row: Int, sum: Float, sumTimesNormalized: Float) {
        let gamma = weight.value.data, n = Float(features)
        let xhat = normalized.data + row * features
        let dx = inputGradient.data + row * features, inverse = inverseDeviations[row]
        for j in 0..<features {
            dx[j] = inverse / n * (n * g[j] * gamma[j] - sum - xhat[j] * sumTimesNormalized)
        }
    }
}
