import BackpropEngine

/// Next-character prediction over a word list: windows of `length` token ids, each target
/// the following id, cut from the stream of words (each ended by the end-of-word token).
public struct CharacterSequences: Sendable {
    public let vocabulary: CharacterVocabulary
    public let split: DataSplit
    public let length: Int
    /// Validation cross-entropy (nats per character) of a bigram model counted on the training
    /// words with add-one smoothing: the reference a recurrent model has to beat.
    public let bigramValidationLoss: Double

    public init(words: WordList, length: Int) throws(DatasetError) {
        let (vocabulary, validationStream) = try Self.vocabularyAndValidationStream(of: words, length: length)
        let trainStream = [0] + vocabulary.encode(words.trainWords)
        self.vocabulary = vocabulary
        self.length = length
        split = DataSplit(train: Self.windows(trainStream, length: length, classes: vocabulary.count),
                          validation: Self.windows(validationStream, length: length, classes: vocabulary.count),
                          classNames: vocabulary.characters.map { $0 == CharacterVocabulary.endOfWord ? "⏎" : String($0) })
        bigramValidationLoss = Self.bigramLoss(train: trainStream, validation: validationStream, classes: vocabulary.count)
    }

    /// The vocabulary the sequences of `words` would have, once it is known that the validation
    /// words make at least one sequence of `length`: all a lab check needs, without the windows.
    public static func vocabulary(of words: WordList, length: Int) throws(DatasetError) -> CharacterVocabulary {
        try vocabularyAndValidationStream(of: words, length: length).vocabulary
    }

    /// The vocabulary, and the validation words encoded with it (counting them needs the
    /// encoding, which `init` then keeps rather than encoding them again).
    private static func vocabularyAndValidationStream(of words: WordList, length: Int) throws(DatasetError)
        -> (vocabulary: CharacterVocabulary, validationStream: [Int]) {
        let vocabulary = CharacterVocabulary(words: words.trainWords)
        let validationStream = [0] + vocabulary.encode(words.validationWords)
        guard length >= 1, validationStream.count > length + 1 else {
            throw .tooSmall(path: WordList.path, reason: "\(validationStream.count) validation characters cannot make one sequence of \(length) (raise limit or lower seq_len)")
        }
        return (vocabulary, validationStream)
    }

    /// Non-overlapping windows: inputs ids[i..<i+T], targets ids[i+1...i+T].
    static func windows(_ stream: [Int], length: Int, classes: Int) -> TensorDataset {
        var inputs: [Float] = [], targets: [Float] = []
        var start = 0
        while start + length < stream.count {
            inputs.append(contentsOf: stream[start..<start + length].map(Float.init))
            targets.append(contentsOf: stream[start + 1...start + length].map(Float.init))
            start += length
        }
        return TensorDataset(inputs: inputs, targets: targets, inputShape: [length], task: .classification(classes: classes), targetWidth: length)
    }

    static func bigramLoss(train: [Int], validation: [Int], classes: Int) -> Double {
        var counts = [Double](repeating: 1, count: classes * classes)
        for (previous, next) in zip(train, train.dropFirst()) { counts[previous * classes + next] += 1 }
        var rowTotals = [Double](repeating: 0, count: classes)
        for row in 0..<classes { for column in 0..<classes { rowTotals[row] += counts[row * classes + column] } }
        var total = 0.0
        for (previous, next) in zip(validation, validation.dropFirst()) {
            total -= log(counts[previous * classes + next] / rowTotals[previous])
        }
        return total / Double(max(validation.count - 1, 1))
    }
}
