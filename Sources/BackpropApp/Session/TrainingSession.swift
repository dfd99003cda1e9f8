import BackpropData
import BackpropEngine
import BackpropLessons
import BackpropWidgets
import Foundation
import Synchronization

/// A model training on its own thread. The UI thread posts commands and reads the latest
/// snapshot; the trainer thread applies commands between steps and publishes snapshots at
/// most every `publishInterval` seconds. Paused, the trainer thread sleeps on a semaphore.
public final class TrainingSession: Sendable {
    /// Samples evaluated for the losses shown before the first epoch ends: all of a small
    /// set, a prefix of a large one, so a new model on the word list shows in a moment.
    static let evaluationLimit = 2048

    fileprivate let mailbox: SessionMailbox<SessionSnapshot, SessionCommand>
    /// Seconds between snapshots while running at a live pace (~30 frames per second; at
    /// full pace, `Pace.snapshotInterval`).
    public static let publishInterval = Pace.watch.snapshotInterval

    /// A session for `configuration`, paused, that trains at `pace` once played.
    public init(configuration: RunConfiguration, seed: UInt64, pace: Pace = .watch) {
        var first = SessionSnapshot(configuration: configuration)
        first.pace = pace
        // Nothing is loaded until the trainer thread has built the run.
        first.state = .preparing
        mailbox = SessionMailbox(snapshot: first)
        let worker = SessionWorker(configuration: configuration, seed: seed, pace: pace, session: self)
        let thread = Thread { worker.runLoop() }
        thread.name = "backprop-trainer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues a command for the trainer thread and wakes it.
    public func send(_ command: SessionCommand) { mailbox.send(command) }

    /// The latest snapshot and its version (which changes with every publication).
    public func latest() -> (snapshot: SessionSnapshot, version: Int) { mailbox.latest() }

    /// Stops the trainer thread and waits for it (up to `timeout` seconds); see `SessionMailbox.stop`.
    public func stop(timeout: Double = 2) { mailbox.stop(sending: .quit, timeout: timeout) }

    /// Trainer threads that did not stop within their bounded wait. With any left, the
    /// process must end with `_exit`: the normal exit runs OpenBLAS's shutdown, which joins its
    /// worker threads and hangs (or crashes) while a trainer is still inside a BLAS call.
    public static let unfinishedThreads = Atomic<Int>(0)
}

/// The trainer thread's side: owns the trainer and everything it touches.
private final class SessionWorker: @unchecked Sendable {
    private var configuration: RunConfiguration
    private var seed: UInt64
    /// Strong: `stop` waits only so long, and a worker still busy after it (a slow model on
    /// a loaded machine) must find its session alive when it next publishes. No cycle: the
    /// session does not hold the worker, and the thread lets go of it when its loop returns.
    private let session: TrainingSession
    private var prepared: PreparedRun?
    private var snapshot: SessionSnapshot
    private var running = false
    private var pace: SessionPace
    /// Until the screen says what it shows. `.all` leaves out `.health`: its update ratios
    /// cost a copy of the weights every step and are measured only when asked for.
    private var views = SessionViews.all
    /// The views the screen offers, shown or not: their series are recorded while training
    /// so that a view opened after the run shows all of it.
    private var recorded: SessionViews = []
    /// The series recorded after each step (update ratios, probes).
    private var recorder = TrainingRecorder()
    /// Checkpoints for rewinding, and while rewound, the run as it stood before.
    private var timeline = CheckpointTimeline()
    private var beforeRewind: TrainerCheckpoint?
    /// The figures the snapshot showed before rewinding, shown again on returning.
    private var figuresBeforeRewind: SessionSnapshot?
    /// The latest value of each lab view's own control, by view name.
    private var viewControls: [String: Int] = [:]
    /// View actions asked for since the views last ran, by view name.
    private var pendingViewActions: Set<String> = []
    /// The activations and optimizers lessons' side experiments; a rebuilt model starts
    /// them afresh (a race run on the old configuration would no longer describe the lab).
    private var experiments = OptimizerExperimentsWorker()
    /// The training sample the graph view follows; Enter on the view moves to the next one.
    private var graphSample = 0
    /// Whether the walk-through's first point has been picked for this model.
    private var graphSampleChosen = false
    /// When the attention views are copied again.
    private var attentionSchedule = CaptureSchedule(interval: AttentionCapture.interval)
    /// The comparison view's second model while it trains (nil otherwise).
    private var comparisonTrainer: Trainer?
    /// Grid inputs for the current features, kept until the features change.
    private var gridCache: (features: [InputFeature], boundary: [Float], neurons: [Float])?
    private var testInputs: [Float] = []
    private var testLabels: [Int] = []
    private var recurrentCapture = RecurrentViewCapture()
    private var autoencoderCapture = AutoencoderCapture()
    private let convolutionViews = ConvolutionViewCapture()
    static let boundarySize = 48
    static let neuronGridSize = 10

