/// How well generated points cover the modes of a mixture of equal Gaussians (a ring of 8).
///
/// Each generated point belongs to its nearest mode centre. It is *high quality* when it lies
/// within `radius` of that centre (3 standard deviations by default: 98.9% of the real
/// points of a 2-D Gaussian do). A mode is *covered* when its high-quality points make up at
/// least `minimumShare` of an even share, `minimumShare · N / modes` (0.2 by default: with
/// 2,000 points and 8 modes, 50 points), so a handful of stray points does not count as a
/// mode learned, and a generator that has collapsed onto a few modes covers only those.
public struct ModeCoverage: Equatable, Sendable {
    /// Modes of the target distribution.
    public var modes: Int
    /// Modes with enough high-quality points.
    public var covered: Int
    /// High-quality points over all generated points.
    public var highQualityFraction: Float
    /// High-quality points nearest each mode, in the order of the centres.
    public var highQualityPerMode: [Int]

    /// `points` are flattened pairs (x, y, x, y, …); `centres` the modes' means.
    public static func measure(points: [Float], centres: [SIMD2<Float>], radius: Float,
                               minimumShare: Float = 0.2) -> ModeCoverage {
        precondition(!centres.isEmpty && points.count % 2 == 0, "mode coverage needs centres and 2-D points")
        let count = points.count / 2
        var perMode = Array(repeating: 0, count: centres.count)
        for index in 0..<count {
            let point = SIMD2(points[2 * index], points[2 * index + 1])
            var nearest = 0
            var nearestDistance = Float.infinity
            for (mode, centre) in centres.enumerated() {
                let offset = point - centre
                let distance = (offset * offset).sum()
                if distance < nearestDistance { nearestDistance = distance; nearest = mode }
            }
            // A NaN point compares false and is never high quality.
            if nearestDistance <= radius * radius { perMode[nearest] += 1 }
        }
        let needed = minimumShare * Float(count) / Float(centres.count)
        let highQuality = perMode.reduce(0, +)
        return ModeCoverage(modes: centres.count, covered: perMode.filter { count > 0 && Float($0) >= needed }.count,
                            highQualityFraction: count == 0 ? 0 : Float(highQuality) / Float(count),
                            highQualityPerMode: perMode)
    }
}
