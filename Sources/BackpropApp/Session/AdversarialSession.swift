import BackpropEngine
import BackpropLessons
import Foundation
import Synchronization

/// A GAN training on its own thread, as `TrainingSession` trains a single network: the UI
/// thread posts `AdversarialSessionCommand`s and reads the latest `AdversarialSnapshot`; the
/// trainer thread owns both networks, applies commands between steps and publishes a snapshot
/// (with D's field and the points, see `AdversarialPicture`) at most every
/// `Pace.snapshotInterval`.
public final class AdversarialSession: Sendable {
    fileprivate let mailbox: SessionMailbox<AdversarialSnapshot, AdversarialSessionCommand>
    /// Seconds between coverage measurements while training (2,000 generated points each).
    static let coverageInterval = 0.25

    /// A paused session for `configuration`; it trains once played, at `pace`.
    public init(configuration: GANConfiguration, seed: UInt64, pace: Pace = .watch) {
        mailbox = SessionMailbox(snapshot: AdversarialSnapshot(configuration: configuration, pace: pace))
        let worker = AdversarialWorker(configuration: configuration, seed: seed, pace: pace, session: self)
        let thread = Thread { worker.runLoop() }
        thread.name = "backprop-gan-trainer"
        thread.stackSize = 8 << 20
        thread.start()
    }

    public func send(_ command: AdversarialSessionCommand) { mailbox.send(command) }

    /// The latest snapshot and its version (which changes with every publication).
    public func latest() -> (snapshot: AdversarialSnapshot, version: Int) { mailbox.latest() }

    /// Stops the trainer thread and waits for it, up to `timeout` seconds; later calls return at once.
    public func stop(timeout: Double = 2) { mailbox.stop(sending: .quit, timeout: timeout) }
}

/// The trainer thread's side: owns the run and everything it touches.
private final class AdversarialWorker: @unchecked Sendable {
    private var configuration: GANConfiguration
    private let seed: UInt64
    private let session: AdversarialSession
    private var run: PreparedAdversarialRun?
    private var snapshot: AdversarialSnapshot
    private var running = false
    private var lastCoverageAt = -Double.infinity
    private var pace: Pace
    /// Generator steps the pace allows and not yet taken; never more than one frame's worth,
    /// so that a pause or a slow frame does not bank a burst.
    private var stepCredit = 0.0
    private var creditedAt = 0.0

    init(configuration: GANConfiguration, seed: UInt64, pace: Pace, session: AdversarialSession) {
        self.configuration = configuration
        self.seed = seed
        self.pace = pace
        self.session = session
        snapshot = AdversarialSnapshot(configuration: configuration, pace: pace)
    }

    func runLoop() {
        rebuild()
        while true {
            for command in session.mailbox.takeCommands() {
                if command == .quit { session.mailbox.markFinished(); return }
                apply(command)
            }
            guard running, let run else {
                session.mailbox.waitForCommand()
                continue
            }
            let started = monotonicSeconds()
            // A frame the pace gave no step (30 a second at slow) redraws nothing new.
            if trainForAFrame(run, stepLimit: stepsAllowedThisFrame(now: started)) { session.mailbox.publish(snapshot) }
            // At a pace, the rest of the frame is slept (a command still wakes it at once).
            if pace.adversarialStepsPerSecond != nil {
                let rest = pace.snapshotInterval - (monotonicSeconds() - started)
                if rest > 0 { session.mailbox.waitForCommand(seconds: rest) }
            }
        }
    }

    /// The steps this frame may take at the pace (unlimited at `full`).
    private func stepsAllowedThisFrame(now: Double) -> Int {
        guard let rate = pace.adversarialStepsPerSecond else { return .max }
        let frame = pace.snapshotInterval
        // At least one whole step may be banked: at slow (30 a second, 0.9 a frame) a cap of
        // one frame's worth would never reach a step.
        stepCredit = min(stepCredit + rate * min(now - creditedAt, frame), max(rate * frame, 1))
        creditedAt = now
        let whole = Int(stepCredit)
        stepCredit -= Double(whole)
        return whole
    }

