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
        var random = RandomGenerator(seed: seed)
        var order = Array(all.indices)
        random.shuffle(&order)
        let words = order.prefix(limit.map { max($0, 10) } ?? order.count).map { all[$0] }
        let validationCount = max(1, words.count * validationPercent / 100)
        return WordList(trainWords: Array(words.dropFirst(validationCount)), validationWords: Array(words.prefix(validationCount)))
    }

    /// Bytes of the word list at `path` (following links), 0 when it cannot be read.
    public static func fileBytes(path: String = path) -> Int { FileChecks.size(path) ?? 0 }

    public init(trainWords: [String], validationWords: [String]) {
        self.trainWords = trainWords
        self.validationWords = validationWords
    }
}
