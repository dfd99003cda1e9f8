import BackpropEngine
import Foundation
import Testing
@testable import BackpropData

@Suite("Sequence data")
struct SequenceDataTests {
    let words = WordList(trainWords: ["ab", "abc", "b", "ca", "cab", "bca", "a", "cc"], validationWords: ["abc", "ba", "zz"])

    @Test func vocabularyAndStream() {
        let vocabulary = CharacterVocabulary(words: words.trainWords)
        #expect(vocabulary.characters == ["\n", "a", "b", "c"])
        #expect(vocabulary.encode(["ab", "zc"]) == [1, 2, 0, 3, 0], "unknown characters are skipped")
    }

    /// ASCII words are counted and encoded byte by byte, others by Character: both give the
    /// same ids, and a carriage return before a line feed stays one character with it.
    @Test func asciiAndOtherWordsShareOneVocabulary() {
        let vocabulary = CharacterVocabulary(words: ["ab", "é", "x\r\ny"])
        #expect(vocabulary.characters == ["\n", "\r\n", "a", "b", "x", "y", "é"])
        #expect(vocabulary.encode(["ba", "éa", "y\r\n", "a\rb"]) == [3, 2, 0, 6, 2, 0, 5, 1, 0, 2, 3, 0])
    }

    @Test func windowsPredictTheNextCharacter() throws {
        let sequences = try CharacterSequences(words: words, length: 3)
        let train = try #require(sequences.split.train as? TensorDataset)
        #expect(train.inputShape == [3])
        #expect(train.targetWidth == 3)
        // The stream starts with an end-of-word token: ⏎ a b ⏎ a b c ⏎ …
        #expect(Array(train.inputs.prefix(3)) == [0, 1, 2])
        #expect(Array(train.targets.prefix(3)) == [1, 2, 0])
        #expect(sequences.bigramValidationLoss > 0 && sequences.bigramValidationLoss < log(4) + 1)
    }

    @Test func wordListErrorsNameTheFile() throws {
        let missing = "/nonexistent-\(getpid())/words"
        #expect(throws: DatasetError.self) { try WordList.load(path: missing, seed: 1) }
        do { _ = try WordList.load(path: missing, seed: 1) } catch { #expect(error.description.contains(missing)) }
        let tiny = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(getpid())").path
        try "one\ntwo\n".write(toFile: tiny, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: tiny) }
        do {
            _ = try WordList.load(path: tiny, seed: 1)
            Issue.record("a two-word list was accepted")
        } catch { #expect(error.description.contains(tiny)) }
    }

    @Test func addingProblemMarksTwoStepsOnePerHalf() {
        var random = RandomGenerator(seed: 3)
        let data = AddingProblem.make(count: 50, length: 10, random: &random)
        #expect(data.inputShape == [10, 2])
        for sample in 0..<50 {
            let steps = (0..<10).map { (data.inputs[(sample * 10 + $0) * 2], data.inputs[(sample * 10 + $0) * 2 + 1]) }
            let marked = steps.indices.filter { steps[$0].1 == 1 }
            #expect(marked.count == 2 && marked[0] < 5 && marked[1] >= 5)
            #expect(abs(data.targets[sample] - (steps[marked[0]].0 + steps[marked[1]].0)) < 1e-6)
        }
    }

    /// A word list of thousands of distinct characters (an untrusted file) keeps the most
    /// frequent ones and maps the rest to one unknown token: memory stays bounded.
    @Test func aHugeAlphabetIsCappedToTheMostFrequentCharacters() {
        let rare = (0..<3000).map { String(UnicodeScalar(0x4E00 + $0)!) }
        let common = Array(repeating: "abc", count: 50)
        let vocabulary = CharacterVocabulary(words: common + rare)
        #expect(vocabulary.count == CharacterVocabulary.maximumCount)
        #expect(vocabulary.characters.last == CharacterVocabulary.unknown)
        let unknown = vocabulary.count - 1
        #expect(vocabulary.encode(["ab", "\u{4E00}\u{9FFF}"]) == [vocabulary.id(of: "a")!, vocabulary.id(of: "b")!, 0, vocabulary.id(of: "\u{4E00}")!, unknown, 0])
        #expect(vocabulary.id(of: "a")! > 0 && vocabulary.id(of: "\u{9FFF}") == unknown)
        let small = CharacterVocabulary(words: ["hello", "world"])
        #expect(!small.characters.contains(CharacterVocabulary.unknown) && small.id(of: "z") == nil, "an ordinary list is not capped")
    }
}
