import Testing
@testable import BackpropEngine

/// The thread chooser against simulated machines: each step takes the time the machine
/// gives the thread count it runs on.
@Suite struct BLASThreadChooserTests {
    /// Runs `steps` steps; returns how many ran on one thread.
    private func run(_ chooser: inout BLASThreadChooser, steps: Int, seconds: (Int) -> Double) -> Int {
        var onOneThread = 0
        for _ in 0..<steps {
            let threads = chooser.threadsForNextStep
            if threads == 1 { onOneThread += 1 }
            chooser.record(stepSeconds: seconds(threads))
        }
        return onOneThread
    }

    @Test func nothingToChooseWithOneThread() {
        #expect(BLASThreadChooser(threads: 1) == nil)
    }

    @Test func aHealthyMachineStaysOnAllThreadsButForBriefTrials() throws {
        var chooser = try #require(BLASThreadChooser(threads: 2))
        let oneThread = run(&chooser, steps: 10_000) { $0 == 2 ? 1.0 : 1.3 }
        #expect(chooser.chosenThreads == 2)
        // One early trial, then one per 1,024 steps, of 24 steps each: about 2.5%.
        #expect(oneThread > 0 && oneThread < 300)
    }

    @Test func aMachineWhereTwoThreadsCrawlMovesToOneAndTriesTwoAgain() throws {
        var chooser = try #require(BLASThreadChooser(threads: 2))
        let oneThread = run(&chooser, steps: 10_000) { $0 == 2 ? 2.2 : 1.0 }
        #expect(chooser.chosenThreads == 1)
        #expect(oneThread > 8_500, "the first trial comes early, then trials of two are a tenth of the steps")
        #expect(oneThread < 10_000 - 24, "it keeps trying two threads")
    }

    @Test func itReturnsToAllThreadsWhenTheMachineRecovers() throws {
        var chooser = try #require(BLASThreadChooser(threads: 2))
        _ = run(&chooser, steps: 2_000) { $0 == 2 ? 2.2 : 1.0 }
        #expect(chooser.chosenThreads == 1)
        _ = run(&chooser, steps: 300) { $0 == 2 ? 0.5 : 1.0 }
        #expect(chooser.chosenThreads == 2, "within one settled phase on one thread and a trial")
    }

    @Test func warmUpStepsAreNotTimedAndTiesKeepTheChoice() throws {
        // Each trial's first steps are very slow, its timed steps faster: the warm-up must not count.
        var chooser = try #require(BLASThreadChooser(threads: 2))
        var trialStep = 0
        _ = run(&chooser, steps: 200) { threads in
            guard threads == 1 else { trialStep = 0; return 1.0 }
            trialStep += 1
            return trialStep <= BLASThreadChooser.warmUpSteps ? 50 : 0.5
        }
        #expect(chooser.chosenThreads == 1)
        // Equal times leave it where it is.
        var tied = try #require(BLASThreadChooser(threads: 2))
        _ = run(&tied, steps: 5_000) { _ in 1.0 }
        #expect(tied.chosenThreads == 2)
    }
}
