/// Truncated backpropagation through time across batches: the training sequences are
/// consecutive chunks of one stream, read in order as `lanes` parallel streams, and each
/// batch starts from the final state of the one before. Gradients stop at the chunk edge.
extension Trainer {
    /// The sample order that makes row b of each batch continue row b of the previous batch:
    /// the samples are cut into `lanes` runs of consecutive samples, and batch k takes the
    /// k-th sample of every run. The few samples left over after equal runs are dropped.
    public static func streamOrder(count: Int, lanes: Int) -> [Int] {
        let lanes = max(1, min(lanes, count))
        let laneLength = count / lanes
        return (0..<laneLength).flatMap { k in (0..<lanes).map { lane in lane * laneLength + k } }
    }

    var recurrentLayers: [Recurrent] { network.layers.compactMap { $0 as? Recurrent } }

    /// Runs `step` with every recurrent layer starting from its carried state, then carries
    /// the batch's final state on. Evaluation and sampling outside `step` start from zeros.
    func carryingRecurrentState<Result>(_ step: () -> Result) -> Result {
        let layers = recurrentLayers
        for layer in layers { layer.usesInitialState = true }
        defer {
            for layer in layers {
                layer.keepFinalState()
                layer.usesInitialState = false
            }
        }
        return step()
    }

    func clearRecurrentState() {
        for layer in recurrentLayers { layer.clearState() }
    }
}