    private func apply(_ command: AdversarialSessionCommand) {
        switch command {
        case .play: play(true)
        case .pause: play(false)
        case .togglePlay: play(!running)
        case .reset: rebuild()
        case .configure(let changed): configure(changed)
        case .step:
            guard let run, snapshot.state == .paused else { break }
            trainForAFrame(run, stepLimit: 1)
        case .cyclePace:
            pace = pace.next
            snapshot.pace = pace
        case .save(let folder):
            guard let run else { break }
            snapshot.message = ModelSaving.save(run, steps: snapshot.step, coverage: snapshot.coverage, in: folder)
        case .quit: break
        }
        session.mailbox.publish(snapshot)
    }

    private func play(_ wanted: Bool) {
        guard run != nil, snapshot.state == .paused || snapshot.state == .running else { return }
        running = wanted && snapshot.step < snapshot.totalSteps
        snapshot.state = running ? .running : .paused
    }

    /// Learning rates change in place; any other setting builds a new run, paused.
    private func configure(_ changed: GANConfiguration) {
        var sameButRates = changed
        sameButRates.generatorLearningRate = configuration.generatorLearningRate
        sameButRates.discriminatorLearningRate = configuration.discriminatorLearningRate
        configuration = changed
        if sameButRates == snapshot.configuration, let trainer = run?.trainer {
            trainer.generatorOptimizer.learningRate = changed.generatorLearningRate
            trainer.discriminatorOptimizer.learningRate = changed.discriminatorLearningRate
            snapshot.configuration = changed
        } else {
            rebuild()
        }
    }

    private func rebuild() {
        running = false
        snapshot = AdversarialSnapshot(configuration: configuration, pace: pace)
        lastCoverageAt = -.infinity
        do {
            let built = try PreparedAdversarialRun(configuration, seed: seed)
            run = built
            snapshot.state = .paused
            snapshot.coverage = built.measureCoverage()
            snapshot.picture = AdversarialPicture.capture(built)
        } catch {
            run = nil
            snapshot.state = .failed("\(error)")
        }
        session.mailbox.publish(snapshot)
    }

    /// Trains for about one frame, then records the losses, the picture and (now and then) the coverage.
    /// Whether it tried a step: with none, the picture and coverage are left as they were.
    @discardableResult
    private func trainForAFrame(_ run: PreparedAdversarialRun, stepLimit: Int) -> Bool {
        let trainer = run.trainer
        let started = monotonicSeconds()
        var taken = 0
        while taken < stepLimit, monotonicSeconds() - started < pace.snapshotInterval, snapshot.step < snapshot.totalSteps {
            taken += 1
            guard trainer.trainStep() else { break }
            snapshot.step = trainer.step
            snapshot.generatorLossHistory.append(step: trainer.step, value: Double(trainer.lastGeneratorLoss))
            snapshot.discriminatorLossHistory.append(step: trainer.step, value: Double(trainer.lastDiscriminatorLoss))
        }
        guard taken > 0 else { return false }
        snapshot.generatorLoss = trainer.lastGeneratorLoss
        snapshot.discriminatorLoss = trainer.lastDiscriminatorLoss
        snapshot.samplesPerSecond = Double(trainer.step * trainer.realSamplesPerStep) / max(trainer.trainingSeconds, 1e-9)
        snapshot.picture = AdversarialPicture.capture(run)
        let now = monotonicSeconds()
        let ended = snapshot.step >= snapshot.totalSteps || trainer.divergence != nil
        if ended || stepLimit == 1 || now - lastCoverageAt >= AdversarialSession.coverageInterval {
            snapshot.coverage = run.measureCoverage()
            lastCoverageAt = now
        }
        if let divergence = trainer.divergence {
            running = false
            snapshot.state = .diverged(divergence)
        } else if ended {
            running = false
            snapshot.state = .finished
        }
        return true
    }
}
