import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation

/// A lesson lab run the way the app runs it, without a terminal: the lesson screen at a
/// terminal size chooses the run, its pace and the views to record and show; a
/// `TrainingSession` trains; every new snapshot is observed and drawn into a cell buffer,
/// as the UI thread does. `backprop bench --labs` and `--ui-ratio` time labs with it.
struct LabTrial {
    /// "07-initialization.md p3": the lesson file and the page (from 1) of the lab.
    let name: String
    private var screen: LessonScreen
    private let width: Int
    private let height: Int
    private(set) var configuration: RunConfiguration

    /// What a trial measured.
    struct Outcome {
        var pace: Pace
        /// Seconds and steps from Space until the goal was first met (nil: no goal, or not met).
        var secondsToGoal: Double?
        var stepsToGoal: Int?
        /// Seconds and steps from Space until the training loss had made `mostlyFallen` of
        /// its fall from its first to its lowest value in the trial (nil: it never fell).
        var secondsToLossFall: Double?
        var stepsToLossFall: Int?
        var seconds: Double
        var steps: Int
        var finished: Bool
    }

    /// The share of its fall after which a loss counts as "mostly fallen".
    static let mostlyFallen = 0.8
    /// How often the trial looks for a new snapshot, as the UI does while training.
    static let pollInterval = 0.03

    /// The lab shown beside `page` of `lesson` on a `width` x `height` terminal (nil when none).
    init?(lesson: Lesson, page: Int, width: Int, height: Int) {
        var screen = LessonScreen(lesson: lesson, page: page, progress: LessonProgress())
        screen.fit(width: width, height: height)
        guard let configuration = screen.runConfiguration else { return nil }
        self.screen = screen
        self.width = width
        self.height = height
        self.configuration = configuration
        name = "\((lesson.file as NSString).lastPathComponent) p\(page + 1)"
    }

    /// The same lab trained past its last epoch until stopped: a throughput measurement
    /// lasts as long as asked, however short the lab's own run.
    var withoutStop: LabTrial {
        var trial = self
        trial.configuration.runsWithoutStop = true
        return trial
    }

    /// Every lab of `lessons`, once each, at the page that defines it.
    static func all(in lessons: [Lesson], width: Int, height: Int) -> [LabTrial] {
        lessons.flatMap { lesson in
            lesson.pages.indices.filter { lesson.pages[$0].lab != nil }.compactMap { LabTrial(lesson: lesson, page: $0, width: width, height: height) }
        }
    }

    /// Presses Space on the lab (at `pace`, else the lab's own) and watches it until its goal
    /// is met (when `stopsAtGoal`), its run ends, or `limit` seconds pass. `draws`: each new
    /// snapshot is drawn, as the UI thread does (else only observed).
    func run(pace: Pace? = nil, limit: Double, stopsAtGoal: Bool, draws: Bool = true, seed: UInt64 = 1) -> Outcome {
        var screen = screen
        let chosenPace = pace ?? screen.defaultPace
        let session = TrainingSession(configuration: configuration, seed: seed, pace: chosenPace)
        defer { session.stop() }
        session.send(.record(screen.offeredViews))
        session.send(.show(screen.visibleViews(width: width, height: height)))
        while session.latest().snapshot.state == .preparing || session.latest().version == 0 { Thread.sleep(forTimeInterval: Self.pollInterval) }
        let goal = screen.lab?.lab.goal
        session.send(.play)
        let started = monotonicSeconds()
        var losses: [LossPoint] = []
        var outcome = Outcome(pace: chosenPace, seconds: 0, steps: 0, finished: false)
        var seenVersion = -1
        var frame = CellBuffer(width: width, height: height)
        let theme = Theme.dark256
        while true {
            let (snapshot, version) = session.latest()
            let now = monotonicSeconds() - started
            if version != seenVersion {
                seenVersion = version
                screen.observe(snapshot)
                if draws { screen.render(snapshot, into: &frame, theme: theme) }
                if let loss = snapshot.trainLoss, loss.isFinite { losses.append(LossPoint(seconds: now, step: snapshot.step, loss: Double(loss))) }
                if outcome.secondsToGoal == nil, let goal, GoalCheck.isMet(goal, by: snapshot) {
                    outcome.secondsToGoal = now
                    outcome.stepsToGoal = snapshot.step
                }
                outcome.steps = snapshot.step
                switch snapshot.state {
                case .finished, .diverged, .failed: outcome.finished = true
                default: break
                }
            }
            outcome.seconds = now
            if outcome.finished || now >= limit || (stopsAtGoal && outcome.secondsToGoal != nil) { break }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
        let fall = Self.mostlyFallen(losses)
        outcome.secondsToLossFall = fall?.seconds
        outcome.stepsToLossFall = fall?.step
        return outcome
    }

    /// Trains the lab at pace full for `seconds`, then rewinds to each checkpoint kept, newest
    /// first: for each, the seconds from the command to the rewound model's frame drawn (the
    /// trainer restoring it and recomputing the views, the screen drawing them), and the
    /// memory the checkpoints held.
    func rewindTimes(trainingSeconds seconds: Double) -> (times: [Double], checkpointBytes: Int, steps: Int) {
        var screen = screen
        let session = TrainingSession(configuration: configuration, seed: 1, pace: .full)
        defer { session.stop() }
        session.send(.record(screen.offeredViews))
        session.send(.show(screen.visibleViews(width: width, height: height)))
        while session.latest().snapshot.state == .preparing || session.latest().version == 0 { Thread.sleep(forTimeInterval: Self.pollInterval) }
        session.send(.play)
        Thread.sleep(forTimeInterval: seconds)
        session.send(.pause)
        var trained = session.latest().snapshot
        while trained.state == .running { Thread.sleep(forTimeInterval: Self.pollInterval); trained = session.latest().snapshot }
        var frame = CellBuffer(width: width, height: height)
        var times: [Double] = []
        for step in trained.checkpointSteps.reversed() where step < trained.step {
            let started = monotonicSeconds()
            session.send(.rewind(toStep: step))
            var snapshot = session.latest().snapshot
            while snapshot.rewoundStep != step {
                Thread.sleep(forTimeInterval: 0.0005)
                snapshot = session.latest().snapshot
            }
            screen.observe(snapshot)
            screen.render(snapshot, into: &frame, theme: .dark256)
            times.append(monotonicSeconds() - started)
        }
        return (times, trained.checkpointBytes, trained.step)
    }

    /// A training loss seen at `seconds` after Space, at training step `step`.
    struct LossPoint {
        var seconds: Double
        var step: Int
        var loss: Double
    }

    /// The first point of `losses` that came `mostlyFallen` of the way from the first to the lowest.
    static func mostlyFallen(_ losses: [LossPoint]) -> LossPoint? {
        guard let first = losses.first?.loss, let lowest = losses.map(\.loss).min(), lowest < first else { return nil }
        let line = first - mostlyFallen * (first - lowest)
        return losses.first { $0.loss <= line }
    }

    /// Steps per second of the lab's model trained directly on the trainer, as fast as it
    /// goes for `seconds`, with no session, views or screen.
    func headlessStepsPerSecond(seconds: Double, seed: UInt64 = 1) throws -> Double {
        let trainer = try RunBuilder.prepare(configuration, seed: seed).trainer
        let started = monotonicSeconds()
        var steps = 0
        while monotonicSeconds() - started < seconds, trainer.divergence == nil, configuration.hasEpochsLeft(after: trainer.epoch) {
            trainer.trainStep()
            steps += 1
        }
        return Double(steps) / (monotonicSeconds() - started)
    }
}
