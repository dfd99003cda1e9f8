import BackpropEngine
import BackpropLessons
import Foundation
import Testing
@testable import BackpropApp

/// A real model on a real trainer thread, driven through the session's mailbox.
@Suite("Training session")
struct TrainingSessionTests {
    /// Polls the latest snapshot until `condition` holds or the deadline passes.
    func waitFor(_ session: TrainingSession, seconds: Double = 10, _ condition: (SessionSnapshot) -> Bool) -> SessionSnapshot {
        let deadline = Date().addingTimeInterval(seconds)
        var snapshot = session.latest().snapshot
        while !condition(snapshot) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        return snapshot
    }

    func configuration(_ settings: [String] = []) throws -> RunConfiguration {
        var configuration = try #require(Preset.named("playground")).configuration
        for assignment in settings { try configuration.apply(assignment) }
        return configuration
    }

    @Test func playsStepsAndResets() throws {
        let session = TrainingSession(configuration: try configuration(), seed: 3)
        defer { session.stop() }
        let first = waitFor(session) { $0.boundaryColumns > 0 }
        #expect(first.state == .paused && first.step == 0 && first.parameterCount == 25)

        session.send(.step)
        let stepped = waitFor(session) { $0.step == 1 }
        #expect(stepped.step == 1 && stepped.state == .paused)

        session.send(.play)
        let playing = waitFor(session) { $0.epoch >= 3 }
        #expect(playing.epoch >= 3)
        #expect(!playing.trainLossHistory.isEmpty)

        session.send(.pause)
        let paused = waitFor(session) { $0.state == .paused }
        usleep(100_000)
        #expect(session.latest().snapshot.step == paused.step, "paused means no more steps")

        session.send(.play)
        _ = waitFor(session) { $0.state == .running }
        session.send(.reset)
        let reset = waitFor(session) { $0.step == 0 && $0.state != .preparing }
        #expect(reset.step == 0 && reset.epoch == 0 && reset.message.contains("reset"))
        usleep(200_000)
        #expect(session.latest().snapshot.step == 0 && session.latest().snapshot.state == .paused,
                "a reset waits for Space, so 'r, then Space' starts the run")

