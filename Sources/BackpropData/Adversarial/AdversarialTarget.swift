import BackpropEngine

/// A 2-D distribution a GAN learns: it draws real points and says how well generated points
/// cover it (see `ModeCoverage`).
public protocol AdversarialTarget: Sendable {
    /// `count` real points `[count, 2]`.
    func sample(count: Int, random: inout RandomGenerator) -> Tensor
    /// Coverage of generated points, flattened (x, y, x, y, …).
    func coverage(of points: [Float]) -> ModeCoverage
    /// The standard deviation of the noise around the target's modes or curve.
    var deviation: Float { get }
}

extension MixtureOfGaussians: AdversarialTarget {}
