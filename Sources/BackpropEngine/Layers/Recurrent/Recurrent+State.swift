extension Recurrent {
    /// The LSTM cell state before step 0 of `row`'s sample: carried in, or zeros.
    func cellBeforeFirstStep(row: Int) -> UnsafeMutablePointer<Float> {
        usesInitialState ? initialCell.data + (row / steps) * hiddenSize : zeroRow.data
    }

    /// Makes the last forward pass's final h (and c) the initial state of the next one, per
    /// sample: truncated BPTT over consecutive chunks of a stream. Only values are copied, so
    /// the next backward pass stops at the chunk boundary.
    public func keepFinalState() {
        let batch = outputs.rows, hidden = hiddenSize
        for b in 0..<batch {
            let last = b * steps + steps - 1
            (initialHidden.data + b * hidden).update(from: outputs.data + last * hidden, count: hidden)
            if cell == .lstm { (initialCell.data + b * hidden).update(from: cells.data + last * hidden, count: hidden) }
        }
    }

    /// Zeros the carried state (the start of a stream).
    public func clearState() {
        initialHidden.data.update(repeating: 0, count: initialHidden.maxRows * hiddenSize)
        initialCell.data.update(repeating: 0, count: initialCell.maxRows * hiddenSize)
    }

    /// ‖∂L/∂h_t‖ over the batch: the step's own output gradient plus what flowed back from
    /// later steps (in `hiddenCarry` when step t's backward begins). Called before step t.
    func recordStepGradientNorm(step t: Int, batch: Int, outputGradient dy: Tensor) {
        if stepGradientNorms.count != steps { stepGradientNorms = [Float](repeating: 0, count: steps) }
        var sum: Float = 0
        for b in 0..<batch {
            let own = dy.data + (b * steps + t) * hiddenSize, carried = hiddenCarry.data + b * hiddenSize
            for j in 0..<hiddenSize {
                let gradient = own[j] + carried[j]
                sum += gradient * gradient
            }
        }
        stepGradientNorms[t] = sum.squareRoot()
    }
}
