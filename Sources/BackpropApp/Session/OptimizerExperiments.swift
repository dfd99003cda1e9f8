import BackpropData
import BackpropEngine
import BackpropWidgets

/// What the activations and optimizers lessons' views show beside the run: results of
/// side experiments the trainer thread runs with the engine, copied into each snapshot.
public struct OptimizerExperiments: Sendable {
    /// One optimizer's walk over the loss surface.
    public struct SurfacePath: Sendable {
        public var kind: OptimizerKind
        public var points: [(x: Float, y: Float)]
        public var hasDiverged: Bool
    }

    /// One optimizer's short run on the lab's network: train loss after each epoch.
    public struct RaceCurve: Sendable {
        public var kind: OptimizerKind
        public var losses: [SeriesPoint]
        public var hasDiverged: Bool
    }

    /// The learning-rate range test so far.
    public struct RangeTest: Sendable {
        public var rates: [Float]
        /// Smoothed loss per step taken (fewer than `rates` while it runs or once it blew up).
        public var losses: [Float]
        public var suggestedRate: Float?
        public var isFinished: Bool
    }

    public var deadUnits: [DeadUnitCount] = []
    /// The surface the race runs on, its learning rate, and each optimizer's path so far.
    public var surface = OptimizerExperiments.raceSurface
    public var surfaceLearningRate: Float = 0
    public var surfacePaths: [SurfacePath] = []
    public var surfaceSteps = 0
    /// Curves of the network race, or empty before Enter starts it.
    public var raceCurves: [RaceCurve] = []
    /// Why the race did not start: its trainers would not fit in the memory budget.
    public var raceRefusal: String?
    public var raceEpochs = 0
    /// The learning rate the curves were raced at: the knob may have moved since.
    public var raceLearningRate: Float = 0
    public var rangeTest: RangeTest?
    /// Optimizer steps in the whole run, for the schedule view.
    public var totalSteps = 0

    public init() {}

    /// What a side experiment is doing while the lab's own run may be paused, for the
    /// status line ("racing"), or nil when none is running.
    public var activity: String? {
        if raceCurves.contains(where: { !$0.hasDiverged && $0.losses.count < raceEpochs }) { return "racing" }
        if let rangeTest, !rangeTest.isFinished { return "range test running" }
        if surfacePaths.contains(where: { !$0.hasDiverged && $0.points.count <= OptimizerExperiments.raceSteps }) { return "racing" }
        return nil
    }

    /// Rosenbrock's valley with k = 10: curved and narrow enough that the optimizers part
    /// ways, shallow enough that the adaptive ones cross it at the same learning rates.
    public static let raceSurface = LossSurface.rosenbrock(k: 10)
    public static let raceStart: (x: Float, y: Float) = (-1.5, 2)
    public static let raceMinimum: (x: Float, y: Float) = (1, 1)
    public static let raceXRange: ClosedRange<Double> = -2...2
    public static let raceYRange: ClosedRange<Double> = -1...3
    public static let raceSteps = 200
    /// The surface race's learning rates, chosen with the view's control.
    public static let raceLearningRates: [Float] = [0.01, 0.02, 0.03, 0.05, 0.1, 0.3]
    /// Who races, in legend order.
    public static let racers: [OptimizerKind] = [.sgd, .momentum, .nesterov, .adagrad, .rmsprop, .adam]
    /// The range test sweeps this range of rates in `rangeTestSteps` steps.
    public static let rangeTestRates: ClosedRange<Float> = 1e-5...10
    public static let rangeTestSteps = 250
    /// Dead units are counted over at most this many training samples, a few times a second
    /// while training: all of a Playground set, a bounded cost on a large one.
    public static let deadUnitSamples = 4096
}

/// The trainer thread's side of `OptimizerExperiments`: starts each experiment when its
/// view asks (shown, control moved, Enter) and advances the running ones a slice at a time,
/// so the views fill in live while the learner watches.
final class OptimizerExperimentsWorker {
    private(set) var state = OptimizerExperiments()
    /// The network race's pace, the session's: every racer takes one step per paced step,
    /// so the curves grow together as fast as the run itself would train.
    var pace = SessionPace(.watch)
    private var descents: [SurfaceDescent] = []
    private var raceTrainers: [(kind: OptimizerKind, trainer: Trainer)] = []
    private var rangeTest: LearningRateRangeTest?
    /// When the dead units are counted again (each count runs up to 4096 samples forward).
    private var deadUnitSchedule = CaptureSchedule(interval: 0.25)

    /// Whether an experiment still has steps to run (the trainer thread then keeps waking).
    var hasWork: Bool {
        descents.contains { !$0.hasDiverged && $0.path.count <= OptimizerExperiments.raceSteps }
            || raceTrainers.contains { isRacing($0.trainer) }
            || rangeTest.map { !$0.isFinished } ?? false
    }

