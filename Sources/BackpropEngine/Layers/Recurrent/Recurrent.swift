/// A recurrent layer over whole sequences, PyTorch's `nn.RNN`/`nn.LSTM`/`nn.GRU` with
/// `batch_first=True`, one layer: `[T, input]` → every step's hidden state `[T, hidden]`.
/// The initial state is zero unless `usesInitialState` is on (truncated BPTT carries the
/// previous batch's final state in; no gradient flows back into it).
///
/// The input projection of all steps is one GEMM; each step adds `h·W_hhᵀ` (one small
/// product, W_hh packed once per pass: `PackedRightOperand`) and runs one fused loop over the
/// gates, storing what backward needs. Backward runs through time in reverse, then forms
/// the weight gradients with one GEMM each.
public final class Recurrent: SelfInitializingLayer {
    public let cell: RecurrentCell
    public let inputSize: Int
    public let hiddenSize: Int
    public let inputWeight: Parameter
    public let recurrentWeight: Parameter
    public let inputBias: Parameter
    public let recurrentBias: Parameter

    var steps = 1
    /// x·W_ihᵀ + b_ih for every (sample, step), + b_hh for the RNN and LSTM: `[B·T, G·H]`.
    var inputProjection = Tensor(rows: 0, columns: 1)
    /// h_{t−1}·W_hhᵀ for every (sample, step), + b_hh for the GRU (whose n gate scales it by r).
    var recurrentProjection = Tensor(rows: 0, columns: 1)
    /// Gate values after their nonlinearity.
    var gates = Tensor(rows: 0, columns: 1)
    /// LSTM cell states.
    var cells = Tensor(rows: 0, columns: 1)
    /// tanh of each LSTM cell state, kept for backward (one exponential less per unit there).
    var cellTanhs = Tensor(rows: 0, columns: 1)
    /// The layer's output: h_t for every step, `[B, T, H]`.
    var outputs = Tensor(rows: 0, columns: 1)
    /// h_{t−1} for every (sample, step), zeros at t = 0: the right operand of dW_hh's GEMM.
    var previousHidden = Tensor(rows: 0, columns: 1)
    var inputProjectionGradient = Tensor(rows: 0, columns: 1)
    var recurrentProjectionGradient = Tensor(rows: 0, columns: 1)
    var hiddenCarry = Tensor(rows: 0, columns: 1)
    var hiddenCarryNext = Tensor(rows: 0, columns: 1)
    var cellCarry = Tensor(rows: 0, columns: 1)
    var inputGradient = Tensor(rows: 0, columns: 1)
    var lastInput: Tensor?
    /// h and c before step 0, one row per sample, used when `usesInitialState` is on.
    var initialHidden = Tensor(rows: 0, columns: 1)
    var initialCell = Tensor(rows: 0, columns: 1)
    /// A row of zeros: the cell state before step 0 without an initial state.
    var zeroRow = Tensor(rows: 1, columns: 1)
    /// b_ih, plus b_hh for the cells whose step product carries no bias.
    var combinedBias = Tensor(rows: 1, columns: 1)
    /// W_hhᵀ packed for the forward steps' products `h_{t−1}·W_hhᵀ`, refreshed at each forward pass.
    var packedRecurrentWeight = PackedRightOperand(depth: 0, columns: 0)
    /// W_hh packed for the backward steps' products `∂L/∂gates · W_hh`, refreshed at each backward pass.
    var packedRecurrentWeightForBackward = PackedRightOperand(depth: 0, columns: 0)
    /// Start from `initialHidden`/`initialCell` instead of zeros (see `keepFinalState`).
    public var usesInitialState = false
    /// An LSTM's forget-gate bias at initialization, b_ih's forget slice with b_hh's at 0, so
    /// the gates start at σ(bias); nil keeps PyTorch's default, where it is drawn like every bias.
    public var forgetGateBias: Float?
    /// When on, backward stores ‖∂L/∂h_t‖ over the batch for every step in `stepGradientNorms`.
    public var recordsStepGradientNorms = false
    /// ‖∂L/∂h_t‖ of the last backward pass, index t, when `recordsStepGradientNorms` is on.
    public internal(set) var stepGradientNorms: [Float] = []

    public init(cell: RecurrentCell, inputSize: Int, hiddenSize: Int) {
        self.cell = cell
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let width = cell.gateCount * hiddenSize
        inputWeight = Parameter(name: "weight_ih_l0", shape: [width, inputSize], isWeight: true)
        recurrentWeight = Parameter(name: "weight_hh_l0", shape: [width, hiddenSize], isWeight: true)
        inputBias = Parameter(name: "bias_ih_l0", shape: [width], isWeight: false)
        recurrentBias = Parameter(name: "bias_hh_l0", shape: [width], isWeight: false)
    }

