/// Softmax over each sample's features, PyTorch's `nn.Softmax(dim=1)`.
///
/// Backward applies the Jacobian without forming it: `dx = y ⊙ (dy − Σ dy·y)`.
/// For classification prefer the fused softmax cross-entropy loss on logits.
public final class Softmax: Layer {
    private var output = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)

    public init() {}

    public var kind: String { "Softmax" }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: "softmax") }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        output = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        output.setRows(input.rows)
        let width = input.columns
        for row in 0..<input.rows {
            softmaxRow(input.data + row * width, into: output.data + row * width, count: width)
        }
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(outputGradient.rows)
        let width = outputGradient.columns
        for row in 0..<outputGradient.rows {
            let y = output.data + row * width, dy = outputGradient.data + row * width
            let dx = inputGradient.data + row * width
            var dot: Float = 0
            for j in 0..<width { dot += dy[j] * y[j] }
            for j in 0..<width { dx[j] = y[j] * (dy[j] - dot) }
        }
        return inputGradient
    }
}

/// Numerically stable softmax of one row: subtract the maximum before exponentiating.
@inline(__always)
func softmaxRow(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count: Int) {
    let inverse = 1 / shiftedExponentials(x, count: count, maximum: largest(x, count: count), into: y)
    for j in 0..<count { y[j] *= inverse }
}

/// The largest of `count` values (count ≥ 1).
func largest(_ values: UnsafePointer<Float>, count: Int) -> Float {
    var maximum = values[0]
    for j in 1..<count where values[j] > maximum { maximum = values[j] }
    return maximum
}

/// Writes e^(x − maximum) for each value and returns their sum (softmax's numerator and
/// denominator): eight at a time with eight running sums, the last few one by one (rows of
/// causal attention are short, and partial vector loads cost more than scalar ones).
/// Shifted values are ≤ 0; they are floored at −87, where e^x is far below the float
/// precision of the sum, to keep the exponential in its range.
func shiftedExponentials(_ x: UnsafePointer<Float>, count: Int, maximum: Float, into result: UnsafeMutablePointer<Float>) -> Float {
    var sums = SIMD8<Float>()
    var j = 0
    while j + 8 <= count {
        let exponentials = fastExponential((SIMD8(load: x + j) - maximum).floored(at: -87))
        exponentials.store(to: result + j)
        sums += exponentials
        j += 8
    }
    let halves = sums.lowHalf + sums.highHalf
    var sum = (halves[0] + halves[1]) + (halves[2] + halves[3])
    while j < count {
        result[j] = fastExponential(max(x[j] - maximum, -87))
        sum += result[j]
        j += 1
    }
    return sum
}
