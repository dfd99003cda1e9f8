import BackpropEngine
import Foundation

/// The word list of Debian's `wamerican` (`/usr/share/dict/words`, or `$BACKPROP_DATA/words`
/// when `BACKPROP_DATA` is set), split by word into training and validation words.
public struct WordList: Sendable {
    public static let defaultPath = "/usr/share/dict/words"
    /// Longest file read: the Debian list is about 1 MB.
    public static let maximumBytes = 16 << 20

    public let trainWords: [String]
    public let validationWords: [String]

    /// `$BACKPROP_DATA/words` when the variable is set, else the Debian path.
    public static var path: String {
        if let root = ProcessInfo.processInfo.environment[DatasetLocations.dataRootVariable], !root.isEmpty {
            return (root as NSString).appendingPathComponent("words")
        }
        return defaultPath
    }

    /// Reads one word per line (empty lines skipped; the file is read once per process, see
    /// `WordListFiles`), shuffles with `seed` and keeps `validationPercent` of the words apart.
    /// `limit` caps the words used, for quick runs.
    public static func load(path: String = path, validationPercent: Int = 10, seed: UInt64, limit: Int? = nil) throws(DatasetError) -> WordList {
        let all = try WordListFiles.words(at: path)
        guard all.count >= 10 else {
            throw .badHeader(path: path, reason: "holds \(all.count) words; a word list needs at least 10")
        }
        let lines = splitLines(count: all.count, validationPercent: validationPercent, seed: seed, limit: limit)
        return WordList(trainWords: lines.train.map { all[$0] }, validationWords: lines.validation.map { all[$0] })
    }

    /// Which words of the file (indices into its non-empty lines) `load` puts in each part, in
    /// order: for a script that reads the file itself (the PyTorch export).
    public static func splitLines(count: Int, validationPercent: Int = 10, seed: UInt64,
                                  limit: Int? = nil) -> (train: [Int], validation: [Int]) {
        var random = RandomGenerator(seed: seed)
        var order = Array(0..<count)
        random.shuffle(&order)
        let kept = order.prefix(limit.map { max($0, 10) } ?? order.count)
        let validationCount = max(1, kept.count * validationPercent / 100)
        return (Array(kept.dropFirst(validationCount)), Array(kept.prefix(validationCount)))
    }

    /// The number of words (non-empty lines) in the file at `path`.
    public static func wordCount(path: String = path) throws(DatasetError) -> Int { try WordListFiles.words(at: path).count }

    /// Bytes of the word list at `path` (following links), 0 when it cannot be read.
    public static func fileBytes(path: String = path) -> Int { FileChecks.size(path) ?? 0 }

    public init(trainWords: [String], validationWords: [String]) {
        self.trainWords = trainWords
        self.validationWords = validationWords
    }
}
