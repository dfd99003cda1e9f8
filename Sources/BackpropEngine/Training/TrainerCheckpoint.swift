/// A training run at one step, as values: every parameter and state buffer of the network,
/// the optimizer's moments, the batch order and the random generators (the shuffle's and each
/// dropout layer's), and the counters of the epoch in progress. Restored into the trainer it
/// came from, or one built the same way, the run goes on exactly as it did from that step:
/// the same batches, the same dropout masks, the same float operations, so the same numbers
/// bit for bit. A branch starts from one with its settings changed.
///
/// Taken between steps, on one core: a run that splits its batches across cores has no
/// checkpoints (its replicas draw dropout masks of their own), and one that carries recurrent
/// state from batch to batch has them only where an epoch starts (that state is cleared there).
public struct TrainerCheckpoint: Sendable {
    public let step: Int
    public let epoch: Int
    let tensors: [[Float]]
    let optimizer: Optimizer.State
    let random: RandomGenerator
    let order: [Int]
    let position: Int
    let dropoutGenerators: [RandomGenerator]
    let epochSums: (loss: Double, correct: Int, samples: Int, seconds: Double)
    let counters: (samplesSeen: Int, trainingSeconds: Double, lastGradientNorm: Float, lastBatchLoss: Float)
    let divergence: Divergence?
    let earlyStop: (record: EarlyStopping?, stoppedEarly: Bool, restoredBestEpoch: Int?)

    /// Bytes the checkpoint holds: its parameters, state buffers, moments and sample order.
    public var byteCount: Int {
        let floats = tensors.reduce(0) { $0 + $1.count } + optimizer.floatCount
        return floats * MemoryLayout<Float>.size + order.count * MemoryLayout<Int>.size
    }
}

extension Trainer {
    /// Whether a checkpoint can be taken now (see `TrainerCheckpoint`).
    public var canCheckpoint: Bool { batchParts == 1 && (position == 0 || !settings.carriesRecurrentState) }

    /// The run as it stands, between two steps; nil where `canCheckpoint` is false.
    public func checkpoint() -> TrainerCheckpoint? {
        guard canCheckpoint else { return nil }
        return TrainerCheckpoint(
            step: step, epoch: epoch,
            tensors: network.savedTensors.map(\.value.values),
            optimizer: optimizer.state, random: random, order: order, position: position,
            dropoutGenerators: dropoutLayers.map(\.random),
            epochSums: (epochLossSum, epochCorrect, epochSamples, epochSeconds),
            counters: (samplesSeen, trainingSeconds, lastGradientNorm, lastBatchLoss),
            divergence: divergence, earlyStop: (earlyStopping, stoppedEarly, restoredBestEpoch))
    }

    /// Puts the run back to `checkpoint`, which must come from this trainer or one built with
    /// the same model, data and batch size.
    public func restore(_ checkpoint: TrainerCheckpoint) throws(ModelError) {
        let tensors = network.savedTensors
        guard tensors.count == checkpoint.tensors.count, zip(tensors, checkpoint.tensors).allSatisfy({ $0.count == $1.count }),
              checkpoint.order.count == order.count, dropoutLayers.count == checkpoint.dropoutGenerators.count else {
            throw ModelError("the checkpoint was taken from another model or data")
        }
        for (tensor, values) in zip(tensors, checkpoint.tensors) {
            values.withUnsafeBufferPointer { tensor.value.data.update(from: $0.baseAddress!, count: values.count) }
        }
        optimizer.restore(checkpoint.optimizer)
        random = checkpoint.random
        order = checkpoint.order
        position = checkpoint.position
        for (layer, generator) in zip(dropoutLayers, checkpoint.dropoutGenerators) { layer.random = generator }
        (epochLossSum, epochCorrect, epochSamples, epochSeconds) = checkpoint.epochSums
        (samplesSeen, trainingSeconds, lastGradientNorm, lastBatchLoss) = checkpoint.counters
        (step, epoch, divergence) = (checkpoint.step, checkpoint.epoch, checkpoint.divergence)
        (earlyStopping, stoppedEarly, restoredBestEpoch) = checkpoint.earlyStop
        if settings.carriesRecurrentState { clearRecurrentState() }
    }

    /// Computes the gradients of the batch the next step would train on, without taking the
    /// step: the activations and gradients a probe reads then belong to the weights as they
    /// are (after `restore`, a checkpoint's). The pass draws dropout masks and moves batch-norm
    /// statistics: restore the checkpoint again after it, and the run goes on unchanged.
    public func computeGradientsOfNextBatch() {
        guard divergence == nil, batchParts == 1 else { return }
        let batch = min(settings.batchSize, order.count - position)
        guard batch > 0 else { return }
        _ = computeGradients(order[position ..< position + batch])
    }

    private var dropoutLayers: [Dropout] { network.leafLayers.compactMap { $0 as? Dropout } }
}
