import BackpropEngine
import Foundation

/// A 2-D target for a GAN: equal Gaussians with one standard deviation around given centres.
/// The ring of 8 (radius 2, σ 0.05) is the standard test of mode collapse (Metz et al. 2016,
/// "Unrolled GANs", use σ 0.02): a generator that learns only some modes is easy to see.
public struct MixtureOfGaussians: Equatable, Sendable {
    public let centres: [SIMD2<Float>]
    public let deviation: Float

    public init(centres: [SIMD2<Float>], deviation: Float) {
        self.centres = centres
        self.deviation = deviation
    }

    /// `modes` Gaussians evenly spaced on a circle, the first on the positive x-axis.
    public static func ring(modes: Int = 8, radius: Float = 2, deviation: Float = 0.05) -> MixtureOfGaussians {
        MixtureOfGaussians(centres: (0..<modes).map { mode in
            let angle = 2 * Double.pi * Double(mode) / Double(modes)
            return SIMD2(radius * Float(cos(angle)), radius * Float(sin(angle)))
        }, deviation: deviation)
    }

    /// `count` points `[count, 2]`, each from a mode chosen uniformly.
    public func sample(count: Int, random: inout RandomGenerator) -> Tensor {
        let points = Tensor(rows: count, columns: 2)
        for row in 0..<count {
            let centre = centres[random.index(below: centres.count)]
            points[row, 0] = centre.x + deviation * Float(random.normal())
            points[row, 1] = centre.y + deviation * Float(random.normal())
        }
        return points
    }

    /// Mode coverage of generated points: high quality within 3σ of a centre.
    public func coverage(of points: [Float]) -> ModeCoverage {
        ModeCoverage.measure(points: points, centres: centres, radius: 3 * deviation)
    }
}
