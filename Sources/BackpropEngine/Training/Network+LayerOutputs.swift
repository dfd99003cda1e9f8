extension Network {
    /// One sample run through the layers in evaluation mode, keeping every layer's output
    /// (for the feature maps of each layer): `result[k]` is layer k's output for `sample`,
    /// shaped like the layer's output sample. Overwrites the layers' cached forward state,
    /// so call it between training steps, never inside one.
    public func layerOutputs(for sample: [Float]) -> [(shape: [Int], values: [Float])] {
        precondition(sample.count == inputShape.reduce(1, *), "a sample of \(inputShape) expected")
        var activations = Tensor(shape: [1] + inputShape, values: sample)
        var outputs: [(shape: [Int], values: [Float])] = []
        for layer in layers {
            activations = layer.forward(activations, training: false)
            outputs.append((activations.sampleShape, activations.values))
        }
        return outputs
    }
}

extension Network {
    /// Runs samples (one after another in `values`, each as wide as layer `range`'s first
    /// input) through the layers in `range` only, in evaluation mode and at most `maxBatch`
    /// at a time: an autoencoder's encoder alone gives the codes, its decoder alone turns
    /// codes the learner picked into images. Overwrites the layers' cached forward state,
    /// so call it between training steps, never inside one.
    public func forward(layers range: Range<Int>, samples: Int, values: [Float]) -> [Float] {
        precondition(samples > 0 && values.count % samples == 0, "values do not divide into \(samples) samples")
        let width = values.count / samples
        var result: [Float] = []
        var start = 0
        while start < samples {
            let rows = min(maxBatch, samples - start)
            var activations = Tensor(shape: [rows, width], values: Array(values[start * width ..< (start + rows) * width]))
            if range.lowerBound == 0 { activations = Tensor(shape: [rows] + inputShape, values: activations.values) }
            for layer in layers[range] { activations = layer.forward(activations, training: false) }
            result += activations.values
            start += rows
        }
        return result
    }
}
