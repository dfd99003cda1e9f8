extension Recurrent {
    /// r, z = σ(·); n = tanh(x_n + r⊙(W_hn h + b_hn)); h = (1 − z)⊙n + z⊙h_{t−1}.
    func gruStep(row: Int) {
        let width = hiddenSize
        let x = inputProjection.data + row * 3 * width, p = recurrentProjection.data + row * 3 * width
        let gate = gates.data + row * 3 * width
        let previous = previousHidden.data + row * width, h = outputs.data + row * width
        for j in 0..<width {
            let r = logistic(x[j] + p[j])
            let z = logistic(x[width + j] + p[width + j])
            let n = fastTanh(x[2 * width + j] + r * p[2 * width + j])
            gate[j] = r; gate[width + j] = z; gate[2 * width + j] = n
            h[j] = (1 - z) * n + z * previous[j]
        }
    }

    /// Reverse of `gruStep`. The input and recurrent paths differ only in n's block, where
    /// the recurrent part was scaled by r. The direct path z⊙h_{t−1} goes into the next carry.
    func gruStepBackward(row: Int, sample: Int, outputGradient: UnsafePointer<Float>) {
        let width = hiddenSize
        let gate = gates.data + row * 3 * width, p = recurrentProjection.data + row * 3 * width
        let previous = previousHidden.data + row * width
        let carry = hiddenCarry.data + sample * width, nextCarry = hiddenCarryNext.data + sample * width
        let dx = inputProjectionGradient.data + row * 3 * width, dp = recurrentProjectionGradient.data + row * 3 * width
        for j in 0..<width {
            let r = gate[j], z = gate[width + j], n = gate[2 * width + j]
            let dh = outputGradient[j] + carry[j]
            let dn = dh * (1 - z) * (1 - n * n)
            let dr = dn * p[2 * width + j] * r * (1 - r)
            let dz = dh * (previous[j] - n) * z * (1 - z)
            dx[j] = dr; dx[width + j] = dz; dx[2 * width + j] = dn
            dp[j] = dr; dp[width + j] = dz; dp[2 * width + j] = dn * r
            nextCarry[j] = dh * z
        }
    }
}
