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
