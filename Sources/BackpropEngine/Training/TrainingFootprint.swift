/// What a trainer will hold at its peak, in floats, worked out from a `NetworkFootprint`
/// and the data's size before either is allocated. It follows `Trainer.init` (buffers for
/// `Trainer.bufferRows`), `Optimizer.step` (its state per parameter) and `BatchShards`
/// (a replica per extra core, each with its own gradients and its part's buffers).
public struct TrainingFootprint: Sendable {
    /// Parameter values, gradients and saved state of the main network.
    public let parameterFloats: Int
    /// The optimizer's state: 0, 1 or 2 floats per parameter.
    public let optimizerFloats: Int
    /// Every network's layer buffers and the batch's inputs and targets.
    public let bufferFloats: Int
    /// Networks each batch is spread over (1 when batches stay whole).
    public let batchParts: Int

    /// `splitsBatches`: whether the caller will call `Trainer.splitBatches`; `partsAvailable`:
    /// one more than the replicas it would build (`Trainer.replicaCount`).
    public init(network: NetworkFootprint, settings: TrainingSettings, trainCount: Int, validationCount: Int,
                inputSize: Int, targetWidth: Int, splitsBatches: Bool, partsAvailable: Int) {
        let rows = Trainer.bufferRows(batchSize: settings.batchSize, trainCount: trainCount, validationCount: validationCount)
        parameterFloats = network.parameterFloats
        optimizerFloats = settings.optimizer.makeRule().stateCount * network.parameterCount
        var buffers = network.bufferFloats(rows: rows) + rows * (inputSize + targetWidth)
        let replicas = Trainer.replicaCount(
            settings: settings, reusesWeightsWithinSample: network.reusesWeightsWithinSample, hasStateOutsideBatchNorm: network.hasStateOutsideBatchNorm,
            parameterCount: network.parameterCount, partsAvailable: splitsBatches ? partsAvailable : 1)
        batchParts = replicas + 1
        if replicas > 0 {
            let partRows = (rows + batchParts - 1) / batchParts
            // A replica is built whole, then takes the main network's values in place of its
            // own (`shareParameterValues`): it keeps its gradients and its part's buffers.
            let replicaParameterFloats = network.parameterFloats - network.parameterCount
            buffers += replicas * (replicaParameterFloats + network.bufferFloats(rows: partRows))
            buffers += batchParts * partRows * (inputSize + targetWidth)
        }
        bufferFloats = buffers
    }

    public var totalFloats: Int { parameterFloats + optimizerFloats + bufferFloats }
}
