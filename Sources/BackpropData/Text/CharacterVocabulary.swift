/// The characters of a text corpus as token ids. Id 0 is the end of a word (shown as `⏎`),
/// which also starts each word when sampling.
public struct CharacterVocabulary: Equatable, Sendable {
    public static let endOfWord: Character = "\n"
    public let characters: [Character]
    private let ids: [Character: Int]

    /// Stands for every character beyond the most frequent ones (shown as `�`).
    public static let unknown: Character = "\u{FFFD}"
    /// The most tokens a vocabulary has. A word list is an untrusted file: 51,044 distinct
    /// characters would make the bigram table alone 20 GB and the output layer as wide. The
    /// most frequent characters keep their own ids, and the rest share `unknown`.
    public static let maximumCount = 128

    /// The vocabulary of `words`: the end-of-word token, then every character in sorted order;
    /// beyond `maximumCount`, the most frequent characters and the unknown token.
    public init(words: [String]) {
        var frequency: [Character: Int] = [:]
        // An ASCII word's bytes are its characters; counting them in a table is many times
        // faster than hashing Characters, and lint sizes every word lab of every lesson.
        var asciiCounts = [Int](repeating: 0, count: 128)
        for word in words {
            if Self.isPlainASCII(word) {
                for byte in word.utf8 { asciiCounts[Int(byte)] += 1 }
            } else {
                for character in word where character != Self.endOfWord { frequency[character, default: 0] += 1 }
            }
        }
        for (byte, count) in asciiCounts.enumerated() where count > 0 {
            let character = Character(Unicode.Scalar(UInt8(byte)))
            if character != Self.endOfWord { frequency[character, default: 0] += count }
        }
        var kept = Array(frequency.keys)
        let overflows = kept.count > Self.maximumCount - 1
        if overflows {
            kept = kept.sorted { (frequency[$0]!, $1) > (frequency[$1]!, $0) }.prefix(Self.maximumCount - 2).map { $0 }
            kept.removeAll { $0 == Self.unknown }
        }
        characters = [Self.endOfWord] + kept.sorted() + (overflows ? [Self.unknown] : [])
        let ids = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
        let unknownID = overflows ? characters.count - 1 : nil
        self.ids = ids
        self.unknownID = unknownID
        asciiIDs = (0..<128).map { byte in ids[Character(Unicode.Scalar(UInt8(byte)))] ?? unknownID }
    }

    /// Whether each UTF-8 byte of `word` is one character: ASCII, and no carriage return
    /// (which joins a following line feed into one character).
    private static func isPlainASCII(_ word: String) -> Bool {
        word.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// The id every character outside the vocabulary takes, when it was capped.
    private let unknownID: Int?
    /// `id(of:)` of each ASCII character, for encoding ASCII words without hashing.
    private let asciiIDs: [Int?]

    public var count: Int { characters.count }

    /// The id of a character, or nil when the vocabulary does not have it.
    public func id(of character: Character) -> Int? { ids[character] ?? unknownID }

    /// Words as one stream of ids, each word followed by the end-of-word token; characters
    /// the vocabulary lacks are the unknown token when it was capped, else (validation words
    /// with a character training never saw) skipped.
    public func encode(_ words: [String]) -> [Int] {
        var stream: [Int] = []
        for word in words {
            if Self.isPlainASCII(word) {
                stream.append(contentsOf: word.utf8.compactMap { asciiIDs[Int($0)] })
            } else {
                stream.append(contentsOf: word.compactMap { ids[$0] ?? unknownID })
            }
            stream.append(0)
        }
        return stream
    }
}
