/// A fully connected layer, PyTorch's `nn.Linear`: `y = x · Wᵀ + b`, applied to the last
/// dimension (a sequence `[T, in]` becomes `[T, out]`, each step alike).
///
/// The weight is stored `[out, in]` as in PyTorch, so the forward pass multiplies by its
/// transpose and the backward pass gives `dW = dYᵀ · X`, `db = Σ_rows dY`, `dX = dY · W`.
/// Without a bias (`bias=False`, before batch normalization, whose shift replaces it) `b = 0`.
public final class Dense: WeightedLayer {
    public let inputSize: Int
    public let outputSize: Int
    public let weight: Parameter
    public let bias: Parameter?

    private var output = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    private var lastInput: Tensor?

    public init(inputSize: Int, outputSize: Int, hasBias: Bool = true) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(name: "weight", shape: [outputSize, inputSize], isWeight: true)
        bias = hasBias ? Parameter(name: "bias", shape: [outputSize], isWeight: false) : nil
    }

    public var kind: String { "Linear" }
    public var fanIn: Int { inputSize }
    public var fanOut: Int { outputSize }
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "linear", settings: ["in": Double(inputSize), "out": Double(outputSize), "bias": bias == nil ? 0 : 1])
    }

    public func nameParameters(index: Int) { name(prefix: "\(index).") }

    /// Names under a parent module, e.g. `"3.linear1."`.
    func name(prefix: String) {
        weight.name = prefix + "weight"
        bias?.name = prefix + "bias"
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.last == inputSize else {
            throw ModelError("Linear(\(inputSize) → \(outputSize)) receives samples shaped \(inputShape); the last dimension must be \(inputSize)")
        }
        let outputShape = inputShape.dropLast() + [outputSize]
        output = Tensor(rows: maxBatch, sampleShape: Array(outputShape))
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return Array(outputShape)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        lastInput = input
        output.setRows(input.rows)
        let rows = input.count / inputSize
        // Fill every row with the bias, then accumulate x · Wᵀ on top of it (beta = 1).
        if let b = bias?.value.data { fillRows(output.data, rows: rows, with: b) }
        gemm(transposeB: true, m: rows, n: outputSize, k: inputSize,
             a: input.data, lda: inputSize, b: weight.value.data, ldb: inputSize,
             beta: bias == nil ? 0 : 1, c: output.data, ldc: outputSize)
        return output
    }

    /// Sets every row of `y` to the bias. Not a `memmove` per row, which costs more than the
    /// copy for narrow layers; and for the widths narrow layers have (1, 8, 16, 24, 32), not a
    /// plain loop either, which the compiler vectorized four floats at a time with a jump per
    /// row (filling the Playground's 8-wide layers over 500 points was 6% of its step).
    @inline(__always)
    private func fillRows(_ y: UnsafeMutablePointer<Float>, rows: Int, with b: UnsafePointer<Float>) {
        if outputSize == 1 {
            y.update(repeating: b[0], count: rows)
        } else if outputSize % 8 == 0 && outputSize <= 32 {
            let blocks = outputSize / 8
            let b0 = SIMD8(load: b), b1 = blocks > 1 ? SIMD8(load: b + 8) : b0
            let b2 = blocks > 2 ? SIMD8(load: b + 16) : b0, b3 = blocks > 3 ? SIMD8(load: b + 24) : b0
            for row in 0..<rows {
                let target = y + row * outputSize
                b0.store(to: target)
                if blocks > 1 { b1.store(to: target + 8) }
                if blocks > 2 { b2.store(to: target + 16) }
                if blocks > 3 { b3.store(to: target + 24) }
            }
        } else {
            for row in 0..<rows {
                for j in 0..<outputSize { y[row * outputSize + j] = b[j] }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        let rows = outputGradient.count / outputSize
        // A frozen layer still passes the gradient back, but computes none for itself.
        if !weight.isFrozen {
            gemm(transposeA: true, m: outputSize, n: inputSize, k: rows,
                 a: outputGradient.data, lda: outputSize, b: lastInput!.data, ldb: inputSize,
                 beta: 0, c: weight.gradient.data, ldc: inputSize)
        }
        if let bias, !bias.isFrozen {
            ColumnSums.sum(outputGradient.data, rows: rows, width: outputSize, into: bias.gradient.data)
        }
        guard needsInputGradient else { return nil }
        inputGradient.setRows(outputGradient.rows)
        gemm(m: rows, n: inputSize, k: outputSize,
             a: outputGradient.data, lda: outputSize, b: weight.value.data, ldb: inputSize,
             beta: 0, c: inputGradient.data, ldc: inputSize)
        return inputGradient
    }
}
