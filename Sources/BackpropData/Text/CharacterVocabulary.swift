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
        for word in words { for character in word where character != Self.endOfWord { frequency[character, default: 0] += 1 } }
        var kept = Array(frequency.keys)
        let overflows = kept.count > Self.maximumCount - 1
        if overflows {
            kept = kept.sorted { (frequency[$0]!, $1) > (frequency[$1]!, $0) }.prefix(Self.maximumCount - 2).map { $0 }
            kept.removeAll { $0 == Self.unknown }
        }
        characters = [Self.endOfWord] + kept.sorted() + (overflows ? [Self.unknown] : [])
        ids = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
        unknownID = overflows ? characters.count - 1 : nil
    }

    /// The id every character outside the vocabulary takes, when it was capped.
    private let unknownID: Int?

    public var count: Int { characters.count }

    /// The id of a character, or nil when the vocabulary does not have it.
    public func id(of character: Character) -> Int? { ids[character] ?? unknownID }

    /// Words as one stream of ids, each word followed by the end-of-word token; characters
    /// the vocabulary lacks are the unknown token when it was capped, else (validation words
    /// with a character training never saw) skipped.
    public func encode(_ words: [String]) -> [Int] {
        var stream: [Int] = []
        for word in words {
            stream.append(contentsOf: word.compactMap { ids[$0] ?? unknownID })
            stream.append(0)
        }
        return stream
    }
}