    init(configuration: RunConfiguration, seed: UInt64, pace: Pace, session: TrainingSession) {
        self.configuration = configuration
        self.seed = seed
        self.session = session
        self.pace = SessionPace(pace)
        snapshot = SessionSnapshot(configuration: configuration)
        experiments.pace = SessionPace(pace)
    }

    /// The lab's own training speed, shown in its status bar.
    private var throughput = ThroughputMeter()

    /// What the trainer computes: the views on screen and those recorded in the background.
    private var computed: SessionViews { views.union(recorded) }

    func runLoop() {
        rebuild(message: "")
        publish()
        while true {
            for command in session.mailbox.takeCommands() {
                if command == .quit {
                    session.mailbox.markFinished()
                    return
                }
                apply(command)
            }
            // A paused run's next rate starts when it trains again.
            if !running { throughput.reset() }
            if experiments.hasWork {
                experiments.advance(seconds: TrainingSession.publishInterval / 2)
                // While training, the publish after the training slice below shows it.
                if !running { publish() }
            }
            if advanceComparison() { continue }
            if running, let trainer = prepared?.trainer {
                let wait = pace.delayBeforeNextStep(now: monotonicSeconds())
                if wait > 0 {
                    // Ahead of the live pace: sleep, but wake at once for a command.
                    session.mailbox.waitForCommand(seconds: wait)
                    continue
                }
                trainFor(seconds: pace.pace.snapshotInterval, trainer)
                throughput.note(samples: trainer.samplesSeen, at: monotonicSeconds())
                snapshot.samplesPerSecond = throughput.samplesPerSecond ?? 0
                publish()
            } else if experiments.hasWork {
                session.mailbox.waitForCommand(seconds: TrainingSession.publishInterval)
            } else {
                session.mailbox.waitForCommand()
            }
        }
    }

    private func apply(_ command: SessionCommand) {
        let wasRunning = running
        // Training from a rewound checkpoint branches there.
        if beforeRewind != nil, [.play, .togglePlay, .step].contains(command), canTrain { branchHere() }
        switch command {
        case .play: running = canTrain
        case .pause: running = false
        case .togglePlay: running = !running && canTrain
        case .step:
            running = false
            if canTrain, let trainer = prepared?.trainer {
                let report = trainer.trainStep(measureGradientNorm: true)
                timeline.record(trainer)
                recorder.recordStep(trainer, recording: computed, endedEpoch: report != nil, everyStep: true)
                evaluateIfNeeded(trainer)
                if report != nil { noteEarlyStop(trainer) }
            }
        // A reset or new data waits for Space, so "press r, then Space" starts the run whether
        // or not the old one was still training (as TensorFlow Playground's reset does).
        case .reset:
            rebuild(message: "reset: the same starting weights (g for new ones)")
            running = false
        case .regenerate:
            seed &+= 1
            rebuild(message: "regenerated the data (seed \(seed))")
            running = false
        case .configure(let newConfiguration): reconfigure(newConfiguration)
        case .show(let newViews):
            views = newViews
            prepared?.trainer.tracksUpdateRatios = computed.contains(.health)
        case .record(let newViews):
            recorded = newViews
            prepared?.trainer.tracksUpdateRatios = computed.contains(.health)
        case .cyclePace: setPace(pace.pace.next)
        case .setPace(let newPace): setPace(newPace)
        case .viewControl(let view, let value):
            viewControls[view] = value
            for linked in LabView(rawValue: view)?.viewsSharingControl ?? [] { viewControls[linked.rawValue] = value }
        case .viewAction(let view): pendingViewActions.insert(view)
        case .save(let folder):
            if let trainer = prepared?.trainer {
                snapshot.message = ModelSaving.save(trainer, configuration: configuration, seed: seed, in: folder)
            }
        case .exportPyTorch(let folder):
            if let prepared {
                let exported = ModelSaving.exportPyTorch(prepared, configuration: configuration, in: folder)
                snapshot.message = exported.message
                if var script = exported.script {
                    script.number = (snapshot.pytorchScript?.number ?? 0) + 1
                    snapshot.pytorchScript = script
                }
            }
        case .rewind(let step): rewind(to: step)
        case .returnToEnd: returnToEnd()
        case .quit: break
        }
        // A message about the last change ("reset: the same starting weights…") has been read
        // once the learner starts training: it would otherwise stay beside the whole run.
        if running && !wasRunning { snapshot.message = "" }
        publish()
    }

