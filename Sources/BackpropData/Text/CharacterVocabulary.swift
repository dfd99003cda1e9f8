/// The characters of a text corpus as token ids. Id 0 is the end of a word (shown as `⏎`),
/// which also starts each word when sampling.
public struct CharacterVocabulary: Equatable, Sendable {
    public static let endOfWord: Character = "\n"
    public let characters: [Character]
    private let ids: [Character: Int]

    /// The vocabulary of `words`: the end-of-word token, then every character in sorted order.
    public init(words: [String]) {
        let distinct = Set(words.flatMap { $0 }).subtracting([Self.endOfWord])
        characters = [Self.endOfWord] + distinct.sorted()
        ids = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, $0) })
    }

    public var count: Int { characters.count }

    /// The id of a character, or nil when the vocabulary does not have it.
    public func id(of character: Character) -> Int? { ids[character] }

    /// Words as one stream of ids, each word followed by the end-of-word token; characters
    /// the vocabulary lacks (in validation words) are skipped.
    public func encode(_ words: [String]) -> [Int] {
        var stream: [Int] = []
        for word in words {
            stream.append(contentsOf: word.compactMap { ids[$0] })
            stream.append(0)
        }
        return stream
    }
}
