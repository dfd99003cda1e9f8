import BackpropEngine

/// A named GAN run: `backprop train gan-2d`. Kept apart from `Preset` because a GAN trains
/// two networks against each other and has no labels, validation set or accuracy.
public struct GANPreset: Sendable {
    public let name: String
    public let summary: String
    public let configuration: GANConfiguration

    public static let all: [GANPreset] = [gan2D]

    public static func named(_ name: String) -> GANPreset? { all.first { $0.name == name } }

    /// A generator and a discriminator, two hidden layers of 128 ReLU units each, on the
    /// ring of 8 Gaussians (or a spiral or two moons).
    public static let gan2D = GANPreset(
        name: "gan-2d",
        summary: "GAN on 2-D points, a ring of 8 Gaussians (dataset=spiral or moons for curves): G latent 8 → 128-128 ReLU → 2, D 2 → 128-128 ReLU → 1 logit, Adam (beta1 0.5) lr 1e-3 each, 1 D step per G step, batch 256",
        configuration: GANConfiguration(
            preset: "gan-2d", dataset: .ring, latentSize: 8, hidden: [128, 128], activation: .relu, optimizer: .adam,
            generatorLearningRate: 1e-3, discriminatorLearningRate: 1e-3, discriminatorSteps: 1, batchSize: 256,
            epochs: 10, stepsPerEpoch: 500))
}