    // MARK: Rewinding and branching

    /// Puts the model back to the checkpoint at `step`, keeping the run as it stood to return
    /// to; the figures are measured again on the restored weights.
    private func rewind(to step: Int) {
        guard let trainer = prepared?.trainer, let checkpoint = timeline.checkpoint(at: step) else {
            snapshot.message = "no checkpoint at step \(step)"
            return
        }
        if beforeRewind == nil {
            guard let now = trainer.checkpoint() else {
                snapshot.message = "this run cannot rewind in the middle of an epoch"
                return
            }
            beforeRewind = now
            figuresBeforeRewind = snapshot
        }
        running = false
        do {
            try trainer.restore(checkpoint)
            // The health and gradient views read a training pass: one on the batch the step
            // after the checkpoint trains, then the checkpoint again (the pass moved the dropout
            // generator and batch-norm statistics), so that a branch is still the same run.
            if !computed.isDisjoint(with: TrainingRecorder.views) {
                trainer.computeGradientsOfNextBatch()
                recorder.probeNow(trainer)
                try trainer.restore(checkpoint)
            }
        } catch {
            snapshot.message = "\(error)"
            return
        }
        evaluateIfNeeded(trainer)
        snapshot.message = ""
    }

    /// Back to the run as it stood before rewinding.
    private func returnToEnd() {
        guard let trainer = prepared?.trainer, let end = beforeRewind else { return }
        try? trainer.restore(end)
        beforeRewind = nil
        // The weights are the run's again, and so are the figures it showed (the last epoch's
        // report, not a new measurement that would read differently mid-epoch).
        if let figures = figuresBeforeRewind {
            snapshot.trainLoss = figures.trainLoss
            snapshot.trainAccuracy = figures.trainAccuracy
            snapshot.testLoss = figures.testLoss
            snapshot.testAccuracy = figures.testAccuracy
            snapshot.testSequenceAccuracy = figures.testSequenceAccuracy
            snapshot.measuredStep = figures.measuredStep
        }
        figuresBeforeRewind = nil
        noteEarlyStop(trainer)
        snapshot.message = "back at step \(trainer.step)"
    }

    /// Training resumes from the rewound checkpoint: what came after it is dropped, checkpoints
    /// and curves, and the new steps continue the curves from there.
    private func branchHere() {
        guard let trainer = prepared?.trainer else { return }
        let step = trainer.step
        beforeRewind = nil
        figuresBeforeRewind = nil
        timeline.dropAfter(step: step)
        snapshot.trainLossHistory.removeAll { $0.step > step }
        snapshot.testLossHistory.removeAll { $0.step > step }
        snapshot.recentEpochs.removeAll { $0.epoch > trainer.epoch }
        recorder.dropAfter(step: step)
        noteEarlyStop(trainer)
        snapshot.message = "branched at step \(step)"
    }

    private func setPace(_ newPace: Pace) {
        pace = SessionPace(newPace)
        experiments.pace = SessionPace(newPace)
        snapshot.pace = newPace
    }

