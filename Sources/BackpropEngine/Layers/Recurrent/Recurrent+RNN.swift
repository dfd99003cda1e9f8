extension Recurrent {
    /// h = tanh(x·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh).
    func rnnStep(row: Int) {
        let x = inputProjection.data + row * hiddenSize, r = recurrentProjection.data + row * hiddenSize
        let h = outputs.data + row * hiddenSize
        for j in 0..<hiddenSize { h[j] = fastTanh(x[j] + r[j]) }
    }

    /// da = (dh_t + carried dh)·(1 − h²), the same for the input and recurrent paths (one buffer).
    func rnnStepBackward(row: Int, sample: Int, outputGradient: UnsafePointer<Float>) {
        let h = outputs.data + row * hiddenSize, carry = hiddenCarry.data + sample * hiddenSize
        let dx = inputProjectionGradient.data + row * hiddenSize
        for j in 0..<hiddenSize { dx[j] = (outputGradient[j] + carry[j]) * (1 - h[j] * h[j]) }
    }
}