    /// Brings the experiments in line with the views recorded (`views`) and shown (`shown`):
    /// measures dead units, starts the surface race once it is on screen (again, when its
    /// learning rate changed or on Enter), and starts the network race or the range test on
    /// Enter. `actions` loses what it used.
    func update(views: SessionViews, shown: SessionViews, controls: [String: Int], actions: inout Set<String>, trainer: Trainer,
                configuration: RunConfiguration, seed: UInt64, training: Bool, now: Double = monotonicSeconds()) {
        state.totalSteps = trainer.totalSteps
        if !views.contains(.deadUnits) {
            state.deadUnits = []
            deadUnitSchedule.reset()
        } else if deadUnitSchedule.isDue(step: trainer.step, settings: ["trainer": ObjectIdentifier(trainer).hashValue],
                                         training: training, now: now) {
            state.deadUnits = trainer.deadUnits(in: trainer.data.train, sampleLimit: OptimizerExperiments.deadUnitSamples)
        }
        if shown.contains(.surfaceRace) {
            let rates = OptimizerExperiments.raceLearningRates
            let rate = rates[min(max(controls[LabView.surface.rawValue] ?? 0, 0), rates.count - 1)]
            if descents.isEmpty || rate != state.surfaceLearningRate || actions.remove(LabView.surface.rawValue) != nil {
                startSurfaceRace(learningRate: rate)
            }
        }
        if views.contains(.optimizerRace), actions.remove(LabView.race.rawValue) != nil {
            startNetworkRace(configuration, data: trainer.data, seed: seed)
        }
        if views.contains(.rangeTest), actions.remove(LabView.rangeTest.rawValue) != nil {
            startRangeTest(configuration, data: trainer.data, seed: seed)
        }
    }

    /// Runs the unfinished experiments for about `seconds`, then copies their state.
    func advance(seconds: Double) {
        let started = monotonicSeconds()
        // The surface race moves at the lab's pace like a training run: one step of every
        // optimizer per tick, so at watch pace its 200 steps take ten seconds to follow.
        while descents.contains(where: { !$0.hasDiverged && $0.path.count <= OptimizerExperiments.raceSteps }),
              monotonicSeconds() - started < seconds, pace.delayBeforeNextStep(now: monotonicSeconds()) == 0 {
            for descent in descents where descent.path.count <= OptimizerExperiments.raceSteps { descent.step() }
            pace.tookStep(now: monotonicSeconds())
        }
        // The network race: one step of each optimizer in turn at the pace, so the curves
        // grow together and a large dataset's epoch never holds up the trainer thread.
        while raceTrainers.contains(where: { isRacing($0.trainer) }), monotonicSeconds() - started < seconds,
              pace.delayBeforeNextStep(now: monotonicSeconds()) == 0 {
            for (index, racer) in raceTrainers.enumerated() where isRacing(racer.trainer) {
                if let report = racer.trainer.trainStep() {
                    state.raceCurves[index].losses.append(SeriesPoint(step: report.epoch, value: Double(report.trainLoss)))
                }
                state.raceCurves[index].hasDiverged = racer.trainer.divergence != nil
            }
            pace.tookStep(now: monotonicSeconds(), stepsPerEpoch: raceTrainers[0].trainer.stepsPerEpoch)
        }
        while let test = rangeTest, !test.isFinished, monotonicSeconds() - started < seconds { test.step() }
        copySurfacePaths()
        if let test = rangeTest {
            state.rangeTest = OptimizerExperiments.RangeTest(rates: test.rates, losses: test.losses,
                                                             suggestedRate: test.suggestedRate, isFinished: test.isFinished)
        }
    }

    private func isRacing(_ trainer: Trainer) -> Bool {
        trainer.divergence == nil && trainer.epoch < state.raceEpochs
    }

    private func startSurfaceRace(learningRate: Float) {
        state.surfaceLearningRate = learningRate
        descents = OptimizerExperiments.racers.map { kind in
            SurfaceDescent(surface: OptimizerExperiments.raceSurface, kind: kind, learningRate: learningRate, start: OptimizerExperiments.raceStart)
        }
        copySurfacePaths()
    }

    private func copySurfacePaths() {
        state.surfacePaths = descents.map { OptimizerExperiments.SurfacePath(kind: $0.kind, points: $0.path, hasDiverged: $0.hasDiverged) }
        state.surfaceSteps = (descents.map(\.path.count).max() ?? 1) - 1
    }

    /// One trainer per optimizer on the lab's data, each built from the same seed so every
    /// racer starts from the same weights and sees the same batches.
    private func startNetworkRace(_ configuration: RunConfiguration, data: DataSplit, seed: UInt64) {
        // A restarted race replaces the old one: its racers go before the check counts resident memory.
        raceTrainers = []
        // Six more trainers beside the lab's own, checked against the budget like the lab. The
        // lab's run and data are already in the process's resident memory; the racers share the data.
        do {
            try configuration.checkMemory(splitsBatches: false, views: ViewMemory(
                recordsViews: true, companionTrainers: OptimizerExperiments.racers.count), runIsResident: true)
            state.raceRefusal = nil
        } catch {
            state.raceRefusal = "\(error)"
            return
        }
        raceTrainers = OptimizerExperiments.racers.compactMap { kind in
            var racer = configuration
            racer.optimizer = kind
            var random = RandomGenerator(seed: seed)
            guard let trainer = try? RunBuilder.makeTrainer(racer, data: data, random: &random) else { return nil }
            return (kind, trainer)
        }
        state.raceEpochs = configuration.epochs
        state.raceLearningRate = configuration.optimizerSettings.learningRate
        state.raceCurves = raceTrainers.map { OptimizerExperiments.RaceCurve(kind: $0.kind, losses: [], hasDiverged: false) }
    }

    /// A fresh network from the lab's seed, trained at exponentially growing rates.
    private func startRangeTest(_ configuration: RunConfiguration, data: DataSplit, seed: UInt64) {
        var random = RandomGenerator(seed: seed)
        guard let trainer = try? RunBuilder.makeTrainer(configuration, data: data, random: &random) else { return }
        let bounds = OptimizerExperiments.rangeTestRates
        rangeTest = LearningRateRangeTest(trainer: trainer, rates: LearningRateRangeTest.rates(
            from: bounds.lowerBound, to: bounds.upperBound, steps: OptimizerExperiments.rangeTestSteps))
        state.rangeTest = nil
    }
}
