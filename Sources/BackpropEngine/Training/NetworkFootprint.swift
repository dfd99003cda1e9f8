/// A network's memory, read off its own allocation code rather than a second copy of every
/// layer's buffer sizes: the layers are built once (their parameters), then each is
/// prepared for one sample and for two. Every buffer a layer prepares is a fixed part plus
/// a part per sample, so those two points give the buffers for any batch.
///
/// Measuring costs the parameters (a few tens of MB at most within the settings' ranges)
/// and two samples' buffers, never a batch's.
public struct NetworkFootprint: Sendable {
    /// Floats in parameter values, their gradients, and saved state (running statistics).
    public let parameterFloats: Int
    /// Trainable values, as `Network.parameterCount` counts them.
    public let parameterCount: Int
    /// Buffer floats that do not grow with the batch (per-step scratch, position tables).
    public let fixedBufferFloats: Int
    /// Buffer floats per sample of the batch, the network's output gradient included.
    public let bufferFloatsPerSample: Int
    /// The layer holding the most per sample, to name in a message.
    public let largestLayer: (index: Int, kind: String, floatsPerSample: Int)?
    /// Facts `BatchShards.isWorthwhile` decides on.
    public let reusesWeightsWithinSample: Bool
    public let hasStateOutsideBatchNorm: Bool

    public init(layers makeLayers: () throws -> [any Layer], inputShape: [Int]) throws {
        let (layers, parameterFloats) = try AllocationMeter.floats(allocatedBy: makeLayers)
        self.parameterFloats = parameterFloats
        parameterCount = layers.reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.count } }
        reusesWeightsWithinSample = layers.contains(where: \.reusesWeightsWithinSample)
        hasStateOutsideBatchNorm = layers.contains { !($0 is BatchNorm) && !$0.stateBuffers.isEmpty }
        var fixed = 0, perSample = 0
        var largest: (index: Int, kind: String, floatsPerSample: Int)?
        var shape = inputShape
        for (index, layer) in layers.enumerated() {
            let (outputShape, one) = try AllocationMeter.floats { try layer.prepare(maxBatch: 1, inputShape: shape) }
            let (_, two) = try AllocationMeter.floats { try layer.prepare(maxBatch: 2, inputShape: shape) }
            let layerPerSample = two - one
            fixed += one - layerPerSample
            perSample += layerPerSample
            if layerPerSample > largest?.floatsPerSample ?? 0 { largest = (index, layer.kind, layerPerSample) }
            shape = outputShape
        }
        // The network's own gradient of the loss with respect to its output.
        perSample += shape.reduce(1, *)
        fixedBufferFloats = fixed
        bufferFloatsPerSample = perSample
        largestLayer = largest
    }

    /// Buffer floats for batches of up to `rows` samples.
    public func bufferFloats(rows: Int) -> Int { fixedBufferFloats + bufferFloatsPerSample * rows }
}
