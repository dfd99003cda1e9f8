import BackpropData
import BackpropEngine

/// Copies the attention views out of a transformer on the trainer thread: it runs one
/// validation sequence forward and reads the weights that pass left in its attention layers.
/// Training never waits on it: the worker calls it a few times a second, only for shown views.
enum AttentionCapture {
    /// The views this capture serves.
    static let views: SessionViews = [.attentionMaps, .attentionStep, .positionTable]
    /// Seconds between copies while training runs.
    static let interval = 0.25

    /// What the run's transformer shows for `views`; nil when the model has no attention.
    /// `sample` picks the validation sequence and `position` the walkthrough's query (both wrap).
    static func capture(_ trainer: Trainer, views: SessionViews, sample: Int, position: Int) -> AttentionSnapshot? {
        let layers = trainer.network.layers
        let blocks = layers.compactMap { $0 as? TransformerBlock }
        guard let first = blocks.first else { return nil }
        var result = AttentionSnapshot()
        result.causal = first.attention.causal
        if views.contains(.positionTable), let encoding = layers.lazy.compactMap({ $0 as? PositionalEncoding }).first {
            result.positionKind = encoding.encoding
            result.positionWidth = encoding.width
            result.positionTable = encoding.encoding == .none ? [] : encoding.weight.value.values
        }
        if !views.isDisjoint(with: [.attentionMaps, .attentionStep]) {
            readSequence(trainer, sample: sample, into: &result)
            result.maps = blocks.enumerated().flatMap { index, block in
                (0..<block.attention.heads).map { head in
                    AttentionSnapshot.HeadMap(block: index, head: head, weights: block.attention.attentionMap(sample: 0, head: head))
                }
            }
            // The last block: on reversal its heads are the ones that fetch each digit.
            if views.contains(.attentionStep) { result.walkthrough = walkthrough(blocks[blocks.count - 1].attention, position: position) }
            result.walkthroughBlock = blocks.count - 1
        }
        return result
    }

    /// Runs validation sequence `sample` (wrapped into range) through the network, leaving
    /// its attention in the layers, and notes its tokens.
    private static func readSequence(_ trainer: Trainer, sample: Int, into result: inout AttentionSnapshot) {
        let validation = trainer.data.validation
        guard validation.count > 0 else { return }
        let index = (sample % validation.count + validation.count) % validation.count
        var inputs = [Float](repeating: 0, count: validation.inputSize)
        var targets = [Float](repeating: 0, count: validation.targetWidth)
        validation.fillBatch(indices: [index][...], inputs: &inputs, targets: &targets)
        _ = trainer.predict(inputs)
        let names = trainer.data.classNames
        result.sampleIndex = index
        result.tokens = inputs.map { token in
            let id = Int(token)
            return names.indices.contains(id) ? names[id] : String(id)
        }
    }

    /// A block's first head's computation for the query at `position` (wrapped into the sequence).
    private static func walkthrough(_ attention: MultiHeadAttention, position: Int) -> AttentionSnapshot.Walkthrough {
        let steps = attention.sequenceLength
        let query = (position % steps + steps) % steps
        let (queries, keys, values) = attention.headProjections(sample: 0, head: 0)
        let visible = attention.causal ? query + 1 : steps
        let row = attention.attentionMap(sample: 0, head: 0)[query * steps ..< query * steps + visible]
        return AttentionSnapshot.Walkthrough(position: query, query: queries[query], keys: Array(keys.prefix(visible)),
                                             values: Array(values.prefix(visible)), weights: Array(row))
    }
}
