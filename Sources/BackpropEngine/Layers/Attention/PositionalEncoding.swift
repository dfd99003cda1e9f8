/// Position information added to a sequence of vectors `[T, d]`.
public enum PositionalEncodingKind: String, CaseIterable, Sendable {
    /// The fixed sines and cosines of "Attention Is All You Need":
    /// PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)).
    case sinusoidal
    /// A learned vector per position (`weight` `[T, d]`, from N(0, 0.02²)).
    case learned
    /// Nothing added: attention alone cannot tell positions apart.
    case none
}

/// Adds a positional encoding to every sample: `y = x + PE`.
public final class PositionalEncoding: SelfInitializingLayer {
    public let encoding: PositionalEncodingKind
    public let steps: Int
    public let width: Int
    /// The learned table, or the fixed sinusoidal one (not trained, not saved).
    public let weight: Parameter
    private var outputs = Tensor(rows: 0, columns: 1)

    public init(_ encoding: PositionalEncodingKind, steps: Int, width: Int) {
        self.encoding = encoding
        self.steps = steps
        self.width = width
        weight = Parameter(name: "weight", shape: [steps, width], isWeight: false)
        if encoding == .sinusoidal {
            for position in 0..<steps {
                for i in stride(from: 0, to: width, by: 2) {
                    let angle = Double(position) / pow(10_000, Double(i) / Double(width))
                    weight.value[position, i] = Float(sin(angle))
                    if i + 1 < width { weight.value[position, i + 1] = Float(cos(angle)) }
                }
            }
        }
    }

    public var kind: String { "PositionalEncoding" }
    public var parameters: [Parameter] { encoding == .learned ? [weight] : [] }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "positional_\(encoding.rawValue)", settings: ["steps": Double(steps), "d": Double(width)])
    }

    public func nameParameters(index: Int) { weight.name = "\(index).weight" }

    public func initialize(random: inout RandomGenerator) {
        guard encoding == .learned else { return }
        for i in 0..<weight.count { weight.value[i] = Float(random.normal(mean: 0, standardDeviation: 0.02)) }
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape == [steps, width] else {
            throw ModelError("positional encoding for [\(steps), \(width)] receives samples shaped \(inputShape)")
        }
        outputs = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        let table = weight.value.data, size = steps * width
        for sample in 0..<x.rows {
            let input = x.data + sample * size, output = outputs.data + sample * size
            if encoding == .none {
                output.update(from: input, count: size)
            } else {
                for i in 0..<size { output[i] = input[i] + table[i] }
            }
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        if encoding == .learned {
            let gradient = weight.gradient.data, size = steps * width
            gradient.update(repeating: 0, count: size)
            for sample in 0..<dy.rows {
                for i in 0..<size { gradient[i] += dy.data[sample * size + i] }
            }
        }
        // The encoding is added: the input's gradient is the output's.
        return needsInputGradient ? dy : nil
    }
}
