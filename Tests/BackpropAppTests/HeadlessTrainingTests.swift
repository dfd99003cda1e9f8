import BackpropEngine
import Foundation
import Testing
@testable import BackpropApp

@Suite("Headless training")
struct HeadlessTrainingTests {
    func train(_ preset: String, _ settings: [String] = [], seed: UInt64 = 1) throws -> RunSummary {
        var configuration = try #require(Preset.named(preset)).configuration
        for assignment in settings { try configuration.apply(assignment) }
        var training = HeadlessTraining(run: try RunBuilder.prepare(configuration, seed: seed))
        training.showsProgress = false
        return training.execute()
    }

    @Test func xorReachesFullTrainingAccuracy() throws {
        let summary = try train("xor")
        #expect(summary.trainAccuracy == 1)
        #expect(summary.diverged == false)
    }

    @Test func spiralReachesNinetySevenPercent() throws {
        let summary = try train("spiral")
        #expect(try #require(summary.trainAccuracy) >= 0.97)
    }

    @Test func playgroundDefaultsLearnTheCircle() throws {
        let summary = try train("playground")
        #expect(try #require(summary.valAccuracy) >= 0.95)
        #expect(summary.parameters == 25, "2-4-2-1: 12 + 10 + 3")
    }

    @Test func sameSeedGivesIdenticalMetrics() throws {
        let settings = ["epochs=5", "dropout=0.2", "noise=20"]
        var first = try train("spiral", settings, seed: 9)
        var second = try train("spiral", settings, seed: 9)
        // Time and the process's memory are measurements of the machine, not of the run.
        first.seconds = 0; second.seconds = 0
        first.samplesPerSecond = 0; second.samplesPerSecond = 0
        first.estimatedPeakBytes = 0; second.estimatedPeakBytes = 0
        first.peakResidentBytes = nil; second.peakResidentBytes = nil
        #expect(first == second)
        var other = try train("spiral", settings, seed: 10)
        other.seconds = 0; other.samplesPerSecond = 0
        other.estimatedPeakBytes = 0; other.peakResidentBytes = nil
        #expect(other != first)
    }

    @Test func regressionReportsNullAccuracy() throws {
        let summary = try train("playground", ["dataset=reg-plane", "epochs=3"])
        #expect(summary.trainAccuracy == nil)
        #expect(summary.json.contains("\"val_accuracy\":null"))
    }

    @Test func aHugeLearningRateDivergesCleanly() throws {
        let summary = try train("playground", ["dataset=reg-gauss", "lr=10", "epochs=50"])
        #expect(summary.diverged)
        #expect(summary.divergence?.contains("learning rate") == true)
        #expect(summary.json.contains("\"diverged\":true"))
        #expect(summary.epochs < 50)
        #expect(summary.samplesPerSecond < 1e8, "throughput counts the diverging epoch's time")
    }

    @Test func everyOptimizerAndScheduleTrains() throws {
        for optimizer in OptimizerKind.allCases {
            let summary = try train("xor", ["optimizer=\(optimizer.rawValue)", "epochs=3", "schedule=cosine"])
            #expect(summary.diverged == false, "\(optimizer)")
            #expect(summary.trainLoss.map { $0.isFinite } == true, "\(optimizer)")
        }
    }

    @Test func aWordModelBeatsTheBigramBaseline() throws {
        // 20,000 words, one epoch: about 80 batches of 32 sequences of 64 characters.
        let summary = try train("words-lstm", ["limit=20000", "epochs=1"])
        let baseline = try #require(summary.baselineValLoss)
        #expect(baseline > 2 && baseline < 3.5, "bigram loss in nats per character: \(baseline)")
        #expect(try #require(summary.valLoss) < Float(baseline))
        #expect(summary.tokensPerSecond.map { $0 > 0 } == true)
    }

    @Test(arguments: ["words-rnn", "words-gru", "adding-rnn", "adding-lstm"])
    func sequencePresetsTrain(_ preset: String) throws {
        let summary = try train(preset, ["limit=2000", "epochs=1", "seq_len=16"])
        #expect(summary.diverged == false)
        #expect(summary.valLoss.map { $0.isFinite } == true)
    }

    @Test func theCopyTaskCountsTokensOfItsOwnLength() throws {
        let configuration = Preset.copyLSTM.configuration
        let summary = try train("copy-lstm", ["limit=200", "epochs=1"])
        let tokens = try #require(summary.tokensPerSecond)
        // 3 symbols, the delay's blanks, the cue and the recall: not seq_len's 64.
        #expect(abs(tokens - summary.samplesPerSecond * Double(configuration.sequence.copy.length)) <= 1e-9 * tokens)
        #expect(configuration.sequence.copy.length != configuration.sequence.length)
        #expect(SettingKey.sequenceLength.irrelevance(for: configuration) != nil, "seq_len would be accepted and ignored")
    }

    @Test func attentionLearnsToReverseEverySequence() throws {
        // 5,000 training sequences of eight digits, the preset's eight epochs.
        let summary = try train("reverse-attention", ["limit=5000"])
        #expect(summary.valSequenceAccuracy == 1, "\(summary.json)")
        #expect(summary.json.contains("\"val_sequence_accuracy\":1"))
    }

    @Test func sampledWordsUseTheVocabulary() throws {
        var configuration = try #require(Preset.named("words-gru")).configuration
        try configuration.apply("limit=3000")
        let run = try RunBuilder.prepare(configuration, seed: 2)
        _ = run.trainer.trainEpoch()
        var random = RandomGenerator(seed: 1)
        let characters = run.trainer.data.classNames
        for _ in 0..<5 {
            let word = WordSampler.word(trainer: run.trainer, characters: characters, length: 64, temperature: 0.8, random: &random)
            #expect(word.allSatisfy { characters.contains(String($0)) } && !word.contains("⏎"), "\(word)")
        }
    }

    @Test func savedWeightsLoadBackIdentically() throws {
        let configuration = try #require(Preset.named("xor")).configuration
        let run = try RunBuilder.prepare(configuration, seed: 3)
        _ = run.trainer.trainEpoch()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-test-\(getpid()).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Safetensors.write(run.trainer.network.stateDict, to: path)
        let other = try RunBuilder.prepare(configuration, seed: 4)
        try other.trainer.network.load(stateDict: Safetensors.read(from: path), source: path)
        #expect(other.trainer.network.stateDict == run.trainer.network.stateDict)
        #expect(other.trainer.network.stateDict["0.weight"]?.shape == [8, 2], "PyTorch's [out, in] layout")
        let mismatched = try RunBuilder.prepare(configuration.with("hidden=3"), seed: 4)
        #expect(throws: SafetensorsError.self) { try mismatched.trainer.network.load(stateDict: Safetensors.read(from: path), source: path) }
    }
}

extension RunConfiguration {
    func with(_ assignment: String) throws -> RunConfiguration {
        var copy = self
        try copy.apply(assignment)
        return copy
    }
}