    /// Epochs left and no early stop (which ends a run before its last epoch).
    private func hasEpochsLeft(_ trainer: Trainer) -> Bool {
        !trainer.stoppedEarly && configuration.hasEpochsLeft(after: trainer.epoch)
    }

    private var canTrain: Bool {
        guard let trainer = prepared?.trainer else { return false }
        return trainer.divergence == nil && hasEpochsLeft(trainer)
    }

    /// Trains for `seconds` at the pace (or until the run diverges or reaches its last
    /// epoch, or a command comes). Every step is recorded on the way, so the series miss
    /// none, but the views are captured once per window: publishing after each epoch of a
    /// 25-step Playground epoch made the boundary grid cost three times the training itself.
    private func trainFor(seconds: Double, _ trainer: Trainer) {
        let started = monotonicSeconds()
        // One clock read per step: at pace full a Playground step takes microseconds, and
        // reading the clock for each of pace, recorder and window cost a tenth of that.
        var now = started
        while trainer.divergence == nil && hasEpochsLeft(trainer) {
            let wait = pace.delayBeforeNextStep(now: now)
            if wait > 0 {
                // Ahead of the pace: sleep within the window, but a command ends it at once.
                guard now - started + wait < seconds, !session.mailbox.waitForCommand(seconds: wait) else { break }
                now = monotonicSeconds()
                continue
            }
            let report = trainer.trainStep()
            timeline.record(trainer)
            now = monotonicSeconds()
            pace.tookStep(now: now, stepsPerEpoch: trainer.stepsPerEpoch)
            recorder.recordStep(trainer, recording: computed, endedEpoch: report != nil, now: now)
            if let report {
                record(report)
                noteEarlyStop(trainer)
            }
            if now - started >= seconds { break }
        }
        recordWithinEpoch(trainer)
        if trainer.divergence != nil || !hasEpochsLeft(trainer) { running = false }
    }

    private func evaluateIfNeeded(_ trainer: Trainer) {
        let train = trainer.evaluate(trainer.data.train, limit: TrainingSession.evaluationLimit)
        let test = trainer.evaluate(trainer.data.validation, limit: TrainingSession.evaluationLimit)
        snapshot.trainLoss = train.loss
        snapshot.trainAccuracy = train.accuracy
        snapshot.testLoss = test.loss
        snapshot.testAccuracy = test.accuracy
        snapshot.testSequenceAccuracy = test.sequenceAccuracy
        snapshot.measuredStep = trainer.step
    }

    /// Seconds between the training-loss points drawn inside a long epoch (words, images).
    static let pointInterval = 0.5
    private var lastPointTime = 0.0

    /// An epoch of the word list or of Fashion-MNIST takes seconds to minutes: rather than
    /// a flat chart until it ends, the epoch's mean training loss so far is drawn twice a second.
    private func recordWithinEpoch(_ trainer: Trainer) {
        let now = monotonicSeconds()
        guard now - lastPointTime >= Self.pointInterval, let loss = trainer.epochLossSoFar else { return }
        lastPointTime = now
        snapshot.trainLoss = loss
        snapshot.trainLossHistory.append((trainer.step, Double(loss)))
    }

    private func record(_ report: EpochReport) {
        lastPointTime = monotonicSeconds()
        snapshot.trainLoss = report.trainLoss
        snapshot.trainAccuracy = report.trainAccuracy
        snapshot.testLoss = report.validation.loss
        snapshot.testAccuracy = report.validation.accuracy
        snapshot.testSequenceAccuracy = report.validation.sequenceAccuracy
        snapshot.measuredStep = report.step
        snapshot.recentEpochs.append(EpochMetrics(epoch: report.epoch, metrics: RunMetrics(report: report, baselineValidationLoss: snapshot.baselineValidationLoss)))
        if snapshot.recentEpochs.count > SessionSnapshot.recentEpochLimit { snapshot.recentEpochs.removeFirst() }
        snapshot.trainLossHistory.append((report.step, Double(report.trainLoss)))
        snapshot.testLossHistory.append((report.step, Double(report.validation.loss)))
        // Points inside epochs make the training curve the longer one: thin each on its own.
        if snapshot.trainLossHistory.count > 4000 { snapshot.trainLossHistory = Self.halve(snapshot.trainLossHistory) }
        if snapshot.testLossHistory.count > 4000 { snapshot.testLossHistory = Self.halve(snapshot.testLossHistory) }
    }

