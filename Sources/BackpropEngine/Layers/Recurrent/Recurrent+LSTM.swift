extension Recurrent {
    /// i, f, o = σ(·), g = tanh(·); c = f⊙c_{t−1} + i⊙g; h = o⊙tanh(c).
    func lstmStep(row: Int, first: Bool) {
        let width = hiddenSize
        let x = inputProjection.data + row * 4 * width, r = recurrentProjection.data + row * 4 * width
        let gate = gates.data + row * 4 * width
        let c = cells.data + row * width, h = outputs.data + row * width
        let before = first ? cellBeforeFirstStep(row: row) : c - width
        for j in 0..<width {
            let i = logistic(x[j] + r[j])
            let f = logistic(x[width + j] + r[width + j])
            let g = fastTanh(x[2 * width + j] + r[2 * width + j])
            let o = logistic(x[3 * width + j] + r[3 * width + j])
            gate[j] = i; gate[width + j] = f; gate[2 * width + j] = g; gate[3 * width + j] = o
            let previousCell = before[j]
            c[j] = f * previousCell + i * g
            h[j] = o * fastTanh(c[j])
        }
    }

    /// Reverse of `lstmStep`: dc collects the carried cell gradient and the path through h.
    func lstmStepBackward(row: Int, sample: Int, first: Bool, outputGradient: UnsafePointer<Float>) {
        let width = hiddenSize
        let gate = gates.data + row * 4 * width, c = cells.data + row * width
        let carry = hiddenCarry.data + sample * width, cellCarry = self.cellCarry.data + sample * width
        let dx = inputProjectionGradient.data + row * 4 * width, dr = recurrentProjectionGradient.data + row * 4 * width
        let before = first ? cellBeforeFirstStep(row: row) : c - width
        for j in 0..<width {
            let i = gate[j], f = gate[width + j], g = gate[2 * width + j], o = gate[3 * width + j]
            let tanhCell = fastTanh(c[j])
            let dh = outputGradient[j] + carry[j]
            let dc = cellCarry[j] + dh * o * (1 - tanhCell * tanhCell)
            let previousCell = before[j]
            cellCarry[j] = dc * f
            dx[j] = dc * g * i * (1 - i)
            dx[width + j] = dc * previousCell * f * (1 - f)
            dx[2 * width + j] = dc * i * (1 - g * g)
            dx[3 * width + j] = dh * tanhCell * o * (1 - o)
        }
        (dr).update(from: dx, count: 4 * width)
    }
}
