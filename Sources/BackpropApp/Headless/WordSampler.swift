import BackpropEngine

/// Generates words from a trained character model: start from the end-of-word token, draw
/// each next character from softmax(logits / temperature), stop at the next end of word.
enum WordSampler {
    /// One word. `characters[0]` is the end-of-word token; the model reads windows of `length`.
    /// At most `maximumCharacters` are drawn (an untrained model rarely ends a word).
    static func word(trainer: Trainer, characters: [String], length: Int, temperature: Float,
                     maximumCharacters: Int = .max, random: inout RandomGenerator) -> String {
        words(count: 1, trainer: trainer, characters: characters, length: length, temperature: temperature,
              maximumCharacters: maximumCharacters, random: &random)[0]
    }

    /// `count` words drawn side by side: one forward pass of all the unfinished words per
    /// character rather than one per word, so the live view's sampling costs the trainer
    /// thread a few passes, not a few hundred.
    static func words(count: Int, trainer: Trainer, characters: [String], length: Int, temperature: Float,
                      maximumCharacters: Int = .max, random: inout RandomGenerator) -> [String] {
        var words = [String](repeating: "", count: count)
        var open = Array(0..<count)
        // Every open word has the same number of tokens: the end-of-word start, then one per round.
        var tokens = [[Int]](repeating: [0], count: count)
        let classes = characters.count
        var drawn = 0
        while !open.isEmpty && drawn + 1 < length && drawn < maximumCharacters {
            // The model is causal: padding after the prefix does not change the last prefix step.
            var input = [Float](repeating: 0, count: open.count * length)
            for (row, word) in open.enumerated() {
                for (position, token) in tokens[word].enumerated() { input[row * length + position] = Float(token) }
            }
            let logits = trainer.predict(input)
            var stillOpen: [Int] = []
            for (row, word) in open.enumerated() {
                let start = (row * length + drawn) * classes
                let next = draw(from: Array(logits[start ..< start + classes]), temperature: temperature, random: &random)
                if next == 0 { continue }
                tokens[word].append(next)
                words[word] += characters[next]
                stillOpen.append(word)
            }
            open = stillOpen
            drawn += 1
        }
        return words
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
