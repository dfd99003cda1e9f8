import Testing

/// A failing case is replayed from its seed and number alone (`BACKPROP_FUZZ_CASE`), so
/// every target must make the same input from them each time, whatever ran before.
@Suite struct ReplayTests {
    @Test(arguments: HostileCorpusTests.targets.keys.sorted())
    func aCaseMakesTheSameInputEveryTime(_ kind: String) throws {
        let target = try #require(HostileCorpusTests.targets[kind])
        for index in [0, 1, 2, 57, 1_000, 123_456] {
            var first = FuzzRandom(seed: 7, case: index), again = FuzzRandom(seed: 7, case: index)
            let input = target.makeInput(&first)
            _ = target.makeInput(&first)
            #expect(target.makeInput(&again) == input, "\(kind) case \(index)")
        }
        var other = FuzzRandom(seed: 8, case: 0), same = FuzzRandom(seed: 7, case: 0)
        #expect(target.makeInput(&other) != target.makeInput(&same), "another seed, another input")
    }
}
