import BackpropData
@testable import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

/// Lesson 9's views: what the trainer thread captures for them, and how they draw.
@Suite struct RecurrentViewTests {
    func screen(page: Int) throws -> LessonScreen {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == "recurrent" })
        return LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
    }

    @Test func addingSampleTraceAndGradientPerStep() throws {
        var configuration = Preset.addingRNN.configuration
        for setting in ["delay=12", "hidden=8", "limit=200"] { try configuration.apply(setting) }
        let trainer = try RunBuilder.prepare(configuration, seed: 1).trainer
        let capture = RecurrentViewCapture()
        var snapshot = RecurrentSnapshot()
        let views: SessionViews = [.unrolledTrace, .gateTrace, .stepGradients, .generatedWords]
        capture.capture(trainer, configuration: configuration, views: views, controls: [:], into: &snapshot)
        #expect(snapshot.stepGradientNorms.isEmpty, "no step has recorded gradients yet")
        trainer.trainStep()
        capture.capture(trainer, configuration: configuration, views: views, controls: ["unrolled": 3], into: &snapshot)
        #expect(snapshot.stepGradientNorms.count == 12 && snapshot.gradientStep == 1)
        // The loss is at the last step only: the gradient there is the largest and shrinks going back.
        #expect(snapshot.stepGradientNorms.last! > snapshot.stepGradientNorms.first!)
        let unrolled = try #require(snapshot.unrolled)
        #expect(unrolled.index == 3 && unrolled.labels.count == 12 && unrolled.trace.hidden.count == 12)
        #expect(unrolled.markedSteps.count == 2 && unrolled.markedSteps.allSatisfy { unrolled.labels[$0].hasPrefix("▶") })
        #expect(unrolled.summary.hasPrefix("sum "))
        #expect(snapshot.gates?.index == 0 && snapshot.generated.isEmpty, "no words to sample on the adding problem")
        // Hidden, no recording: the view costs nothing when not shown.
        capture.capture(trainer, configuration: configuration, views: [], controls: [:], into: &snapshot)
        #expect((trainer.network.layers[0] as? Recurrent)?.recordsStepGradientNorms == false)
    }

    /// Words are sampled every few seconds while training; once the run stops they come
    /// from the weights it stopped with, not from a sampling seconds older.
    @Test func samplesFollowTheWeightsOnceTrainingStops() throws {
        var configuration = Preset.wordsRNN.configuration
        for setting in ["hidden=8", "limit=200"] { try configuration.apply(setting) }
        let trainer = try RunBuilder.prepare(configuration, seed: 1).trainer
        let capture = RecurrentViewCapture()
        var snapshot = RecurrentSnapshot()
        capture.capture(trainer, configuration: configuration, views: [.generatedWords], controls: [:], training: true, into: &snapshot)
        #expect(snapshot.samplingStep == 0 && !snapshot.generated.isEmpty)
        trainer.trainStep()
        trainer.trainStep()
        capture.capture(trainer, configuration: configuration, views: [.generatedWords], controls: [:], training: true, into: &snapshot)
        #expect(snapshot.samplingStep == 0, "while training, words are drawn every few seconds")
        capture.capture(trainer, configuration: configuration, views: [.generatedWords], controls: [:], training: false, into: &snapshot)
        #expect(snapshot.samplingStep == 2)
    }

    @Test func copySampleShowsTheAnswersAtTheRecallSteps() throws {
        var configuration = Preset.copyLSTM.configuration
        for setting in ["delay=4", "hidden=8", "limit=100"] { try configuration.apply(setting) }
        let trainer = try RunBuilder.prepare(configuration, seed: 1).trainer
        var snapshot = RecurrentSnapshot()
        RecurrentViewCapture().capture(trainer, configuration: configuration, views: .gateTrace, controls: [:], into: &snapshot)
        let sample = try #require(snapshot.gates)
        #expect(sample.labels.count == 10 && sample.labels[7] == "?" && sample.labels[3] == "·")
        #expect(sample.predictions.prefix(7).allSatisfy(\.isEmpty) && sample.predictions.suffix(3).allSatisfy { $0.count == 1 })
        #expect(sample.summary.hasPrefix("recall "))
        #expect(Set(sample.trace.gates.keys) == ["forget", "input", "output"] && sample.trace.cellState.count == 10)
    }

    @Test func validationWordsAreSplitAtTheEndOfWord() throws {
        let words = WordList(trainWords: ["ab", "ba", "abc"], validationWords: ["cab", "a", "bb"])
        let sequences = try CharacterSequences(words: words, length: 3)
        // The stream ⏎ c a b ⏎ a ⏎ b b ⏎ in windows of three; the last partial window is cut.
        #expect(RecurrentViewCapture.words(in: sequences.split.validation) == [[3, 1, 2], [1], [2, 2]])
    }

    @Test func unrolledAndGradientViewsAt200x50And80x24() throws {
        var screen = try screen(page: 2)
        let configuration = try #require(screen.runConfiguration)
        let views = screen.visibleViews(width: 200, height: 50)
        #expect(views.contains(.stepGradients) && views.contains(.unrolledTrace))
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show(views))
        for _ in 0..<3 { session.send(.step) }
        let deadline = Date().addingTimeInterval(10)
        var snapshot = session.latest().snapshot
        while (snapshot.step < 3 || snapshot.recurrent.stepGradientNorms.isEmpty) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        var large = CellBuffer(width: 200, height: 50)
        screen.render(snapshot, into: &large, theme: .monochrome)
        #expect(large.text.contains("‖∂L/∂h_t‖ per step") && large.text.contains("t=0 / t="))
        #expect(large.text.contains("─▶[RNN]┐") && large.text.contains("─▶[RNN]┘"))
        #expect(large.text.contains("▶."), "a marked step of the adding problem is in sight")
        screen.fit(width: 80, height: 24)
        _ = screen.handle(.tab)
        var small = CellBuffer(width: 80, height: 24)
        screen.render(snapshot, into: &small, theme: .monochrome)
        #expect(small.text.contains("‖∂L/∂h_t‖"))
    }

    @Test func samplesGatesAndPlaceholdersDraw() {
        var snapshot = SessionSnapshot(configuration: Preset.wordsRNN.configuration)
        var buffer = CellBuffer(width: 40, height: 6)
        RecurrentViews.gates(snapshot, suffix: "", in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[1].contains("gate values per step appear here"))
        snapshot.recurrent.generated = ["cat", "", "dogged"]
        snapshot.recurrent.temperature = 0.5
        snapshot.recurrent.samplingStep = 40
        buffer = CellBuffer(width: 40, height: 5)
        RecurrentViews.samples(snapshot, suffix: "", in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[0].hasPrefix("╭ Generated words · temperature 0.5 ─"))
        #expect(buffer.lines[1...3] == ["│after step 40:                        │", "│cat  ⏎  dogged                        │",
                                        "│                                      │"])
        snapshot.recurrent.gates = TracedSample(index: 0, count: 5, labels: ["a"], predictions: [],
                                                trace: RecurrentTrace(cell: .rnn, hidden: [[0]], gates: [:], cellState: []), summary: "\"a\"")
        buffer = CellBuffer(width: 60, height: 3)
        RecurrentViews.gates(snapshot, suffix: "", in: buffer.bounds, buffer: &buffer, theme: .monochrome)
        #expect(buffer.lines[1].contains("a plain RNN has no gates"))
    }

    @Test func baselineGoalMetricAndCatalog() throws {
        var snapshot = SessionSnapshot(configuration: Preset.wordsLSTM.configuration)
        snapshot.testLoss = 2
        #expect(GoalCheck.value(of: GoalCheck.baselineMetric, in: snapshot) == nil, "no baseline, no value")
        snapshot.baselineValidationLoss = 2.5
        #expect(GoalCheck.value(of: GoalCheck.baselineMetric, in: snapshot) == 0.8)
        let catalog = AppLabCatalog()
        let words = try catalog.configure(preset: "words-lstm", settings: []).get()
        #expect(words.metrics.contains(GoalCheck.baselineMetric) && words.views.contains("samples") && words.views.contains("step_gradients"))
        let adding = try catalog.configure(preset: "adding-rnn", settings: []).get()
        #expect(!adding.metrics.contains(GoalCheck.baselineMetric) && !adding.views.contains("samples") && adding.views.contains("gates"))
        #expect(LabView.temperature(control: LabView.samples.initialControlValue) == 1)
    }

    @Test func recurrentLabKnobsChangeTheCellTheDelayAndTheCarriedState() throws {
        var configuration = Preset.copyRNN.configuration
        try configuration.apply("delay=30")
        var knobs = LabKnobs.knobs(for: configuration)
        let ids = knobs.map(\.id)
        #expect(ids.contains("cell") && ids.contains("delay") && ids.contains("clip") && !ids.contains("tbptt"))
        let cell = try #require(knobs.firstIndex { $0.id == "cell" }), delay = try #require(knobs.firstIndex { $0.id == "delay" })
        #expect(knobs[delay].selectedOption == "30", "the copy task's own delay")
        knobs[cell] = knobs[cell].increased()
        knobs[delay] = knobs[delay].increased()
        let changed = try PlaygroundKnobs.configuration(from: knobs, base: configuration).get()
        #expect(changed.sequence.cell == .lstm && changed.sequence.copy.delay == 40)
        var words = LabKnobs.knobs(for: Preset.wordsGRU.configuration)
        let carry = try #require(words.firstIndex { $0.id == "tbptt" })
        #expect(!words.contains { $0.id == "delay" })
        words[carry] = words[carry].increased()
        #expect(try PlaygroundKnobs.configuration(from: words, base: Preset.wordsGRU.configuration).get().sequence.truncatedBPTT)
    }
}
