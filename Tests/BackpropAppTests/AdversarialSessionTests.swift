import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

@Suite("GAN lab: the session on its own thread, the field and loss views")
struct AdversarialSessionTests {
    /// A small GAN that trains quickly: 300 generator steps.
    static var configuration: GANConfiguration {
        var configuration = GANPreset.gan2D.configuration
        configuration.hidden = [16]
        configuration.epochs = 3
        configuration.stepsPerEpoch = 100
        return configuration
    }

    /// Polls `session` until `condition` holds of its snapshot (at most 20 s).
    static func waitFor(_ session: AdversarialSession, _ condition: (AdversarialSnapshot) -> Bool) -> AdversarialSnapshot {
        let deadline = Date().addingTimeInterval(20)
        while true {
            let snapshot = session.latest().snapshot
            if condition(snapshot) || Date() > deadline { return snapshot }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    @Test func aPausedSessionShowsTheFieldAndPointsBeforeTraining() {
        let session = AdversarialSession(configuration: Self.configuration, seed: 3)
        defer { session.stop() }
        let snapshot = Self.waitFor(session) { $0.state == .paused }
        #expect(snapshot.state == .paused && snapshot.step == 0)
        let picture = try! #require(snapshot.picture)
        #expect(picture.discriminatorField.columns == AdversarialPicture.fieldColumns)
        #expect(picture.discriminatorField.values.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(picture.realPoints.count == 2 * AdversarialPicture.realSamples)
        #expect(picture.generatedPoints.count == 2 * AdversarialPicture.generatedSamples)
        #expect(snapshot.coverage?.modes == 8)
    }

    @Test func playTrainsToTheLastStepAndRecordsBothLosses() {
        let session = AdversarialSession(configuration: Self.configuration, seed: 3)
        defer { session.stop() }
        _ = Self.waitFor(session) { $0.state == .paused }
        let before = session.latest().snapshot.picture
        session.send(.play)
        let snapshot = Self.waitFor(session) { $0.state == .finished }
        #expect(snapshot.state == .finished && snapshot.step == 300)
        #expect(snapshot.generatorLossHistory.latest?.step == 300 && snapshot.discriminatorLossHistory.latest?.step == 300)
        #expect(snapshot.generatorLoss != nil && snapshot.discriminatorLoss != nil)
        // Training moved the generated points and the field (the same noise draws them).
        #expect(snapshot.picture != before)
    }

    @Test func theWatchPaceKeepsTheStepRateAndStepTakesOne() {
        let session = AdversarialSession(configuration: Self.configuration, seed: 3, pace: .watch)
        defer { session.stop() }
        _ = Self.waitFor(session) { $0.state == .paused }
        session.send(.step)
        let stepped = Self.waitFor(session) { $0.step == 1 }
        #expect(stepped.step == 1 && stepped.state == .paused)
        let started = Date()
        session.send(.play)
        let finished = Self.waitFor(session) { $0.state == .finished }
        let seconds = Date().timeIntervalSince(started)
        // 299 steps at 250 a second: about 1.2 s, never the ~0.2 s this small GAN takes at full speed.
        #expect(finished.step == 300 && seconds > 0.9, "\(seconds) s")
        session.send(.cyclePace)
        #expect(Self.waitFor(session) { $0.pace == .fast }.pace == .fast)
        // Slow gives under one step a frame: the steps still come, about 30 a second.
        session.send(.cyclePace)
        session.send(.cyclePace)
        session.send(.reset)
        _ = Self.waitFor(session) { $0.pace == .slow && $0.step == 0 && $0.state == .paused }
        session.send(.play)
        Thread.sleep(forTimeInterval: 1)
        let slow = session.latest().snapshot.step
        #expect((15...45).contains(slow), "\(slow) steps in a second at slow")
    }

    @Test func wSavesBothNetworksWithTheirSettingsAndSaysWhere() throws {
        let folder = NSTemporaryDirectory() + "gan-save-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = Self.configuration
        configuration.discriminatorSteps = 3
        let session = AdversarialSession(configuration: configuration, seed: 3)
        defer { session.stop() }
        _ = Self.waitFor(session) { $0.state == .paused }
        session.send(.step)
        session.send(.save(folder: folder))
        let saved = Self.waitFor(session) { !$0.message.isEmpty }
        #expect(saved.message.hasPrefix("saved " + folder), "\(saved.message)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1 && files[0].hasPrefix("gan-2d-ring-step1-"), "\(files)")
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + files[0]))
        let tensors = try Safetensors.decode(data, source: files[0])
        #expect(tensors.keys.contains("generator.0.weight") && tensors.keys.contains("discriminator.2.bias"), "\(tensors.keys.sorted())")
        let metadata = try Safetensors.metadata(of: data, source: files[0])
        #expect(metadata["settings"]?.contains("d_steps=3") == true && metadata["steps"] == "1", "\(metadata)")
    }

