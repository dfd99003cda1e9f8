import BackpropEngine

extension SessionViews {
    /// Every head's attention weights in every block, on one validation sequence.
    public static let attentionMaps = SessionViews(rawValue: 1 << 16)
    /// One token's query, the keys, scores, softmax and weighted values of the last block's first head.
    public static let attentionStep = SessionViews(rawValue: 1 << 17)
    /// The positional encoding table added to the embeddings.
    public static let positionTable = SessionViews(rawValue: 1 << 18)
}

/// What the attention lesson's views draw, copied from a transformer on the trainer thread.
public struct AttentionSnapshot: Sendable {
    /// One head's `[T, T]` softmax weights (row = query position, column = key position).
    public struct HeadMap: Sendable {
        public var block: Int
        public var head: Int
        public var weights: [Float]
    }

    /// One query's way through the first head of a block, with the engine's own numbers.
    public struct Walkthrough: Sendable {
        /// The query's position in the sequence.
        public var position: Int
        public var query: [Float]
        /// Keys and values of every position the query may see (all, or up to itself when causal).
        public var keys: [[Float]]
        public var values: [[Float]]
        /// The engine's softmax weights for this query over the visible keys.
        public var weights: [Float]

        /// q · kⱼ for each visible key.
        public var scores: [Float] { keys.map { key in zip(query, key).reduce(0) { $0 + $1.0 * $1.1 } } }
        /// The scores divided by √d_head, as the engine scales them before the softmax.
        public var scaledScores: [Float] {
            let root = Float(query.count).squareRoot()
            return scores.map { $0 / root }
        }
        /// Σⱼ weightⱼ · vⱼ: the head's output at this position, before the output projection.
        public var output: [Float] {
            var sum = [Float](repeating: 0, count: query.count)
            for (weight, value) in zip(weights, values) {
                for i in sum.indices { sum[i] += weight * value[i] }
            }
            return sum
        }
    }

    /// Index of the validation sequence shown, and its tokens as text.
    public var sampleIndex = 0
    public var tokens: [String] = []
    public var maps: [HeadMap] = []
    /// Whether the blocks apply the causal mask (taken from the engine's attention layers).
    public var causal = false
    public var walkthrough: Walkthrough?
    /// The block the walkthrough's head belongs to (0 for the first).
    public var walkthroughBlock = 0
    /// The positional encoding (`[T][d]`, row-major) and its kind.
    public var positionTable: [Float] = []
    public var positionWidth = 0
    public var positionKind = PositionalEncodingKind.none

    public init() {}

    public var steps: Int { tokens.count }

    /// The largest weight any head puts on a later position than the query's: exactly 0
    /// under the causal mask.
    public var largestWeightAhead: Float {
        let steps = steps
        var largest: Float = 0
        for map in maps {
            for query in 0..<steps {
                for key in (query + 1)..<max(query + 1, steps) { largest = max(largest, map.weights[query * steps + key]) }
            }
        }
        return largest
    }
}