    /// With early stopping: the best epoch for the loss chart's mark and, once its weights are
    /// back (the run stopped early, or ended on a worse epoch), its metrics as the run's.
    private func noteEarlyStop(_ trainer: Trainer) {
        guard let best = trainer.earlyStopping?.best else {
            snapshot.bestEpoch = nil
            return
        }
        snapshot.bestEpoch = BestEpoch(epoch: best.epoch, step: best.step)
        guard let restored = trainer.restoredReport else { return }
        snapshot.trainLoss = restored.trainLoss
        snapshot.trainAccuracy = restored.trainAccuracy
        snapshot.testLoss = restored.validation.loss
        snapshot.testAccuracy = restored.validation.accuracy
        snapshot.testSequenceAccuracy = restored.validation.sequenceAccuracy
        snapshot.message = (trainer.stoppedEarly ? "stopped early: " : "") + "epoch \(restored.epoch)'s weights are back, its val loss the lowest"
    }

    /// Keeps every other point: the history stays bounded however long the run.
    private static func halve(_ points: [(step: Int, value: Double)]) -> [(step: Int, value: Double)] {
        stride(from: 0, to: points.count, by: 2).map { points[$0] }
    }

    private func reconfigure(_ newConfiguration: RunConfiguration) {
        guard let trainer = prepared?.trainer else { return }
        var liveOnly = newConfiguration
        // Knobs the trainer takes between steps; everything else needs a new model.
        liveOnly.learningRate = configuration.learningRate
        liveOnly.l1 = configuration.l1
        liveOnly.l2 = configuration.l2
        liveOnly.batchSize = configuration.batchSize
        liveOnly.clipNorm = configuration.clipNorm
        liveOnly.epochs = configuration.epochs
        liveOnly.runsWithoutStop = configuration.runsWithoutStop
        liveOnly.schedule = configuration.schedule
        guard liveOnly == configuration, (try? trainer.setBatchSize(newConfiguration.batchSize)) != nil else {
            configuration = newConfiguration
            rebuild(message: "rebuilt the model")
            return
        }
        configuration = newConfiguration
        trainer.setLearningRate(newConfiguration.optimizerSettings.learningRate)
        trainer.setPenalty(Penalty(l1: newConfiguration.l1, l2: newConfiguration.l2))
        trainer.setClipNorm(newConfiguration.clipNorm)
        trainer.setSchedule(newConfiguration.schedule)
        trainer.setEpochs(newConfiguration.epochs)
        snapshot.message = "applied live"
        if !hasEpochsLeft(trainer) { running = false }
    }

