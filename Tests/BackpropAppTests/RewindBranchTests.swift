@testable import BackpropApp
import Foundation
import Testing

/// Rewinding a live run and branching from a checkpoint, through the session the screens use.
@Suite struct RewindBranchTests {
    /// Waits until `condition` holds for the session's latest snapshot (or 60 s pass).
    static func wait(_ session: TrainingSession, until condition: (SessionSnapshot) -> Bool) -> SessionSnapshot {
        let deadline = Date().addingTimeInterval(60)
        var snapshot = session.latest().snapshot
        while !condition(snapshot) && Date() < deadline {
            usleep(2_000)
            snapshot = session.latest().snapshot
        }
        return snapshot
    }

    static func finished(_ extra: [String]) throws -> (TrainingSession, SessionSnapshot) {
        var configuration = Preset.spiral.configuration
        for setting in ["epochs=40", "dropout=0.1"] + extra { try configuration.apply(setting) }
        let session = TrainingSession(configuration: configuration, seed: 3, pace: .full)
        // The health view records: rewinding probes the model at each checkpoint, which must
        // leave the branch the same run.
        session.send(.record([.probes, .health]))
        session.send(.play)
        return (session, wait(session) { $0.state == .finished })
    }

    /// A branch with nothing changed repeats the original run: the same epoch losses, bit for
    /// bit, from the checkpoint to the end.
    @Test func aBranchWithNothingChangedIsTheOriginalRun() throws {
        let (session, original) = try Self.finished([])
        defer { session.stop() }
        let steps = original.checkpointSteps
        #expect(steps.count >= 8 && steps.count <= CheckpointTimeline.capacity && steps.first == 0, "\(steps)")
        let branchStep = steps[steps.count / 2]
        session.send(.rewind(toStep: branchStep))
        let rewound = Self.wait(session) { $0.rewoundStep == branchStep }
        #expect(rewound.step == branchStep && rewound.trainLossHistory.last?.step == original.step, "the curves stay whole while rewound")
        #expect(!rewound.probes.isEmpty && rewound.probes.map(\.gradientHistogram) != original.probes.map(\.gradientHistogram),
                "the health view describes the rewound model")
        session.send(.play)
        let branch = Self.wait(session) { $0.state == .finished && $0.rewoundStep == nil }
        #expect(branch.step == original.step)
        #expect(branch.testLossHistory.map(\.value) == original.testLossHistory.map(\.value), "validation losses bit for bit")
        // Every epoch's training loss and accuracies too (the curves' points inside an epoch
        // are taken by the clock, so they are compared through the epochs' own figures).
        #expect(branch.recentEpochs == original.recentEpochs)
    }

    /// A branch with a higher learning rate goes elsewhere after the checkpoint, and returning
    /// without branching puts the run back where it stood.
    @Test func aBranchWithAnotherRateDivergesAndReturningRestoresTheEnd() throws {
        let (session, original) = try Self.finished([])
        defer { session.stop() }
        let branchStep = original.checkpointSteps[2]
        session.send(.rewind(toStep: branchStep))
        _ = Self.wait(session) { $0.rewoundStep == branchStep }
        session.send(.returnToEnd)
        let back = Self.wait(session) { $0.rewoundStep == nil }
        #expect(back.step == original.step && back.testLoss == original.testLoss && back.trainLoss == original.trainLoss,
                "the run's own figures come back with its weights")
        session.send(.rewind(toStep: branchStep))
        _ = Self.wait(session) { $0.rewoundStep == branchStep }
        var faster = original.configuration
        try faster.apply("lr=0.2")
        session.send(.configure(faster))
        session.send(.play)
        let branch = Self.wait(session) { $0.state == .finished || $0.state != .running && $0.step > branchStep + 50 }
        #expect(branch.testLossHistory.last?.value != original.testLossHistory.last?.value)
        #expect(branch.checkpointSteps.filter { $0 <= branchStep } == original.checkpointSteps.filter { $0 <= branchStep })
    }
}

extension RewindBranchTests {
    /// However long the run, at most 32 checkpoints, the start among them, spread over it all.
    @Test func theTimelineStaysBoundedAndSpreadOverTheRun() throws {
        var configuration = Preset.playground.configuration
        try configuration.apply("epochs=400")
        let trainer = try RunBuilder.prepare(configuration, seed: 1).trainer
        var timeline = CheckpointTimeline()
        timeline.record(trainer)
        while trainer.hasEpochsLeft {
            trainer.trainStep()
            timeline.record(trainer)
        }
        let steps = timeline.steps
        #expect(steps.count <= CheckpointTimeline.capacity && steps.count >= CheckpointTimeline.capacity / 2, "\(steps.count) kept")
        #expect(steps.first == 0 && (steps.last ?? 0) >= trainer.step - 2 * timeline.interval, "\(steps) of \(trainer.step)")
        #expect(timeline.byteCount <= CheckpointTimeline.capacity * (try #require(trainer.checkpoint())).byteCount)
        timeline.dropAfter(step: steps[5])
        #expect(timeline.steps == Array(steps.prefix(6)))
    }
}

extension RewindBranchTests {
    /// The timeline's keys: it opens before the current step, says where the oldest
    /// checkpoint is, branches with Space (keeping the run as it stood), and closes on a reset.
    @Test func theTimelineKeys() {
        var snapshot = SessionSnapshot(configuration: Preset.spiral.configuration)
        snapshot.step = 45
        snapshot.checkpointSteps = [0, 10, 20, 40]
        var control = RewindControl()
        #expect(control.toggle(SessionSnapshot(configuration: Preset.spiral.configuration)).notice.hasPrefix("no checkpoint"))
        #expect(control.toggle(snapshot).outcome == .send(.rewind(toStep: 40)))
        #expect(control.handle(.right, snapshot: snapshot)?.notice.hasPrefix("step 40 is the newest") == true)
        for step in [20, 10, 0] { #expect(control.handle(.left, snapshot: snapshot)?.outcome == .send(.rewind(toStep: step))) }
        #expect(control.handle(.left, snapshot: snapshot)?.notice == "step 0 is the oldest checkpoint kept")
        #expect(control.handle(.character("+"), snapshot: snapshot) == nil, "other keys go to the screen: a knob can change")
        let branch = control.handle(.character(" "), snapshot: snapshot)
        #expect(branch?.outcome == .send(.togglePlay) && branch?.keepsReference == true && !control.isOpen)
        _ = control.toggle(snapshot)
        #expect(control.handle(.character("r"), snapshot: snapshot) == nil && !control.isOpen, "a reset closes the timeline")
    }
}
