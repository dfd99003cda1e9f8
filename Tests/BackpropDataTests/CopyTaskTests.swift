import BackpropEngine
import Testing
@testable import BackpropData

@Suite("Copy task")
struct CopyTaskTests {
    @Test func symbolsThenBlanksThenTheCueAndTheRecallTargets() {
        let task = CopyTask(symbols: 3, alphabet: 4, delay: 5)
        #expect(task.length == 11)
        #expect(task.tokenCount == 6)
        var random = RandomGenerator(seed: 2)
        let data = task.make(count: 50, random: &random)
        #expect(data.count == 50)
        #expect(data.inputShape == [11])
        #expect(data.targetWidth == 3)
        #expect(data.task == .classification(classes: 4))
        var seen = Set<Int>()
        for sample in 0..<50 {
            let inputs = data.inputs[sample * 11 ..< (sample + 1) * 11].map(Int.init)
            let targets = data.targets[sample * 3 ..< (sample + 1) * 3].map(Int.init)
            #expect(Array(inputs.prefix(3)) == targets.map { $0 + CopyTask.firstSymbol }, "the symbols shown are the ones to recall")
            #expect(inputs[3..<8].allSatisfy { $0 == CopyTask.blank }, "delay blank steps")
            #expect(inputs[8] == CopyTask.cue)
            #expect(inputs[9...].allSatisfy { $0 == CopyTask.blank })
            seen.formUnion(targets)
        }
        #expect(seen == [0, 1, 2, 3], "every symbol of the alphabet turns up")
    }

    @Test func theSeedFixesTheData() {
        let task = CopyTask(delay: 4)
        var first = RandomGenerator(seed: 9), second = RandomGenerator(seed: 9)
        #expect(task.make(count: 20, random: &first).inputs == task.make(count: 20, random: &second).inputs)
        #expect(task.tokenNames == ["·", "?", "A", "B", "C", "D"])
    }
}
