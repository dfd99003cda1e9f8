/// Multi-head self-attention, PyTorch's `nn.MultiheadAttention(d, heads, batch_first=True)`
/// applied as `attention(x, x, x)` with an optional causal mask: `[T, d]` → `[T, d]`.
///
/// Q, K and V come from one GEMM with `in_proj_weight` `[3d, d]`; each head attends with
/// softmax(Q Kᵀ/√(d/heads)) over small per-head GEMMs; the heads are joined and projected by
/// `out_proj`. The attention weights are kept for backward and for the attention-map views.
public final class MultiHeadAttention: SelfInitializingLayer {
    public let modelWidth: Int
    public let heads: Int
    public let causal: Bool
    public let inputWeight: Parameter
    public let inputBias: Parameter
    public let outputWeight: Parameter
    public let outputBias: Parameter

    private var steps = 1
    private var projections = Tensor(rows: 0, columns: 1)
    /// Softmax weights per (sample, head): `[T, T]` each.
    public private(set) var attention = Tensor(rows: 0, columns: 1)
    private var joined = Tensor(rows: 0, columns: 1)
    private var outputs = Tensor(rows: 0, columns: 1)
    private var joinedGradient = Tensor(rows: 0, columns: 1)
    private var projectionGradient = Tensor(rows: 0, columns: 1)
    private var scoreGradient = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    private var lastInput: Tensor?

    public init(modelWidth: Int, heads: Int, causal: Bool) {
        precondition(heads > 0 && modelWidth % heads == 0, "the model width must divide into the heads")
        self.modelWidth = modelWidth
        self.heads = heads
        self.causal = causal
        inputWeight = Parameter(name: "in_proj_weight", shape: [3 * modelWidth, modelWidth], isWeight: true)
        inputBias = Parameter(name: "in_proj_bias", shape: [3 * modelWidth], isWeight: false)
        outputWeight = Parameter(name: "out_proj.weight", shape: [modelWidth, modelWidth], isWeight: true)
        outputBias = Parameter(name: "out_proj.bias", shape: [modelWidth], isWeight: false)
    }

