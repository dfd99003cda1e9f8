import BackpropEngine
import BackpropLessons
import BackpropWidgets

/// What the GAN lab draws, copied out of the trainer thread (see `AdversarialSession`).
public struct AdversarialSnapshot: Sendable {
    public var state: SessionSnapshot.RunState = .preparing
    public var configuration: GANConfiguration
    /// Generator steps so far, and where the run ends (`epochs × epoch_steps`).
    public var step = 0
    public var totalSteps: Int
    public var generatorLoss: Float?
    public var discriminatorLoss: Float?
    /// Each generator step's L_G and the mean of its round's L_D (neighbours averaged once long).
    public var generatorLossHistory = SeriesHistory(capacity: 512)
    public var discriminatorLossHistory = SeriesHistory(capacity: 512)
    /// The latest measurement (every `AdversarialSession.coverageInterval` seconds while training).
    public var coverage: ModeCoverage?
    public var picture: AdversarialPicture?
    public var samplesPerSecond: Double = 0
    public var pace: Pace
    /// The last command's message (where `w` saved the networks), shown in the status bar.
    public var message = ""

    init(configuration: GANConfiguration, pace: Pace) {
        self.configuration = configuration
        self.pace = pace
        totalSteps = configuration.epochs * configuration.stepsPerEpoch
    }
}

/// What the UI asks the GAN's trainer thread to do; applied between steps.
public enum AdversarialSessionCommand: Sendable, Equatable {
    case play, pause, togglePlay
    /// One generator step (with its discriminator steps), while paused.
    case step
    /// The next pace (`Pace.adversarialStepsPerSecond`).
    case cyclePace
    /// Both networks written into `folder` as they are now (the `w` key).
    case save(folder: String)
    /// New networks from the same seed, same settings.
    case reset
    /// Changed settings: the learning rates change live, anything else starts a new run.
    case configure(GANConfiguration)
    case quit
}
