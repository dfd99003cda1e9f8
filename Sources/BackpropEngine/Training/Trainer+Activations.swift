extension Trainer {
    /// Each `Activation` layer's outputs for `samples` (rows of the input shape), in
    /// evaluation mode: `result[k]` holds the k-th activation layer's outputs, one row per
    /// sample. For the Playground's per-neuron heatmaps. Runs in chunks of the network's
    /// prepared batch size through one input buffer; it overwrites the cached activations
    /// that `Network.probe` reads, so probe first.
    public func activationOutputs(_ samples: [Float]) -> [[Float]] {
        let network = self.network
        let size = network.inputShape.reduce(1, *)
        let total = size > 0 ? samples.count / size : 0
        let activations = network.leafLayers.compactMap { $0 as? Activation }
        var outputs = [[Float]](repeating: [], count: activations.count)
        let input = Tensor(rows: min(max(total, 1), network.maxBatch), sampleShape: network.inputShape)
        var start = 0
        while start < total {
            let rows = min(input.maxRows, total - start)
            input.setRows(rows)
            samples.withUnsafeBufferPointer { input.data.update(from: $0.baseAddress! + start * size, count: rows * size) }
            _ = network.forward(input, training: false)
            for (index, layer) in activations.enumerated() {
                let output = layer.lastOutput
                outputs[index].append(contentsOf: UnsafeBufferPointer(start: output.data, count: output.count))
            }
            start += rows
        }
        return outputs
    }
}
