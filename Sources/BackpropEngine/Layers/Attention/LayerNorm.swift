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
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        normalized.setRows(x.rows)
        let gamma = weight.value.data, beta = bias.value.data
        for row in 0..<x.count / features {
            let input = x.data + row * features
            var mean: Float = 0
            for j in 0..<features { mean += input[j] }
            mean /= Float(features)
            var variance: Float = 0
            for j in 0..<features { variance += (input[j] - mean) * (input[j] - mean) }
            let inverse = 1 / (variance / Float(features) + epsilon).squareRoot()
            inverseDeviations[row] = inverse
            let xhat = normalized.data + row * features, y = outputs.data + row * features
            for j in 0..<features {
                xhat[j] = (input[j] - mean) * inverse
                y[j] = gamma[j] * xhat[j] + beta[j]
            }
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        weight.gradient.zero()
        bias.gradient.zero()
        inputGradient.setRows(dy.rows)
        let gamma = weight.value.data, dGamma = weight.gradient.data, dBeta = bias.gradient.data
        let n = Float(features)
        for row in 0..<dy.count / features {
            let g = dy.data + row * features, xhat = normalized.data + row * features
            var sum: Float = 0, sumTimesNormalized: Float = 0
            for j in 0..<features {
                dGamma[j] += g[j] * xhat[j]
                dBeta[j] += g[j]
                let dxhat = g[j] * gamma[j]
                sum += dxhat
                sumTimesNormalized += dxhat * xhat[j]
            }
            guard needsInputGradient else { continue }
            let dx = inputGradient.data + row * features, inverse = inverseDeviations[row]
            for j in 0..<features {
                dx[j] = inverse / n * (n * g[j] * gamma[j] - sum - xhat[j] * sumTimesNormalized)
            }
        }
        return needsInputGradient ? inputGradient : nil
    }
}
