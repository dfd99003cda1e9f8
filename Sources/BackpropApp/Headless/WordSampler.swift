import BackpropEngine

/// Generates words from a trained character model: start from the end-of-word token, draw
/// each next character from softmax(logits / temperature), stop at the next end of word.
enum WordSampler {
    /// One word. `characters[0]` is the end-of-word token; the model reads windows of `length`.
    /// At most `maximumCharacters` are drawn (an untrained model rarely ends a word).
    static func word(trainer: Trainer, characters: [String], length: Int, temperature: Float,
                     maximumCharacters: Int = .max, random: inout RandomGenerator) -> String {
        var tokens = [0]
        var word = ""
        let classes = characters.count
        while tokens.count < length && tokens.count - 1 < maximumCharacters {
            // The model is causal: padding after the prefix does not change the last prefix step.
            let input = tokens.map(Float.init) + [Float](repeating: 0, count: length - tokens.count)
            let logits = trainer.predict(input)
            let row = Array(logits[(tokens.count - 1) * classes ..< tokens.count * classes])
            let next = draw(from: row, temperature: temperature, random: &random)
            if next == 0 { break }
            tokens.append(next)
            word += characters[next]
        }
        return word
    }

    /// An index drawn with probability softmax(logits / temperature).
    static func draw(from logits: [Float], temperature: Float, random: inout RandomGenerator) -> Int {
        let scaled = logits.map { $0 / temperature }
        let maximum = scaled.max() ?? 0
        let weights = scaled.map { exp(Double($0 - maximum)) }
        var threshold = random.uniform() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            threshold -= weight
            if threshold < 0 { return index }
        }
        return weights.count - 1
    }
}
