extension Recurrent {
    /// i, f, o = σ(·), g = tanh(·); c = f⊙c_{t−1} + i⊙g; h = o⊙tanh(c).
    func lstmStep(row: Int, first: Bool) {
        var j = 0
        while j + 8 <= hiddenSize {
            lstmLanes(row: row, first: first, unit: j, lanes: 8)
            j += 8
        }
        if j < hiddenSize { lstmLanes(row: row, first: first, unit: j, lanes: hiddenSize - j) }
    }

    /// `lstmStep` for units `unit..<unit + lanes` (lanes ≤ 8), in eight-lane vectors. Inlined
    /// with lanes = 8 in the main loop, so full vectors load and store without checks.
    @inline(__always)
    private func lstmLanes(row: Int, first: Bool, unit: Int, lanes: Int) {
        let width = hiddenSize
        let x = inputProjection.data + row * 4 * width + unit, r = recurrentProjection.data + row * 4 * width + unit
        let gate = gates.data + row * 4 * width + unit
        let c = cells.data + row * width + unit, h = outputs.data + row * width + unit
        let i = logistic(SIMD8(load: x, count: lanes) + SIMD8(load: r, count: lanes))
        let f = logistic(SIMD8(load: x + width, count: lanes) + SIMD8(load: r + width, count: lanes))
        let g = fastTanh(SIMD8(load: x + 2 * width, count: lanes) + SIMD8(load: r + 2 * width, count: lanes))
        let o = logistic(SIMD8(load: x + 3 * width, count: lanes) + SIMD8(load: r + 3 * width, count: lanes))
        i.store(to: gate, count: lanes)
        f.store(to: gate + width, count: lanes)
        g.store(to: gate + 2 * width, count: lanes)
        o.store(to: gate + 3 * width, count: lanes)
        // The first step starts from the carried cell state (zero unless truncated BPTT carries one).
        let previousCell = SIMD8(load: first ? cellBeforeFirstStep(row: row) + unit : c - width, count: lanes)
        let cell = f * previousCell + i * g
        cell.store(to: c, count: lanes)
        let tanhCell = fastTanh(cell)
        tanhCell.store(to: cellTanhs.data + row * width + unit, count: lanes)
        (o * tanhCell).store(to: h, count: lanes)
    }

    /// Reverse of `lstmStep`: dc collects the carried cell gradient and the path through h.
    func lstmStepBackward(row: Int, sample: Int, first: Bool, outputGradient: UnsafePointer<Float>) {
        var j = 0
        while j + 8 <= hiddenSize {
            lstmBackwardLanes(row: row, sample: sample, first: first, outputGradient: outputGradient, unit: j, lanes: 8)
            j += 8
        }
        if j < hiddenSize {
            lstmBackwardLanes(row: row, sample: sample, first: first, outputGradient: outputGradient, unit: j, lanes: hiddenSize - j)
        }
    }

    /// `lstmStepBackward` for units `unit..<unit + lanes` (lanes ≤ 8).
    @inline(__always)
    private func lstmBackwardLanes(row: Int, sample: Int, first: Bool, outputGradient: UnsafePointer<Float>, unit: Int, lanes: Int) {
        let width = hiddenSize
        let gate = gates.data + row * 4 * width + unit, c = cells.data + row * width + unit
        let carry = hiddenCarry.data + sample * width + unit, cellCarry = self.cellCarry.data + sample * width + unit
        let dx = inputProjectionGradient.data + row * 4 * width + unit
        let i = SIMD8(load: gate, count: lanes), f = SIMD8(load: gate + width, count: lanes)
        let g = SIMD8(load: gate + 2 * width, count: lanes), o = SIMD8(load: gate + 3 * width, count: lanes)
        let tanhCell = SIMD8(load: cellTanhs.data + row * width + unit, count: lanes)
        let dh = SIMD8(load: outputGradient + unit, count: lanes) + SIMD8(load: carry, count: lanes)
        let dc = SIMD8(load: cellCarry, count: lanes) + dh * o * (1 - tanhCell * tanhCell)
        let previousCell = SIMD8(load: first ? cellBeforeFirstStep(row: row) + unit : c - width, count: lanes)
        (dc * f).store(to: cellCarry, count: lanes)
        (dc * g * i * (1 - i)).store(to: dx, count: lanes)
        (dc * previousCell * f * (1 - f)).store(to: dx + width, count: lanes)
        (dc * i * (1 - g * g)).store(to: dx + 2 * width, count: lanes)
        (dh * tanhCell * o * (1 - o)).store(to: dx + 3 * width, count: lanes)
    }
}
