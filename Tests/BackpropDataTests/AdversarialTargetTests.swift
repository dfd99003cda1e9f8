import BackpropEngine
import Testing
@testable import BackpropData

@Suite("GAN targets: the ring, the spiral and two moons, and what their coverage counts")
struct AdversarialTargetTests {
    static let targets: [(String, any AdversarialTarget)] = [
        ("ring", MixtureOfGaussians.ring()), ("spiral", NoisyCurve.spiral()), ("moons", NoisyCurve.moons()),
    ]

    /// Real points are what a perfect generator would make: every mode or stretch covered,
    /// nearly all points within 3σ (98.9% for a 2-D Gaussian around a point; more around a curve).
    @Test(arguments: [0, 1, 2])
    func realPointsCoverTheirOwnTarget(index: Int) {
        let (name, target) = Self.targets[index]
        var random = RandomGenerator(seed: 4)
        let coverage = target.coverage(of: target.sample(count: 2_000, random: &random).values)
        #expect(coverage.modes == 8 && coverage.covered == 8, "\(name)")
        #expect(coverage.highQualityFraction > 0.97, "\(name): \(coverage.highQualityFraction)")
    }

    /// Points spread evenly along the length: each of the 8 stretches gets about an eighth.
    @Test(arguments: [1, 2])
    func curvePointsAreSpreadEvenlyOverItsStretches(index: Int) {
        let (name, target) = Self.targets[index]
        var random = RandomGenerator(seed: 8)
        let perStretch = target.coverage(of: target.sample(count: 8_000, random: &random).values).highQualityPerMode
        #expect(perStretch.allSatisfy { (850...1_150).contains($0) }, "\(name): \(perStretch)")
    }

    @Test func oneMoonAloneCoversHalfTheStretches() {
        let moons = NoisyCurve.moons()
        // The upper moon's vertices come first, 600 of them: points on it alone.
        let upper = moons.vertices.prefix(600).flatMap { [$0.x, $0.y] }
        let coverage = moons.coverage(of: upper)
        #expect(coverage.covered == 4)
        #expect(coverage.highQualityPerMode[4...].allSatisfy { $0 == 0 })
    }

    @Test func pointsOffTheCurveAreNotHighQuality() {
        let spiral = NoisyCurve.spiral()
        // The centre of the spiral (inside its first turn, radius 0.3) and far outside it.
        let coverage = spiral.coverage(of: [0, 0, 3, 3])
        #expect(coverage.highQualityFraction == 0 && coverage.covered == 0)
    }
}
