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

    /// Reads one word per line (empty lines skipped), shuffles with `seed` and keeps
    /// `validationPercent` of the words apart. `limit` caps the words used, for quick runs.
    public static func load(path: String = path, validationPercent: Int = 10, seed: UInt64, limit: Int? = nil) throws(DatasetError) -> WordList {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .missingFile(path: path)
        }
        guard let size = FileChecks.size(path), size <= maximumBytes else {
            throw .unreadable(path: path, reason: "larger than \(maximumBytes >> 20) MiB, or its size cannot be read")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "cannot be read")
        }
        let text = String(decoding: data, as: UTF8.self)
        var words = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard words.count >= 10 else {
            throw .badHeader(path: path, reason: "holds \(words.count) words; a word list needs at least 10")
        }
        var random = RandomGenerator(seed: seed)
        var order = Array(words.indices)
        random.shuffle(&order)
        words = order.map { words[$0] }
        if let limit { words = Array(words.prefix(max(limit, 10))) }
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