    public var kind: String { "MultiheadAttention" }
    public var reusesWeightsWithinSample: Bool { true }
    public var parameters: [Parameter] { [inputWeight, inputBias, outputWeight, outputBias] }
    var headWidth: Int { modelWidth / heads }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "attention", settings: ["d": Double(modelWidth), "heads": Double(heads), "causal": causal ? 1 : 0])
    }

    public func nameParameters(index: Int) { name(prefix: "\(index).") }

    /// PyTorch's start: Xavier-uniform Q/K/V projections, the output projection as an
    /// `nn.Linear` (U(±1/√d)), both biases zero.
    public func initialize(random: inout RandomGenerator) {
        Initializer.xavier.initialize(weight: inputWeight.value, bias: inputBias.value, fanIn: modelWidth, fanOut: 3 * modelWidth, random: &random)
        Initializer.pytorch.initialize(weight: outputWeight.value, bias: nil, fanIn: modelWidth, fanOut: modelWidth, random: &random)
        outputBias.value.zero()
    }

    func name(prefix: String) {
        for (parameter, name) in zip(parameters, ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]) {
            parameter.name = prefix + name
        }
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.count == 2, inputShape[1] == modelWidth else {
            throw ModelError("MultiheadAttention(\(modelWidth)) needs sequences shaped [steps, \(modelWidth)], got \(inputShape)")
        }
        steps = inputShape[0]
        let rows = maxBatch * steps
        projections = Tensor(rows: rows, columns: 3 * modelWidth)
        projectionGradient = Tensor(rows: rows, columns: 3 * modelWidth)
        attention = Tensor(rows: maxBatch * heads * steps, columns: steps)
        scoreGradient = Tensor(rows: steps, columns: steps)
        joined = Tensor(rows: rows, columns: modelWidth)
        joinedGradient = Tensor(rows: rows, columns: modelWidth)
        outputs = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        lastInput = x
        let rows = x.rows * steps, d = modelWidth, dh = headWidth
        outputs.setRows(x.rows)
        linear(x.data, rows: rows, weight: inputWeight, bias: inputBias, outputs: 3 * d, into: projections.data)
        let scale = 1 / Float(dh).squareRoot()
        for sample in 0..<x.rows {
            let base = projections.data + sample * steps * 3 * d
            for head in 0..<heads {
                let weights = attentionWeights(sample: sample, head: head)
                // Scores Q Kᵀ/√dh: the head's columns of the Q and K blocks, rows 3d apart.
                gemm(transposeB: true, m: steps, n: steps, k: dh, alpha: scale, a: base + head * dh, lda: 3 * d,
                     b: base + d + head * dh, ldb: 3 * d, beta: 0, c: weights, ldc: steps)
                for i in 0..<steps {
                    let row = weights + i * steps
                    let visible = causal ? i + 1 : steps
                    softmaxRow(row, into: row, count: visible)
                    for j in visible..<steps { row[j] = 0 }
                }
                gemm(m: steps, n: dh, k: steps, a: weights, lda: steps, b: base + 2 * d + head * dh, ldb: 3 * d,
                     beta: 0, c: joined.data + sample * steps * d + head * dh, ldc: d)
            }
        }
        linear(joined.data, rows: rows, weight: outputWeight, bias: outputBias, outputs: d, into: outputs.data)
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let x = lastInput else { return nil }
        let rows = dy.rows * steps, d = modelWidth, dh = headWidth
        let scale = 1 / Float(dh).squareRoot()
        linearBackward(dy.data, inputs: joined.data, rows: rows, weight: outputWeight, bias: outputBias, outputs: d,
                       inputGradient: joinedGradient.data)
        for sample in 0..<dy.rows {
            let base = projections.data + sample * steps * 3 * d
            let gradientBase = projectionGradient.data + sample * steps * 3 * d
            let headGradient = joinedGradient.data + sample * steps * d
            for head in 0..<heads {
                let weights = attentionWeights(sample: sample, head: head)
                let dO = headGradient + head * dh
                // dV = Pᵀ dO, dP = dO Vᵀ.
                gemm(transposeA: true, m: steps, n: dh, k: steps, a: weights, lda: steps, b: dO, ldb: d,
                     beta: 0, c: gradientBase + 2 * d + head * dh, ldc: 3 * d)
                gemm(transposeB: true, m: steps, n: steps, k: dh, a: dO, lda: d, b: base + 2 * d + head * dh, ldb: 3 * d,
                     beta: 0, c: scoreGradient.data, ldc: steps)
                // Through the softmax: dS = P ⊙ (dP − Σ_j dP⊙P), then the 1/√dh scale.
                for i in 0..<steps {
                    let p = weights + i * steps, g = scoreGradient.data + i * steps
                    var dot: Float = 0
                    for j in 0..<steps { dot += g[j] * p[j] }
                    for j in 0..<steps { g[j] = p[j] * (g[j] - dot) * scale }
                }
                // dQ = dS K, dK = dSᵀ Q.
                gemm(m: steps, n: dh, k: steps, a: scoreGradient.data, lda: steps, b: base + d + head * dh, ldb: 3 * d,
                     beta: 0, c: gradientBase + head * dh, ldc: 3 * d)
                gemm(transposeA: true, m: steps, n: dh, k: steps, a: scoreGradient.data, lda: steps, b: base + head * dh, ldb: 3 * d,
                     beta: 0, c: gradientBase + d + head * dh, ldc: 3 * d)
            }
        }
        inputGradient.setRows(dy.rows)
        linearBackward(projectionGradient.data, inputs: x.data, rows: rows, weight: inputWeight, bias: inputBias, outputs: 3 * d,
                       inputGradient: needsInputGradient ? inputGradient.data : nil)
        return needsInputGradient ? inputGradient : nil
    }

    /// The `[T, T]` softmax weights of one head for one sample (row = query, column = key).
    public func attentionWeights(sample: Int, head: Int) -> UnsafeMutablePointer<Float> {
        attention.data + (sample * heads + head) * steps * steps
    }

    /// A copy of one head's `[T, T]` weights from the last forward pass (row = query,
    /// column = key), for views: the training path never calls it.
    public func attentionMap(sample: Int, head: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: attentionWeights(sample: sample, head: head), count: steps * steps))
    }

    /// Copies of one head's queries, keys and values from the last forward pass, `[T][d/heads]`
    /// each: what the attention-walkthrough view computes the scores from.
    public func headProjections(sample: Int, head: Int) -> (queries: [[Float]], keys: [[Float]], values: [[Float]]) {
        let d = modelWidth, dh = headWidth
        let base = projections.data + sample * steps * 3 * d + head * dh
        func block(_ offset: Int) -> [[Float]] {
            (0..<steps).map { step in Array(UnsafeBufferPointer(start: base + step * 3 * d + offset, count: dh)) }
        }
        return (block(0), block(d), block(2 * d))
    }

    /// Steps per sequence, as prepared.
    public var sequenceLength: Int { steps }

    private func linear(_ x: UnsafePointer<Float>, rows: Int, weight: Parameter, bias: Parameter, outputs: Int,
                        into y: UnsafeMutablePointer<Float>) {
        for row in 0..<rows { (y + row * outputs).update(from: bias.value.data, count: outputs) }
        gemm(transposeB: true, m: rows, n: outputs, k: modelWidth, a: x, lda: modelWidth, b: weight.value.data, ldb: modelWidth,
             beta: 1, c: y, ldc: outputs)
    }

    private func linearBackward(_ dy: UnsafePointer<Float>, inputs: UnsafePointer<Float>, rows: Int, weight: Parameter,
                                bias: Parameter, outputs: Int, inputGradient: UnsafeMutablePointer<Float>?) {
        gemm(transposeA: true, m: outputs, n: modelWidth, k: rows, a: dy, lda: outputs, b: inputs, ldb: modelWidth,
             beta: 0, c: weight.gradient.data, ldc: modelWidth)
        ColumnSums.sum(dy, rows: rows, width: outputs, into: bias.gradient.data)
        guard let inputGradient else { return }
        gemm(m: rows, n: modelWidth, k: outputs, a: dy, lda: outputs, b: weight.value.data, ldb: modelWidth,
             beta: 0, c: inputGradient, ldc: modelWidth)
    }
}
