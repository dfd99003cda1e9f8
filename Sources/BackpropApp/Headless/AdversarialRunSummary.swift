import Foundation

/// The JSON object `backprop train gan-2d --json` prints: the contract's fields (DESIGN.md
/// §4), with null where a GAN has no such thing (no single training loss, no accuracy, no
/// validation set), and the GAN's own figures beside them.
public struct AdversarialRunSummary: Encodable, Equatable {
    public var preset: String
    public var dataset: String
    /// Epochs of `epoch_steps` generator steps each.
    public var epochs: Int
    /// Generator steps (each after `d_steps` discriminator steps).
    public var steps: Int
    public var seed: UInt64
    /// Both networks together.
    public var parameters: Int
    public var generatorParameters: Int
    public var discriminatorParameters: Int
    /// Mean over the last epoch's steps: L_G (non-saturating) and L_D ((L_real + L_fake) / 2).
    public var generatorLoss: Float
    public var discriminatorLoss: Float
    public var modes: Int
    /// See `ModeCoverage`: modes with at least a fifth of an even share of points within 3σ.
    public var modesCovered: Int
    public var highQualityFraction: Float
    /// Seconds from the start until an epoch's measurement first found at least 7 modes covered.
    public var secondsToSevenModes: Double?
    /// Real points the discriminator read per second of training.
    public var samplesPerSecond: Double
    public var seconds: Double
    public var diverged: Bool
    public var divergence: String?
    public var openblasCore: String

    enum CodingKeys: String, CodingKey {
        case preset, dataset, epochs, steps, seed, parameters
        case generatorParameters = "generator_parameters", discriminatorParameters = "discriminator_parameters"
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy", valLoss = "val_loss", valAccuracy = "val_accuracy"
        case generatorLoss = "generator_loss", discriminatorLoss = "discriminator_loss"
        case modes, modesCovered = "modes_covered", highQualityFraction = "high_quality_fraction"
        case secondsToSevenModes = "seconds_to_7_modes"
        case samplesPerSecond = "samples_per_second", seconds, diverged, divergence, openblasCore = "openblas_core"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(preset, forKey: .preset)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(epochs, forKey: .epochs)
        try container.encode(steps, forKey: .steps)
        try container.encode(seed, forKey: .seed)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(generatorParameters, forKey: .generatorParameters)
        try container.encode(discriminatorParameters, forKey: .discriminatorParameters)
        // Not applicable to a GAN: present and null, so a reader of every preset need not ask.
        for key in [CodingKeys.trainLoss, .trainAccuracy, .valLoss, .valAccuracy] { try container.encodeNil(forKey: key) }
        try container.encode(generatorLoss.isFinite ? generatorLoss : nil, forKey: .generatorLoss)
        try container.encode(discriminatorLoss.isFinite ? discriminatorLoss : nil, forKey: .discriminatorLoss)
        try container.encode(modes, forKey: .modes)
        try container.encode(modesCovered, forKey: .modesCovered)
        try container.encode(highQualityFraction, forKey: .highQualityFraction)
        try container.encode(secondsToSevenModes, forKey: .secondsToSevenModes)
        try container.encode(samplesPerSecond.isFinite ? samplesPerSecond : 0, forKey: .samplesPerSecond)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(diverged, forKey: .diverged)
        try container.encode(divergence, forKey: .divergence)
        try container.encode(openblasCore, forKey: .openblasCore)
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
