/// How many ReLU units of one hidden layer are dead: their output is 0 for every sample
/// of the data evaluated, so no gradient reaches their weights and they never recover.
public struct DeadUnitCount: Equatable, Sendable {
    /// The Dense layer before the ReLU, as the probes name it ("2 Linear(8→8) ReLU").
    public var name: String
    public var dead: Int
    public var units: Int
}

extension Trainer {
    /// Dead ReLU units per hidden layer over the first `sampleLimit` samples of `dataset`
    /// (all of them by default), in evaluation mode. Layers with another activation are left
    /// out: only a ReLU outputs exactly 0 for every input below its threshold. Runs the
    /// network again, so take the probes first.
    public func deadUnits(in dataset: any Dataset, sampleLimit: Int = .max) -> [DeadUnitCount] {
        let network = self.network
        // Each hidden Dense layer followed by a ReLU (after batch normalization, if any).
        let hidden: [(dense: Int, relu: Activation, width: Int)] = network.leafLayers.indices.compactMap { index in
            guard let dense = network.leafLayers[index] as? Dense, let (_, activation) = network.activation(after: index),
                  activation.function == .relu else { return nil }
            return (index, activation, dense.outputSize)
        }
        let sampleCount = min(dataset.count, sampleLimit)
        guard !hidden.isEmpty, sampleCount > 0 else { return [] }
        let widths = hidden.map(\.width)
        // Whether each unit was ever on: one flag per unit, cleared batch by batch.
        var everActive = widths.map { [Bool](repeating: false, count: $0) }
        let chunk = min(sampleCount, network.maxBatch)
        let inputs = Tensor(rows: chunk, sampleShape: dataset.inputShape)
        let targets = Tensor(rows: chunk, columns: dataset.targetWidth)
        var start = 0
        while start < sampleCount {
            let end = min(start + chunk, sampleCount)
            inputs.setRows(end - start)
            targets.setRows(end - start)
            dataset.fillBatch(indices: Array(start..<end)[...], inputs: inputs.data, targets: targets.data)
            _ = network.forward(inputs, training: false)
            for (position, layer) in hidden.enumerated() {
                let output = layer.relu.lastOutput
                let width = widths[position]
                for row in 0..<output.rows {
                    for unit in 0..<width where output.data[row * width + unit] > 0 { everActive[position][unit] = true }
                }
            }
            start = end
        }
        return hidden.enumerated().map { position, layer in
            DeadUnitCount(name: network.probeName(network.leafLayers[layer.dense] as! Dense, at: layer.dense),
                          dead: everActive[position].filter { !$0 }.count, units: widths[position])
        }
    }
}
