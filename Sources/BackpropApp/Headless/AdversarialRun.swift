import BackpropData
import BackpropEngine

/// A GAN configuration made ready: the target's real points, both networks and the trainer.
public struct PreparedAdversarialRun {
    public let configuration: GANConfiguration
    public let seed: UInt64
    public let trainer: AdversarialTrainer
    public let target: any AdversarialTarget

    /// One seed fixes everything: the real points, both initializations, every batch and
    /// every noise vector. Initialization is PyTorch's `nn.Linear` default for both networks.
    public init(_ configuration: GANConfiguration, seed: UInt64) throws {
        self.configuration = configuration
        self.seed = seed
        target = configuration.dataset.target
        var random = RandomGenerator(seed: seed)
        var dataRandom = random.split()
        let real = target.sample(count: configuration.realPoolSize, random: &dataRandom)
        let loss = BinaryCrossEntropy(task: .classification(classes: 2))
        let generator = try Network(layers: configuration.generatorSpec.makeLayers(seed: random.next()),
                                    inputShape: [configuration.latentSize], loss: loss)
        let discriminator = try Network(layers: configuration.discriminatorSpec.makeLayers(seed: random.next()),
                                        inputShape: [2], loss: loss)
        var initRandom = random.split()
        generator.initialize(.pytorch, random: &initRandom)
        discriminator.initialize(.pytorch, random: &initRandom)
        trainer = try AdversarialTrainer(generator: generator, discriminator: discriminator, realPoints: real,
                                         settings: configuration.adversarialSettings, seed: random.next())
    }

    /// Both networks' weights named as a PyTorch module with `generator` and `discriminator`
    /// `nn.Sequential` attributes would name them: `generator.0.weight`, `discriminator.2.bias`.
    public var stateDict: [String: NamedTensor] {
        var tensors: [String: NamedTensor] = [:]
        for (prefix, network) in [("generator", trainer.generator), ("discriminator", trainer.discriminator)] {
            for (name, tensor) in network.stateDict { tensors[prefix + "." + name] = tensor }
        }
        return tensors
    }

    /// Coverage of `evaluationSamples` generated points, from the same noise at every call
    /// (drawn from the run's seed), so successive measurements differ only by training.
    public func measureCoverage() -> ModeCoverage {
        var noise = RandomGenerator(seed: seed ^ 0x5EED_C0DE)
        return target.coverage(of: trainer.generate(count: configuration.evaluationSamples, random: &noise))
    }
}

/// Runs a GAN to its last epoch without a UI: one line per epoch on stderr with both losses
/// and the mode coverage, then the summary.
public struct HeadlessAdversarialTraining {
    public let run: PreparedAdversarialRun
    public var showsProgress = true
    /// Where each epoch's line of `--metrics` goes, if anywhere.
    let metrics: AdversarialMetricsWriter?
    /// Called at the end of each epoch with its number, coverage and mean losses (the claims
    /// check records them).
    var onEpoch: ((_ epoch: Int, _ coverage: ModeCoverage, _ generatorLoss: Float, _ discriminatorLoss: Float) -> Void)?

    init(run: PreparedAdversarialRun, metrics: AdversarialMetricsWriter? = nil) {
        self.run = run
        self.metrics = metrics
    }

    public func execute() -> AdversarialRunSummary {
        let trainer = run.trainer
        let configuration = run.configuration
        let started = monotonicSeconds()
        var coverage = run.measureCoverage()
        var epoch = 0
        var firstSecondsAtSevenModes: Double?
        var generatorLossSum: Double = 0, discriminatorLossSum: Double = 0, stepsInEpoch = 0
        var epochGeneratorLoss: Float?, epochDiscriminatorLoss: Float?
        while epoch < configuration.epochs, trainer.divergence == nil {
            guard trainer.trainStep() else { break }
            generatorLossSum += Double(trainer.lastGeneratorLoss)
            discriminatorLossSum += Double(trainer.lastDiscriminatorLoss)
            stepsInEpoch += 1
            guard stepsInEpoch == configuration.stepsPerEpoch else { continue }
            epoch += 1
            epochGeneratorLoss = Float(generatorLossSum / Double(stepsInEpoch))
            epochDiscriminatorLoss = Float(discriminatorLossSum / Double(stepsInEpoch))
            generatorLossSum = 0; discriminatorLossSum = 0; stepsInEpoch = 0
            coverage = run.measureCoverage()
            let seconds = monotonicSeconds() - started
            if coverage.covered >= 7, firstSecondsAtSevenModes == nil { firstSecondsAtSevenModes = seconds }
            onEpoch?(epoch, coverage, epochGeneratorLoss!, epochDiscriminatorLoss!)
            metrics?.record(step: trainer.step, epoch: epoch, generatorLoss: epochGeneratorLoss!, discriminatorLoss: epochDiscriminatorLoss!,
                            coverage: coverage, samplesPerSecond: Double(trainer.step * trainer.realSamplesPerStep) / max(trainer.trainingSeconds, 1e-9),
                            seconds: seconds)
            if showsProgress {
                printToStandardError(String(format: "epoch %3d/%d  step %6d  loss_d %.4f  loss_g %.4f  ", epoch, configuration.epochs,
                                            trainer.step, epochDiscriminatorLoss!, epochGeneratorLoss!)
                                     + configuration.dataset.coverageUnit
                                     + String(format: " %d/%d  high quality %5.1f%%  %.1f s", coverage.covered, coverage.modes, coverage.highQualityFraction * 100, seconds))
            }
        }
        if let divergence = trainer.divergence, showsProgress { printToStandardError("stopped: diverged: \(divergence)") }
        let generatorParameters = trainer.generator.parameterCount, discriminatorParameters = trainer.discriminator.parameterCount
        return AdversarialRunSummary(
            preset: configuration.preset, dataset: configuration.dataset.rawValue, epochs: epoch, steps: trainer.step, seed: run.seed,
            parameters: generatorParameters + discriminatorParameters,
            generatorParameters: generatorParameters, discriminatorParameters: discriminatorParameters,
            generatorLoss: epochGeneratorLoss ?? trainer.lastGeneratorLoss,
            discriminatorLoss: epochDiscriminatorLoss ?? trainer.lastDiscriminatorLoss,
            modes: coverage.modes, modesCovered: coverage.covered, highQualityFraction: coverage.highQualityFraction,
            secondsToSevenModes: firstSecondsAtSevenModes,
            samplesPerSecond: Double(trainer.step * trainer.realSamplesPerStep) / max(trainer.trainingSeconds, 1e-9),
            seconds: monotonicSeconds() - started, diverged: trainer.divergence != nil, divergence: trainer.divergence,
            openblasCore: BLASInfo.coreName)
    }
}