    public var kind: String { cell.moduleName }
    public var reusesWeightsWithinSample: Bool { true }
    public var parameters: [Parameter] { [inputWeight, recurrentWeight, inputBias, recurrentBias] }
    var gateWidth: Int { cell.gateCount * hiddenSize }

    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: cell.rawValue, settings: ["in": Double(inputSize), "hidden": Double(hiddenSize)])
    }

    public func nameParameters(index: Int) {
        for (parameter, name) in zip(parameters, ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]) {
            parameter.name = "\(index).\(name)"
        }
    }

    /// PyTorch's default: every weight and bias from U(±1/√hidden). A `forgetGateBias` then
    /// overwrites the forget gate's slice (rows H..<2H in PyTorch's i, f, g, o order), as
    /// Keras's `unit_forget_bias` does, after the same draws, so nothing else changes.
    public func initialize(random: inout RandomGenerator) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        for parameter in parameters {
            for i in 0..<parameter.count { parameter.value[i] = Float(random.uniform(-bound, bound)) }
        }
        if cell == .lstm, let forgetGateBias {
            for j in hiddenSize..<(2 * hiddenSize) {
                inputBias.value[j] = forgetGateBias
                recurrentBias.value[j] = 0
            }
        }
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        guard inputShape.count == 2, inputShape[1] == inputSize else {
            throw ModelError("\(kind)(\(inputSize) → \(hiddenSize)) needs sequences shaped [steps, \(inputSize)], got \(inputShape)")
        }
        steps = inputShape[0]
        let rows = maxBatch * steps
        inputProjection = Tensor(rows: rows, columns: gateWidth)
        recurrentProjection = Tensor(rows: rows, columns: gateWidth)
        gates = Tensor(rows: rows, columns: gateWidth)
        cells = Tensor(rows: cell == .lstm ? rows : 0, columns: hiddenSize)
        cellTanhs = Tensor(rows: cell == .lstm ? rows : 0, columns: hiddenSize)
        outputs = Tensor(rows: maxBatch, sampleShape: [steps, hiddenSize])
        previousHidden = Tensor(rows: rows, columns: hiddenSize)
        inputProjectionGradient = Tensor(rows: rows, columns: gateWidth)
        recurrentProjectionGradient = Tensor(rows: cell == .gru ? rows : 0, columns: gateWidth)
        hiddenCarry = Tensor(rows: maxBatch, columns: hiddenSize)
        hiddenCarryNext = Tensor(rows: maxBatch, columns: hiddenSize)
        cellCarry = Tensor(rows: maxBatch, columns: hiddenSize)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        initialHidden = Tensor(rows: maxBatch, columns: hiddenSize)
        initialCell = Tensor(rows: maxBatch, columns: hiddenSize)
        zeroRow = Tensor(rows: 1, columns: hiddenSize)
        combinedBias = Tensor(rows: 1, columns: gateWidth)
        packedRecurrentWeight = PackedRightOperand(depth: hiddenSize, columns: gateWidth)
        packedRecurrentWeightForBackward = PackedRightOperand(depth: gateWidth, columns: hiddenSize)
        return [steps, hiddenSize]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        lastInput = x
        let batch = x.rows, rows = batch * steps, width = gateWidth, hidden = hiddenSize
        outputs.setRows(batch)
        // The RNN and LSTM add b_hh where b_ih goes: the step's product then overwrites its
        // rows instead of adding to a bias copied there first. The GRU scales its n block by r.
        let foldsRecurrentBias = cell != .gru
        let bias = combinedBias.data
        bias.update(from: inputBias.value.data, count: width)
        if foldsRecurrentBias { for j in 0..<width { bias[j] += recurrentBias.value[j] } }
        fillRows(inputProjection.data, rows: rows, with: bias)
        packedRecurrentWeight.pack(recurrentWeight.value.data, depth: hidden, columns: width, leading: hidden, transposed: true)
        gemm(transposeB: true, m: rows, n: width, k: inputSize, a: x.data, lda: inputSize,
             b: inputWeight.value.data, ldb: inputSize, beta: 1, c: inputProjection.data, ldc: width)
        for t in 0..<steps {
            // h_{t−1}·W_hhᵀ (+ b_hh for the GRU) for every sample; rows of step t are `steps` rows apart.
            let projection = recurrentProjection.data + t * width
            if !foldsRecurrentBias {
                for b in 0..<batch { (projection + b * steps * width).update(from: recurrentBias.value.data, count: width) }
            }
            if t > 0 || usesInitialState {
                let previous = t > 0 ? UnsafePointer(outputs.data + (t - 1) * hidden) : UnsafePointer(initialHidden.data)
                packedRecurrentWeight.multiply(rows: batch, a: previous, lda: t > 0 ? steps * hidden : hidden,
                                               accumulate: !foldsRecurrentBias, c: projection, ldc: steps * width)
            } else if foldsRecurrentBias {
                for b in 0..<batch { (projection + b * steps * width).update(repeating: 0, count: width) }
            }
            for b in 0..<batch {
                let row = b * steps + t
                let previous = previousHidden.data + row * hidden
                if t == 0 && usesInitialState {
                    previous.update(from: initialHidden.data + b * hidden, count: hidden)
                } else if t == 0 {
                    previous.update(repeating: 0, count: hidden)
                } else {
                    previous.update(from: outputs.data + (row - 1) * hidden, count: hidden)
                }
                switch cell {
                case .rnn: rnnStep(row: row)
                case .lstm: lstmStep(row: row, first: t == 0)
                case .gru: gruStep(row: row)
                }
            }
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let x = lastInput else { return nil }
        let batch = dy.rows, rows = batch * steps, width = gateWidth, hidden = hiddenSize
        hiddenCarry.setRows(batch)
        hiddenCarry.zero()
        cellCarry.setRows(batch)
        cellCarry.zero()
        let recurrentGradient = recurrentProjectionGradientData
        packedRecurrentWeightForBackward.pack(recurrentWeight.value.data, depth: width, columns: hidden, leading: hidden, transposed: false)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            hiddenCarryNext.setRows(batch)
            if recordsStepGradientNorms { recordStepGradientNorm(step: t, batch: batch, outputGradient: dy) }
            for b in 0..<batch {
                let row = b * steps + t
                switch cell {
                case .rnn: rnnStepBackward(row: row, sample: b, outputGradient: dy.data + row * hidden)
                case .lstm: lstmStepBackward(row: row, sample: b, first: t == 0, outputGradient: dy.data + row * hidden)
                case .gru: gruStepBackward(row: row, sample: b, outputGradient: dy.data + row * hidden)
                }
            }
            // The gradient reaching h_{t−1} through W_hh (GRU's direct z⊙h path is already in
            // it); none is needed before step 0.
            guard t > 0 else { break }
            packedRecurrentWeightForBackward.multiply(rows: batch, a: recurrentGradient + t * width, lda: steps * width,
                                                      accumulate: cell == .gru, c: hiddenCarryNext.data, ldc: hidden)
            swap(&hiddenCarry, &hiddenCarryNext)
        }
        gemm(transposeA: true, m: width, n: inputSize, k: rows, a: inputProjectionGradient.data, lda: width,
             b: x.data, ldb: inputSize, beta: 0, c: inputWeight.gradient.data, ldc: inputSize)
        gemm(transposeA: true, m: width, n: hidden, k: rows, a: recurrentGradient, lda: width,
             b: previousHidden.data, ldb: hidden, beta: 0, c: recurrentWeight.gradient.data, ldc: hidden)
        ColumnSums.sum(inputProjectionGradient.data, rows: rows, width: width, into: inputBias.gradient.data)
        if cell == .gru {
            ColumnSums.sum(recurrentGradient, rows: rows, width: width, into: recurrentBias.gradient.data)
        } else {
            recurrentBias.gradient.data.update(from: inputBias.gradient.data, count: width)
        }
        guard needsInputGradient else { return nil }
        inputGradient.setRows(batch)
        gemm(m: rows, n: inputSize, k: width, a: inputProjectionGradient.data, lda: width,
             b: inputWeight.value.data, ldb: inputSize, beta: 0, c: inputGradient.data, ldc: inputSize)
        return inputGradient
    }

    /// The gradient of the recurrent projection. Only the GRU's differs from the input
    /// projection's (its n block is scaled by r); the RNN and LSTM share that buffer rather
    /// than copy it at every step.
    private var recurrentProjectionGradientData: UnsafeMutablePointer<Float> {
        cell == .gru ? recurrentProjectionGradient.data : inputProjectionGradient.data
    }

    private func fillRows(_ matrix: UnsafeMutablePointer<Float>, rows: Int, with row: UnsafePointer<Float>) {
        for r in 0..<rows { (matrix + r * gateWidth).update(from: row, count: gateWidth) }
    }
}