        let started = Date()
        session.stop()
        session.stop()
        #expect(Date().timeIntervalSince(started) < 1, "a second stop returns at once")
    }

    @Test func learningRateChangesLiveAndArchitectureRebuilds() throws {
        var configuration = try configuration()
        let session = TrainingSession(configuration: configuration, seed: 3)
        defer { session.stop() }
        session.send(.step)
        _ = waitFor(session) { $0.step == 1 }
        configuration.learningRate = 0.3
        session.send(.configure(configuration))
        let live = waitFor(session) { $0.learningRate == 0.3 }
        #expect(live.step == 1 && live.message == "applied live")
        // Early stopping decides from the first epoch which weights to keep: a new patience
        // is a new run, as the lesson's "rebuilt, so press Space again" says.
        configuration.earlyStopPatience = 5
        session.send(.configure(configuration))
        let stopping = waitFor(session) { $0.configuration.earlyStopPatience == 5 && $0.state != .preparing }
        #expect(stopping.step == 0 && stopping.message == "rebuilt the model")
        configuration.hidden = [3]
        session.send(.configure(configuration))
        let rebuilt = waitFor(session) { $0.layerSizes == [2, 3, 1] }
        #expect(rebuilt.step == 0 && rebuilt.parameterCount == 13)
        // The message about the change is read by the time the learner presses Space.
        session.send(.reset)
        #expect(!waitFor(session) { $0.message.hasPrefix("reset") }.message.isEmpty)
        session.send(.play)
        let playing = waitFor(session) { $0.state == .running || $0.step > 0 }
        #expect(playing.message.isEmpty, "\(playing.message)")
    }

    @Test func computesOnlyTheViewsShown() throws {
        let session = TrainingSession(configuration: try configuration(["dataset=spiral", "classes=3", "loss=cross_entropy"]), seed: 3)
        defer { session.stop() }
        session.send(.step)
        let all = waitFor(session) { $0.step == 1 && !$0.probes.isEmpty }
        #expect(all.neuronOutputs.map(\.count) == [2, 4, 2, 3], "inputs, each hidden layer, three outputs")
        #expect(all.neuronOutputs[1][0].columns == 10)
        #expect(all.confusion.count == 3 && all.confusion.joined().reduce(0, +) == all.testPoints.count)
        #expect(all.boundaryClasses.count == all.boundary.count && Set(all.boundaryClasses).isSubset(of: [0, 1, 2]))

        session.send(.show([]))
        let none = waitFor(session) { $0.views.isEmpty }
        #expect(none.neuronOutputs.isEmpty && none.confusion.isEmpty && none.probes.isEmpty)
        #expect(!none.boundary.isEmpty, "the decision boundary is always drawn")
    }

    @Test func recordsUpdateRatiosOnlyWhileTheHealthViewIsShown() throws {
        let session = TrainingSession(configuration: try configuration(["hidden=4,4"]), seed: 3)
        defer { session.stop() }
        session.send(.step)
        let unasked = waitFor(session) { $0.step == 1 && !$0.probes.isEmpty }
        #expect(unasked.updateRatioHistory.isEmpty, "no update ratios until the health view asks")
        #expect(unasked.probes.allSatisfy { $0.log10UpdateToDataRatio == nil })

        session.send(.show([.probes, .health]))
        session.send(.step)
        session.send(.step)
        let health = waitFor(session) { $0.step == 3 }
        #expect(health.updateRatioHistory.count == 3, "one history per Dense layer")
        #expect(health.updateRatioHistory.allSatisfy { $0.points.map(\.step) == [2, 3] })
        #expect(health.updateRatioHistory.allSatisfy { $0.points.allSatisfy { $0.value.isFinite && $0.value < 0 } })
        #expect(health.probes.allSatisfy { $0.log10UpdateToDataRatio != nil })

        session.send(.play)
        let played = waitFor(session) { $0.epoch >= 2 }
        #expect((played.updateRatioHistory.first?.points.count ?? 0) > 2)
        #expect((played.updateRatioHistory.first?.points.count ?? 0) <= TrainingRecorder.updateRatioCapacity)
        session.send(.pause)
        session.send(.show([.probes]))
        let hidden = waitFor(session) { $0.state == .paused && $0.views == [.probes] }
        session.send(.step)
        let after = waitFor(session) { $0.step == hidden.step + 1 }
        #expect(after.updateRatioHistory.first?.latest?.step == hidden.updateRatioHistory.first?.latest?.step,
                "hidden, the health view records nothing")
        #expect(after.probes.allSatisfy { $0.log10UpdateToDataRatio == nil })
    }

    @Test func divergencePausesWithTheStepAndCause() throws {
        let session = TrainingSession(configuration: try configuration(["dataset=reg-gauss", "lr=10"]), seed: 1)
        defer { session.stop() }
        session.send(.play)
        let diverged = waitFor(session) { if case .diverged = $0.state { return true } else { return false } }
        guard case .diverged(let why) = diverged.state else {
            Issue.record("lr 10 on reg-gauss should diverge, got \(diverged.state)")
            return
        }
        #expect(why.contains("diverged at step") && why.contains("learning rate"))
        session.send(.play)
        usleep(100_000)
        #expect(session.latest().snapshot.step == diverged.step, "a diverged run stays paused")
    }

    @Test func aLongEpochDrawsItsTrainingLossBeforeItEnds() throws {
        // Fashion-MNIST one image at a time: an epoch of 60,000 steps, long in any build.
        var fashion = try #require(Preset.named("fashion-mlp")).configuration
        try fashion.apply("batch=1")
        let session = TrainingSession(configuration: fashion, seed: 1)
        defer { session.stop() }
        session.send(.setPace(.full))
        session.send(.play)
        let drawn = waitFor(session, seconds: 30) { $0.trainLossHistory.count >= 2 }
        #expect(drawn.trainLossHistory.count >= 2 && drawn.epoch == 0, "points inside the first epoch, not only at its end")
        #expect(drawn.testLossHistory.isEmpty, "validation is measured at the epoch's end only")
    }
}