    private func rebuild(message: String) {
        let wasRunning = running
        // Loading a large dataset takes a moment: say so rather than look frozen.
        snapshot = SessionSnapshot(configuration: configuration)
        snapshot.state = .preparing
        session.mailbox.publish(snapshot)
        releaseRun()
        do {
            var pretrainingNote: String?
            // A transfer lab's first run pretrains its body: the status bar follows it.
            let pretraining = PretrainingListener(
                progress: { [self] progress in
                    snapshot.message = progress.description
                    session.mailbox.publish(snapshot)
                },
                note: { pretrainingNote = $0 })
            // Batches split across the cores as `backprop train` splits them: the same run up to
            // the order of float sums. What the views that look inside the layers see of a split
            // batch: capture passes (feature maps, traces, attention, the confusion matrix) run
            // the whole network on samples of their own; gradients, their norms and the update
            // ratios are the whole batch's (the parts' are summed before the step); gradients
            // through time combine the parts (`Trainer.stepGradientNorms`); the layer probes'
            // activation histograms cover the first part's rows (`TrainingRecorder`).
            prepared = try RunBuilder.prepare(configuration, seed: seed, splitsBatches: true, views: ViewMemory(recordsViews: true),
                                              pretraining: pretraining)
            snapshot = SessionSnapshot(configuration: configuration)
            snapshot.message = pretrainingNote ?? message
            snapshot.parameterCount = prepared?.trainer.network.parameterCount ?? 0
            snapshot.batchParts = prepared?.trainer.batchParts ?? 1
            snapshot.trainPoints = prepared?.playground?.trainPoints ?? []
            snapshot.testPoints = prepared?.playground?.testPoints ?? []
            snapshot.classNames = prepared?.trainer.data.classNames ?? []
            snapshot.baselineValidationLoss = prepared?.baselineValidationLoss
            recurrentCapture = RecurrentViewCapture()
            autoencoderCapture = AutoencoderCapture()
            recorder = TrainingRecorder()
            timeline = CheckpointTimeline()
            beforeRewind = nil
            figuresBeforeRewind = nil
            if let trainer = prepared?.trainer { timeline.record(trainer) }
            graphSampleChosen = false
            testInputs = snapshot.testPoints.flatMap { PlaygroundData.featureValues(configuration.features, x1: $0.x1, x2: $0.x2) }
            testLabels = snapshot.testPoints.map { Int($0.label) }
            snapshot.pace = pace.pace
            if let trainer = prepared?.trainer {
                trainer.tracksUpdateRatios = computed.contains(.health)
                evaluateIfNeeded(trainer)
            }
            running = wasRunning
        } catch {
            prepared = nil
            running = false
            snapshot = SessionSnapshot(configuration: configuration)
            snapshot.state = .failed("\(error)")
        }
    }

    /// Drops the old run, its comparison and its racers before the new one is checked: the
    /// memory check counts this process's resident memory, which would otherwise hold both.
    private func releaseRun() {
        prepared = nil
        comparisonTrainer = nil
        experiments = OptimizerExperimentsWorker()
        experiments.pace = pace
    }

    private func publish() {
        guard let trainer = prepared?.trainer else {
            session.mailbox.publish(snapshot)
            return
        }
        snapshot.configuration = configuration
        snapshot.epoch = trainer.epoch
        snapshot.step = trainer.step
        snapshot.learningRate = trainer.currentLearningRate
        snapshot.checkpointSteps = timeline.steps
        snapshot.checkpointBytes = timeline.byteCount
        snapshot.rewoundStep = beforeRewind == nil ? nil : trainer.step
        if let divergence = trainer.divergence {
            snapshot.state = .diverged(divergence.description)
        } else if !hasEpochsLeft(trainer) {
            snapshot.state = .finished
        } else {
            snapshot.state = running ? .running : .paused
        }
        captureModelViews(trainer)
        session.mailbox.publish(snapshot)
    }

