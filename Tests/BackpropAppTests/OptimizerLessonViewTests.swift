import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Testing
@testable import BackpropApp

/// The views of lessons 3 and 5, drawn from a real session's snapshots at the smallest
/// terminal (80x24, the lab pane flipped onto the whole screen) and a large one.
@Suite struct OptimizerLessonViewTests {
    /// Runs a session with `views` shown, sends `commands`, and returns the first snapshot
    /// for which `isReady` holds (or the last one after ten seconds).
    func snapshot(_ configuration: RunConfiguration, views: SessionViews, commands: [SessionCommand],
                  until isReady: (SessionSnapshot) -> Bool) -> SessionSnapshot {
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show(views))
        for command in commands { session.send(command) }
        let deadline = Date().addingTimeInterval(10)
        var snapshot = session.latest().snapshot
        while !isReady(snapshot) && Date() < deadline {
            usleep(5_000)
            snapshot = session.latest().snapshot
        }
        return snapshot
    }

    /// The lesson's screen at `page` with the views focused (at 80x24 that flips to the lab).
    func screen(_ id: String, page: Int) throws -> LessonScreen {
        let lesson = try #require(ShippedLessonTests.reports().compactMap(\.lesson).first { $0.id == id })
        var screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
        _ = screen.handle(.tab)
        if screen.lab?.hasUnlockedKnobs == true { _ = screen.handle(.tab) }
        return screen
    }

    func render(_ screen: LessonScreen, _ snapshot: SessionSnapshot, width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        screen.render(snapshot, into: &buffer, theme: .monochrome)
        print(buffer.text)
        return buffer
    }

    @Test func activationFunctionsStepWithTheControl() throws {
        var screen = try screen("activations", page: 0)
        let configuration = try #require(screen.runConfiguration)
        let snapshot = SessionSnapshot(configuration: configuration)
        #expect(render(screen, snapshot, width: 80, height: 24).text.contains("Activation: ReLU · 1/7"))
        for _ in 0..<4 { _ = screen.handle(.right) }
        let sigmoid = render(screen, snapshot, width: 80, height: 24)
        #expect(sigmoid.text.contains("Activation: Sigmoid · 5/7") && sigmoid.text.contains("f'(x)"))
        #expect(screen.handle(.right) == .send(.viewControl(view: "functions", value: 5)))
        _ = screen.handle(.right)
        let large = render(screen, snapshot, width: 200, height: 50)
        #expect(large.text.contains("Activation: Softmax · 7/7") && large.text.contains("∂s₁/∂z₁"))
    }

    @Test func softmaxCurvesComeFromTheEngineLayer() {
        let (values, derivatives) = ActivationPlotView.curves(of: .softmax)
        let middle = values.count / 2  // z₁ = 0 against logits 1 and −1
        let expected = 1 / (1 + exp(1.0) + exp(-1.0))
        #expect(abs(values[middle].y - expected) < 1e-5)
        #expect(abs(derivatives[middle].y - expected * (1 - expected)) < 1e-5, "the Jacobian's diagonal is s(1 − s)")
        let (relu, slope) = ActivationPlotView.curves(of: .elementWise(.relu))
        #expect(relu.first?.y == 0 && relu.last?.y == 4 && slope.first?.y == 0 && slope.last?.y == 1)
    }

    @Test func deadUnitsAreCountedPerLayerAfterATooLargeRate() throws {
        let screen = try screen("activations", page: 5)
        var configuration = try #require(screen.runConfiguration)
        try configuration.apply("lr=3")
        #expect(screen.visibleViews(width: 80, height: 24).contains(.deadUnits))
        let snapshot = snapshot(configuration, views: screen.visibleViews(width: 80, height: 24),
                                commands: Array(repeating: .step, count: 30)) { $0.step >= 30 }
        let counts = snapshot.experiments.deadUnits
        #expect(counts.count == 8 && counts.allSatisfy { $0.units == 8 })
        #expect(counts.reduce(0) { $0 + $1.dead } > 0, "a learning rate of 3 kills ReLU units")
        let small = render(screen, snapshot, width: 80, height: 24)
        for count in counts { #expect(small.text.contains("dead: \(count.dead)/8"), "every layer's row fits at 80x24") }
        #expect(render(screen, snapshot, width: 200, height: 50).text.contains("in all"))
    }

    @Test func theSurfaceRaceAnimatesAndItsControlChangesTheRate() throws {
        var screen = try screen("optimizers", page: 0)
        let configuration = try #require(screen.runConfiguration)
        let views = screen.visibleViews(width: 80, height: 24)
        #expect(views.contains(.surfaceRace))
        // At watch pace (20 steps a second) the race is still under way after a second.
        let started = monotonicSeconds()
        let watched = snapshot(configuration, views: views, commands: [.setPace(.watch)]) { _ in monotonicSeconds() - started > 1 }
        #expect((1..<OptimizerExperiments.raceSteps / 2).contains(watched.experiments.surfaceSteps), "\(watched.experiments.surfaceSteps) steps")
        let finished = snapshot(configuration, views: views, commands: [.setPace(.full)]) { $0.experiments.surfaceSteps == OptimizerExperiments.raceSteps }
        #expect(finished.experiments.surfaceLearningRate == 0.01 && finished.experiments.surfacePaths.count == 6)
        let small = render(screen, finished, width: 80, height: 24)
        #expect(small.text.contains("Rosenbrock race · lr 0.01 · step 200/200"))
        for name in ["S sgd", "M momentum", "N nesterov", "G adagrad", "R rmsprop", "A adam"] {
            #expect(small.text.contains(name), "the legend names \(name) at 80x24")
        }
        #expect(render(screen, finished, width: 200, height: 50).text.contains("A adam"))

        let command = screen.handle(.right)
        #expect(command == .send(.viewControl(view: "surface", value: 1)))
        guard case .send(let control) = command else { return }
        let faster = snapshot(configuration, views: views, commands: [.setPace(.full), control]) {
            $0.experiments.surfaceLearningRate == 0.02 && $0.experiments.surfaceSteps == OptimizerExperiments.raceSteps
        }
        #expect(faster.experiments.surfaceLearningRate == 0.02, "moving the control restarts the race at the next rate")
    }

    @Test func theNetworkRaceTrainsEveryOptimizerFromOneSeed() throws {
        let screen = try screen("optimizers", page: 3)
        var configuration = try #require(screen.runConfiguration)
        try configuration.apply("epochs=3")
        let views = screen.visibleViews(width: 80, height: 24)
        let raced = snapshot(configuration, views: views, commands: [.viewAction(view: "race")]) { snapshot in
            !snapshot.experiments.raceCurves.isEmpty && snapshot.experiments.raceCurves.allSatisfy { $0.losses.count == 3 }
        }
        let curves = raced.experiments.raceCurves
        #expect(curves.map(\.kind) == OptimizerExperiments.racers)
        #expect(curves.allSatisfy { $0.losses.map(\.step) == [1, 2, 3] })
        #expect(Set(curves.map { $0.losses[0].value }).count == 6, "each optimizer takes its own steps")
        let small = render(screen, raced, width: 80, height: 24)
        #expect(small.text.contains("Optimizer race") && small.text.contains("sgd ") && small.text.contains("adam "))
        #expect(render(screen, raced, width: 200, height: 50).text.contains("rmsprop "))
    }

    @Test func aResetClearsTheExperimentsOfTheOldModel() throws {
        let screen = try screen("optimizers", page: 5)
        let configuration = try #require(screen.runConfiguration)
        let session = TrainingSession(configuration: configuration, seed: 1)
        defer { session.stop() }
        session.send(.show(screen.visibleViews(width: 80, height: 24)))
        session.send(.viewAction(view: "range-test"))
        func wait(until isReady: (SessionSnapshot) -> Bool) -> SessionSnapshot {
            let deadline = Date().addingTimeInterval(10)
            var snapshot = session.latest().snapshot
            while !isReady(snapshot) && Date() < deadline {
                usleep(5_000)
                snapshot = session.latest().snapshot
            }
            return snapshot
        }
        #expect(wait { $0.experiments.rangeTest?.isFinished == true }.experiments.rangeTest != nil)
        session.send(.reset)
        let reset = wait { $0.message.hasPrefix("reset") && $0.state != .preparing }
        #expect(reset.message.hasPrefix("reset"))
        #expect(reset.experiments.rangeTest == nil, "the sweep ran on the old model's weights")
    }

    @Test func theRangeTestSweepsTheRatesAndSuggestsOne() throws {
        let screen = try screen("optimizers", page: 5)
        let configuration = try #require(screen.runConfiguration)
        let views = screen.visibleViews(width: 80, height: 24)
        let tested = snapshot(configuration, views: views, commands: [.viewAction(view: "range-test")]) { $0.experiments.rangeTest?.isFinished == true }
        let test = try #require(tested.experiments.rangeTest)
        #expect(test.rates.count == OptimizerExperiments.rangeTestSteps && test.rates.first == 1e-5)
        #expect(test.losses.count > 10 && test.losses.count <= test.rates.count)
        let suggested = try #require(test.suggestedRate)
        let small = render(screen, tested, width: 80, height: 24)
        #expect(small.text.contains("suggested lr " + CompactNumber.format(Double(suggested))))
        #expect(small.text.contains("learning rate (log)"))
        #expect(render(screen, tested, width: 200, height: 50).text.contains("▼"))
    }

    @Test func theScheduleViewPlotsTheRunsSchedule() throws {
        var screen = try screen("optimizers", page: 6)
        _ = screen.handle(.backTab)
        _ = screen.handle(.down)
        // The schedule knob has the focus: → steps it from constant to step decay.
        guard case .send(.configure(let configuration)) = screen.handle(.right) else {
            Issue.record("the schedule knob did not change the configuration")
            return
        }
        #expect(configuration.schedule == .stepDecay(every: 400, gamma: 0.5))
        let snapshot = snapshot(configuration, views: screen.visibleViews(width: 200, height: 50), commands: []) { $0.experiments.totalSteps > 0 }
        #expect(snapshot.experiments.totalSteps == 60 * 40, "60 epochs of 400 training points in batches of 10")
        let large = render(screen, snapshot, width: 200, height: 50)
        #expect(large.text.contains("LR schedule: step:400:0.5"))
        _ = screen.handle(.tab)
        #expect(render(screen, snapshot, width: 80, height: 24).text.contains("now"))
        let curve = ScheduleView.curve(configuration.schedule, base: 0.03, totalSteps: 2400)
        #expect(abs((curve.first?.y ?? 0) - 0.03) < 1e-6 && abs((curve.last?.y ?? 0) - 0.03 * pow(0.5, 5)) < 1e-6)
    }
}

extension OptimizerLessonViewTests {
    @Test func everyScheduleKnobValueAppliesAsTheScheduleItNames() throws {
        for schedule in PlaygroundKnobs.schedules + [.warmup(steps: 50), .warmupCosine(steps: 100)] {
            var configuration = Preset.spiral.configuration
            try configuration.apply("schedule=" + PlaygroundKnobs.scheduleName(schedule))
            #expect(configuration.schedule == schedule)
        }
        let knob = try #require(LabKnobs.knobs(for: Preset.fashionMLP.configuration).first { $0.id == "schedule" })
        #expect(knob.selectedOption == "onecycle")
    }
}
