import BackpropData
import BackpropEngine

/// The 2-D targets a GAN preset can learn.
public enum GANDataset: String, CaseIterable, Sendable {
    /// Eight Gaussians on a circle of radius 2, σ 0.05; coverage counts the 8 modes.
    case ring
    /// One spiral arm of 1.5 turns; coverage counts 8 stretches of equal length.
    case spiral
    /// Two moons; coverage counts 8 stretches of equal length, 4 per moon.
    case moons

    public var target: any AdversarialTarget {
        switch self {
        case .ring: MixtureOfGaussians.ring(modes: 8, radius: 2, deviation: 0.05)
        case .spiral: NoisyCurve.spiral()
        case .moons: NoisyCurve.moons()
        }
    }

    /// What coverage counts: modes of the ring, stretches of a curve.
    public var coverageUnit: String { self == .ring ? "modes" : "stretches" }
}

/// Everything that defines a GAN run: the target, both networks and how they alternate.
/// A GAN has no pass over a fixed training set, so an "epoch" here is a fixed number of
/// generator steps (`stepsPerEpoch`), after which coverage is measured and reported.
public struct GANConfiguration: Equatable, Sendable {
    public var preset: String
    public var dataset: GANDataset
    public var latentSize: Int
    /// Hidden layer sizes, the same for the generator and the discriminator.
    public var hidden: [Int]
    public var activation: ActivationFunction
    public var optimizer: OptimizerKind
    public var generatorLearningRate: Float
    public var discriminatorLearningRate: Float
    public var discriminatorSteps: Int
    public var batchSize: Int
    public var epochs: Int
    public var stepsPerEpoch: Int
    /// Real points drawn once from the target, from which every batch is sampled.
    public var realPoolSize = 10_000
    /// Generated points each coverage measurement uses.
    public var evaluationSamples = 2_000

    /// Adam's β₁ of 0.5 rather than 0.9, as DCGAN (Radford et al. 2015) found: a long memory
    /// of past gradients chases a target that the other network keeps moving.
    static let adversarialBeta1: Float = 0.5

    public func optimizerSettings(learningRate: Float) -> OptimizerSettings {
        var settings = OptimizerSettings(kind: optimizer, learningRate: learningRate)
        if optimizer == .adam || optimizer == .adamw { settings.beta1 = Self.adversarialBeta1 }
        return settings
    }

    public var adversarialSettings: AdversarialSettings {
        AdversarialSettings(batchSize: batchSize, latentSize: latentSize, discriminatorSteps: discriminatorSteps,
                            generatorOptimizer: optimizerSettings(learningRate: generatorLearningRate),
                            discriminatorOptimizer: optimizerSettings(learningRate: discriminatorLearningRate))
    }

    /// Latent → hidden… → 2 points (linear output: the ring reaches past ±1).
    public var generatorSpec: MLPSpec {
        MLPSpec(inputSize: latentSize, hidden: hidden, outputSize: 2, activation: activation)
    }

    /// Point → hidden… → one logit.
    public var discriminatorSpec: MLPSpec {
        MLPSpec(inputSize: 2, hidden: hidden, outputSize: 1, activation: activation)
    }
}