    /// Copies what the views need: the decision boundary over a grid, weights, the series
    /// recorded for the views offered, and the costly views (confusion, neuron outputs)
    /// only when the screen shows them.
    private func captureModelViews(_ trainer: Trainer) {
        let network = trainer.network
        let recording = computed
        snapshot.views = recording
        // Only the network diagram draws the weights; a CNN's or a transformer's would cost a
        // copy of tens of thousands of numbers per snapshot for nothing.
        snapshot.weights = !recording.contains(.neuronOutputs) ? [] : network.leafLayers.compactMap { $0 as? Dense }.map { dense in
            (0..<dense.outputSize).map { row in (0..<dense.inputSize).map { dense.weight.value[row, $0] } }
        }
        snapshot.biases = !recording.contains(.neuronOutputs) ? [] : network.leafLayers.compactMap { $0 as? Dense }.map { $0.bias?.value.values ?? [] }
        snapshot.layerSizes = [network.inputShape.reduce(1, *)] + network.leafLayers.compactMap { ($0 as? Dense)?.outputSize }
        snapshot.probes = recording.isDisjoint(with: TrainingRecorder.views) ? [] : recorder.probes
        snapshot.updateRatioHistory = recording.contains(.health) ? recorder.updateRatioHistory : []
        snapshot.stepLossHistory = recorder.stepLosses
        experiments.update(views: recording, shown: views, controls: viewControls, actions: &pendingViewActions, trainer: trainer,
                           configuration: configuration, seed: seed, training: running)
        snapshot.experiments = experiments.state
        recurrentCapture.capture(trainer, configuration: configuration, views: recording, controls: viewControls,
                                 resample: pendingViewActions.remove(LabView.samples.rawValue) != nil, training: running,
                                 into: &snapshot.recurrent)
        captureAttention(trainer, views: recording)
        autoencoderCapture.capture(trainer, configuration: configuration, views: recording, controls: viewControls, training: running,
                                   into: &snapshot.autoencoder)
        convolutionViews.capture(trainer, views: views, controls: viewControls, actions: &pendingViewActions,
                                 confusion: prepared?.playground == nil, training: running, into: &snapshot)
        guard let playground = prepared?.playground else { return }
        let grids = gridInputs()
        let size = Self.boundarySize
        let outputs = trainer.predict(grids.boundary)
        let width = network.outputShape.reduce(1, *)
        snapshot.boundaryColumns = size
        snapshot.boundaryRows = size
        if width > 2, case .classification = playground.task {
            var classes = [Int](), confidence = [Float]()
            classes.reserveCapacity(size * size)
            confidence.reserveCapacity(size * size)
            for index in 0..<size * size {
                let (best, probability) = mostLikely(outputs[index * width ..< (index + 1) * width])
                classes.append(best)
                confidence.append(probability)
            }
            snapshot.boundaryClasses = classes
            snapshot.boundary = confidence
        } else {
            snapshot.boundaryClasses = []
            snapshot.boundary = (0..<size * size).map { index in
                Self.boundaryValue(Array(outputs[index * width ..< (index + 1) * width]), loss: configuration.loss, task: playground.task)
            }
        }
        snapshot.confusion = views.contains(.confusion) ? confusion(trainer, width: width) : []
        snapshot.neuronOutputs = views.contains(.neuronOutputs) ? neuronOutputs(trainer, grid: grids.neurons) : []
        snapshot.computationGraph = views.contains(.computationGraph) ? computationGraph(trainer) : nil
    }

    /// The chosen training sample through a copy of the current network (nil unless it is 2-2-1).
    private func computationGraph(_ trainer: Trainer) -> ComputationGraph? {
        if pendingViewActions.remove(LabView.graph.rawValue) != nil { graphSample += 1 }
        if !graphSampleChosen {
            graphSampleChosen = true
            graphSample = firstUnsaturatedSample(trainer)
        }
        return computationGraph(trainer, sample: graphSample % trainer.data.train.count)
    }

    /// The walk-through starts at the point, among the first 64, whose hidden layer gets the
    /// largest gradient: a first point in a saturated corner would show the chain rule as a
    /// column of near-zeros. Enter then steps on through every point, saturated ones included.
    private func firstUnsaturatedSample(_ trainer: Trainer) -> Int {
        func hiddenGradient(_ index: Int) -> Float {
            computationGraph(trainer, sample: index)?.parameters.prefix(6).reduce(0) { $0 + abs($1.gradient) } ?? 0
        }
        return (0..<min(trainer.data.train.count, 64)).max { hiddenGradient($0) < hiddenGradient($1) } ?? 0
    }

    private func computationGraph(_ trainer: Trainer, sample index: Int) -> ComputationGraph? {
        let train = trainer.data.train
        var input = [Float](repeating: 0, count: train.inputSize), target = [Float](repeating: 0, count: train.targetWidth)
        train.fillBatch(indices: [index], inputs: &input, targets: &target)
        return ComputationGraph(layers: trainer.network.layers, loss: configuration.loss, task: configuration.task, input: input,
                                target: target[0], sampleIndex: index, learningRate: trainer.currentLearningRate)
    }

    /// Trains the comparison model for one publication interval when one is under way (the
    /// main run waits its turn), starting it when the comparison view's action asks; false
    /// when there is nothing to train.
    private func advanceComparison() -> Bool {
        if pendingViewActions.remove(LabView.compare.rawValue) != nil { startComparison() }
        guard let comparison = comparisonTrainer, var progress = snapshot.comparison else { return false }
        let started = monotonicSeconds()
        while !progress.isFinished && comparison.divergence == nil && monotonicSeconds() - started < TrainingSession.publishInterval {
            if let report = comparison.trainStep() { progress.record(report) }
        }
        if progress.isFinished || comparison.divergence != nil { comparisonTrainer = nil }
        snapshot.comparison = progress
        publish()
        return true
    }

