/// Training-health figures for one Dense layer and the activation after it, as the
/// health panel shows them (after Karpathy's makemore part 3).
public struct LayerProbe: Equatable, Sendable {
    public var name: String
    public var activation: Summary?
    /// Fraction of activation outputs in the flat part of the nonlinearity.
    public var saturation: Float?
    public var activationHistogram: Histogram?
    public var weight: Summary
    public var weightGradient: Summary
    public var gradientHistogram: Histogram
    /// std(grad) / std(weight).
    public var gradientToDataRatio: Float
    /// log10(std(update) / std(weight)) of the last step, when updates are tracked.
    public var log10UpdateToDataRatio: Float?
}

extension Network {
    /// The activation that follows the Dense layer at `denseIndex` of `leafLayers`, directly or after its
    /// batch normalization (Linear → BatchNorm1d → activation), with its index.
    func activation(after denseIndex: Int) -> (index: Int, layer: Activation)? {
        var index = denseIndex + 1
        if index < leafLayers.count, leafLayers[index] is BatchNorm { index += 1 }
        guard index < leafLayers.count, let activation = leafLayers[index] as? Activation else { return nil }
        return (index, activation)
    }

    /// How the probes and the dead-unit counts name a Dense layer: "2 Linear(8→8) ReLU", by its
    /// place in `leafLayers` (inside a residual block too).
    func probeName(_ dense: Dense, at index: Int) -> String {
        "\(index) Linear(\(dense.inputSize)→\(dense.outputSize))" + (activation(after: index).map { " " + $0.layer.kind } ?? "")
    }

    /// Probes every Dense layer from the last forward/backward pass. Costs one pass over
    /// the weights and the cached activations, so the UI asks only when it draws.
    ///
    /// Every layer's gradient histogram spans the same range, ±the largest gradient of any
    /// layer: with a range of its own, a layer whose gradients vanished would fill its bars
    /// just like a healthy one.
    public func probe(bins: Int = 20, updateRatios: [String: Float] = [:]) -> [LayerProbe] {
        var probes: [LayerProbe] = []
        let gradientBound = leafLayers.compactMap { ($0 as? Dense)?.weight.gradient }.reduce(Float(0)) { bound, gradient in
            var largest = bound
            for i in 0..<gradient.count where gradient.data[i].isFinite { largest = max(largest, abs(gradient.data[i])) }
            return largest
        }
        for (index, layer) in leafLayers.enumerated() {
            guard let dense = layer as? Dense else { continue }
            let activationLayer = activation(after: index)?.layer
            var activationSummary: Summary?
            var saturation: Float?
            var activationHistogram: Histogram?
            if let activationLayer {
                let output = activationLayer.lastOutput
                activationSummary = Summary(output.data, count: output.count)
                var saturated = 0
                for i in 0..<output.count where activationLayer.function.isSaturated(output: output.data[i]) { saturated += 1 }
                saturation = Float(saturated) / Float(max(output.count, 1))
                activationHistogram = Histogram(output.data, count: output.count, bins: bins)
            }
            let weight = Summary(dense.weight.value.data, count: dense.weight.count)
            let gradient = Summary(dense.weight.gradient.data, count: dense.weight.count)
            probes.append(LayerProbe(
                name: probeName(dense, at: index),
                activation: activationSummary, saturation: saturation, activationHistogram: activationHistogram,
                weight: weight, weightGradient: gradient,
                gradientHistogram: Histogram(dense.weight.gradient.data, count: dense.weight.count, bins: bins,
                                             lower: gradientBound > 0 ? -gradientBound : nil, upper: gradientBound > 0 ? gradientBound : nil),
                gradientToDataRatio: gradient.standardDeviation / max(weight.standardDeviation, 1e-12),
                log10UpdateToDataRatio: updateRatios[dense.weight.name]))
        }
        return probes
    }
}
