/// A split batch through batch normalization, with the whole batch's statistics (what
/// PyTorch's `SyncBatchNorm` computes across devices).
///
/// The parts run in parallel through each stretch of layers between two batch norms. At a
/// batch norm they meet: each part sums its own rows, the sums are combined on this thread,
/// and every part normalizes with the combined mean and variance (two passes, as one
/// layer computes them over a whole batch). Backward meets there again: the input gradient
/// needs the batch's Σ∂L/∂y and Σ∂L/∂y·x̂. Only the main network updates the running
/// statistics, which the replicas share.
///
/// Gradients stay in each part's own units (its mean loss), as in the unsplit case; the
/// combined sums are weighted by each part's share of the batch.
extension BatchShards {
    func computeGradientsMeetingAtBatchNorms(rows: [Int], countsCorrect: Bool,
                                             losses: UnsafeMutableBufferPointer<Float>,
                                             correct: UnsafeMutableBufferPointer<Int>) {
        let parts = rows.count
        let shares = rows.map { Float($0) / Float(rows.reduce(0, +)) }
        let layerCount = networks[0].layers.count
        // What flows between the stretches: each part's activations, then its gradients.
        var flowing = Array(inputs.prefix(parts))
        flowing.withUnsafeMutableBufferPointer { flowing in
            for stretch in 0...batchNormPositions.count {
                let begin = stretch == 0 ? 0 : batchNormPositions[stretch - 1] + 1
                let isLast = stretch == batchNormPositions.count
                let end = isLast ? layerCount : batchNormPositions[stretch]
                runParts(parts) { part in
                    var x = flowing[part]
                    if stretch > 0 { x = batchNorms[part][stretch - 1].normalize(x, usingBatchStatistics: true) }
                    x = networks[part].forward(x, layersIn: begin..<end, training: true)
                    if isLast {
                        // The loss, then backward down to the last batch norm's output.
                        let (loss, gradient) = networks[part].lossAndGradient(outputs: x, targets: targets[part])
                        losses[part] = loss
                        if countsCorrect { correct[part] = countCorrect(outputs: x, targets: targets[part]) }
                        flowing[part] = networks[part].backward(gradient, layersIn: begin..<end) ?? gradient
                    } else {
                        batchNorms[part][stretch].sumChannels(x)
                        flowing[part] = x
                    }
                }
                if !isLast { combineStatistics(at: stretch, rows: rows, flowing: flowing) }
            }
            // Backward stops at the first layer that learns (`Network.freeze`): a batch norm
            // before it neither learns nor passes a gradient on.
            let firstTrained = networks[0].firstTrainedLayer
            for stretch in batchNormPositions.indices.reversed() {
                let position = batchNormPositions[stretch]
                guard position >= firstTrained else { break }
                combineGradientSums(at: stretch, shares: shares, flowing: flowing)
                guard position > firstTrained else { break }
                let begin = stretch == 0 ? 0 : batchNormPositions[stretch - 1] + 1
                runParts(parts) { part in
                    let norm = batchNorms[part][stretch]
                    let dx = norm.inputGradient(flowing[part], valuesInPart: norm.valuesPerChannel(rows: rows[part]))
                    guard let gradient = networks[part].backward(dx, layersIn: begin..<position) else { return }
                    flowing[part] = gradient
                }
            }
        }
    }

    /// The batch's mean and biased variance at batch norm `index`, from each part's sums
    /// (the parts' inputs to it are in `flowing`); the main network's running statistics
    /// then take one step with them.
    private func combineStatistics(at index: Int, rows: [Int], flowing: UnsafeMutableBufferPointer<Tensor>) {
        let parts = rows.count
        let norms = batchNorms.prefix(parts).map { $0[index] }
        let count = Double(norms[0].valuesPerChannel(rows: rows.reduce(0, +)))
        for channel in 0..<norms[0].channels {
            let mean = norms.reduce(0) { $0 + $1.partSums[channel] } / count
            for norm in norms { norm.batchMean[channel] = mean }
        }
        runParts(parts) { part in norms[part].sumSquaredDeviations(flowing[part]) }
        for channel in 0..<norms[0].channels {
            let variance = norms.reduce(0) { $0 + $1.partSums[channel] } / count
            for norm in norms { norm.batchVariance[channel] = variance }
        }
        norms[0].updateRunningStatistics(count: Int(count))
    }

    /// The batch's Σ∂L/∂y and Σ∂L/∂y·x̂ at batch norm `index`, once each part has computed its
    /// own: the part's gradient at the layer's output is in `flowing`. Each part's sums are
    /// in its own loss's units, so they are weighted by its share of the batch.
    private func combineGradientSums(at index: Int, shares: [Float], flowing: UnsafeMutableBufferPointer<Tensor>) {
        let parts = shares.count
        let norms = batchNorms.prefix(parts).map { $0[index] }
        runParts(parts) { part in norms[part].sumGradients(flowing[part]) }
        for channel in 0..<norms[0].channels {
            var sum: Float = 0, products: Float = 0
            for (norm, share) in zip(norms, shares) {
                sum += share * norm.bias.gradient[channel]
                products += share * norm.weight.gradient[channel]
            }
            for norm in norms {
                norm.batchGradientSum[channel] = sum
                norm.batchGradientProductSum[channel] = products
            }
        }
    }
}