    private func startComparison() {
        guard let recurrent = ModelComparison.recurrentCounterpart(of: configuration) else { return }
        do {
            comparisonTrainer = try RunBuilder.prepare(recurrent, seed: seed).trainer
            snapshot.comparison = ModelComparison(name: "LSTM \(recurrent.hidden[0])", totalEpochs: recurrent.epochs)
        } catch {
            snapshot.message = "the LSTM could not be built: \(error)"
        }
    }

    /// The attention views, copied a few times a second while shown or recorded (each copy
    /// runs one validation sequence forward).
    private func captureAttention(_ trainer: Trainer, views: SessionViews) {
        guard !views.isDisjoint(with: AttentionCapture.views) else {
            snapshot.attention = nil
            return
        }
        let sample = viewControls[LabView.attention.rawValue] ?? 0, position = viewControls[LabView.qkv.rawValue] ?? 0
        let settings = ["sample": sample, "position": position, "views": Int(views.rawValue)]
        guard attentionSchedule.isDue(step: trainer.step, settings: settings, training: running, now: monotonicSeconds(),
                                      force: snapshot.attention == nil) else { return }
        snapshot.attention = AttentionCapture.capture(trainer, views: views, sample: sample, position: position)
    }

    private func gridInputs() -> (boundary: [Float], neurons: [Float]) {
        if let cache = gridCache, cache.features == configuration.features { return (cache.boundary, cache.neurons) }
        let boundary = PlaygroundData.gridInputs(features: configuration.features, columns: Self.boundarySize, rows: Self.boundarySize)
        let neurons = PlaygroundData.gridInputs(features: configuration.features, columns: Self.neuronGridSize, rows: Self.neuronGridSize)
        gridCache = (configuration.features, boundary, neurons)
        return (boundary, neurons)
    }

    /// Test-set counts of true against predicted class (empty for regression).
    private func confusion(_ trainer: Trainer, width: Int) -> [[Int]] {
        guard case .classification(let classes) = configuration.task, !testLabels.isEmpty else { return [] }
        let outputs = trainer.predict(testInputs)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (index, label) in testLabels.enumerated() where label < classes {
            let row = outputs[index * width ..< (index + 1) * width]
            let predicted = width == 1 ? (row[row.startIndex] > 0 ? 1 : 0) : mostLikely(row).class
            counts[label][min(predicted, classes - 1)] += 1
        }
        return counts
    }

    /// Each diagram column's neurons over the coarse grid: the input features themselves,
    /// each hidden activation, and the network's outputs.
    private func neuronOutputs(_ trainer: Trainer, grid: [Float]) -> [[ValueGrid]] {
        let side = Self.neuronGridSize, cells = side * side
        func grids(_ values: [Float], width: Int) -> [ValueGrid] {
            guard width > 0, values.count == cells * width else { return [] }
            return (0..<width).map { unit in
                ValueGrid(columns: side, rows: side, values: (0..<cells).map { values[$0 * width + unit] })
            }
        }
        let inputWidth = configuration.features.count
        let activations = trainer.activationOutputs(grid)
        let hidden = configuration.hidden.indices.map { grids(activations[$0], width: configuration.hidden[$0]) }
        let outputs = grids(trainer.predict(grid), width: trainer.network.outputShape.reduce(1, *))
        return [grids(grid, width: inputWidth)] + hidden + [outputs]
    }


    /// One grid cell's value on the −1…1 scale the heatmap shows: the class-1 probability
    /// mapped to −1…1 for classifiers, the prediction itself for regression.
    static func boundaryValue(_ output: [Float], loss: LossKind, task: TaskKind) -> Float {
        if case .regression = task { return output[0] }
        switch (loss, output.count) {
        case (.mse, 1): return output[0]
        case (_, 1): return 2 / (1 + expf(-output[0])) - 1
        default: return 2 / (1 + expf(output[0] - output[1])) - 1
        }
    }
}