    /// A claim's goal epochs: the first epoch that meets it, or with `at_end` the last alone.
    @Test func aClaimRecordFindsTheGoalsEpochAndAtEndLooksAtTheLastOnly() throws {
        var configuration = Self.configuration
        configuration.epochs = 3
        configuration.stepsPerEpoch = 20
        let record = try AdversarialClaimRecord(configuration: configuration, seed: 3)
        #expect(record.epochs.map(\.epoch) == [1, 2, 3] && record.start.generatorLoss == nil)
        let always = LabGoal(metric: "modes_covered", comparison: .atLeast, threshold: 0, limits: GoalLimits(), line: 1)
        let atEnd = LabGoal(metric: "modes_covered", comparison: .atLeast, threshold: 0, limits: GoalLimits(atEnd: true), line: 1)
        #expect(record.firstEpochMeeting(always, upTo: .end) == 1)
        #expect(record.firstEpochMeeting(atEnd, upTo: .end) == 3)
        #expect(record.firstEpochMeeting(atEnd, upTo: .epoch(2)) == nil)
        #expect(record.value(of: "discriminator_loss", at: .epoch(2)) == Double("\(record.epochs[1].metrics.discriminatorLoss!)"))
    }

    @Test func learningRatesChangeLiveAndOtherSettingsStartANewRun() {
        let session = AdversarialSession(configuration: Self.configuration, seed: 3)
        defer { session.stop() }
        _ = Self.waitFor(session) { $0.state == .paused }
        session.send(.play)
        _ = Self.waitFor(session) { $0.step >= 20 }
        session.send(.pause)
        let paused = Self.waitFor(session) { $0.state == .paused }
        var faster = Self.configuration
        faster.generatorLearningRate = 0.004
        session.send(.configure(faster))
        let live = Self.waitFor(session) { $0.configuration == faster }
        #expect(live.step == paused.step && live.configuration.generatorLearningRate == 0.004)
        var wider = faster
        wider.latentSize = 2
        session.send(.configure(wider))
        let rebuilt = Self.waitFor(session) { $0.configuration == wider && $0.state == .paused }
        #expect(rebuilt.step == 0 && rebuilt.generatorLossHistory.isEmpty)
    }

    @Test func fieldViewDrawsTheMapWithRealAndGeneratedPointsAt80x24() throws {
        let session = AdversarialSession(configuration: Self.configuration, seed: 3)
        defer { session.stop() }
        let snapshot = Self.waitFor(session) { $0.picture != nil }
        // The lab pane at 80x24 once the knobs' column is taken: about 50 x 20.
        var buffer = CellBuffer(width: 50, height: 20)
        AdversarialViews.field(snapshot, in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let text = buffer.lines.joined(separator: "\n")
        #expect(text.contains("▀") && text.contains("○") && text.contains("●"))
        #expect(buffer.lines[0].contains("/8 modes"))
        var plain = CellBuffer(width: 50, height: 20)
        AdversarialViews.field(snapshot, in: plain.bounds, buffer: &plain, theme: .monochrome)
        let marks = plain.lines.joined()
        #expect(marks.contains("o") && marks.contains("x"))
    }

    @Test func lossViewShowsBothCurvesAndTheBalanceLine() {
        var snapshot = AdversarialSnapshot(configuration: Self.configuration, pace: .watch)
        for step in 1...50 {
            snapshot.discriminatorLossHistory.append(step: step, value: 0.7 - 0.002 * Double(step))
            snapshot.generatorLossHistory.append(step: step, value: 0.7 + 0.004 * Double(step))
        }
        snapshot.discriminatorLoss = 0.6
        snapshot.generatorLoss = 0.9
        var buffer = CellBuffer(width: 50, height: 14)
        AdversarialViews.losses(snapshot, in: buffer.bounds, buffer: &buffer, theme: .dark256)
        let text = buffer.lines.joined(separator: "\n")
        #expect(buffer.lines[0].contains("L_D 0.6") && buffer.lines[0].contains("L_G 0.9"))
        #expect(text.contains("ln 2"))
    }
}
