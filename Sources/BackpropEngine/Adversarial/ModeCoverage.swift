/// How well generated points cover the parts of a 2-D target: the modes of a mixture of
/// equal Gaussians (a ring of 8), or equal stretches of a curve (a spiral, two moons).
///
/// The target is described by *anchors*, each belonging to one region: a ring's anchors are
/// its mode centres, one region each; a curve's are closely spaced points along it, grouped
/// into stretches of equal length. Each generated point belongs to the region of its nearest
/// anchor. It is *high quality* when it lies within `radius` of that anchor (3 standard
/// deviations of the target's noise: 98.9% of the real points of a 2-D Gaussian do). A
/// region is *covered* when its high-quality points make up at least `minimumShare` of an
/// even share, `minimumShare · N / regions` (0.2 by default: with 2,000 points and 8 regions,
/// 50 points), so a handful of stray points does not count as a mode learned, and a generator
/// that has collapsed onto a few modes covers only those.
public struct ModeCoverage: Equatable, Sendable {
    /// Modes (or curve stretches) of the target.
    public var modes: Int
    /// Modes with enough high-quality points.
    public var covered: Int
    /// High-quality points over all generated points.
    public var highQualityFraction: Float
    /// High-quality points in each mode, in the order of the regions.
    public var highQualityPerMode: [Int]

    /// `points` are flattened pairs (x, y, x, y, …); each centre is a mode of its own.
    public static func measure(points: [Float], centres: [SIMD2<Float>], radius: Float,
                               minimumShare: Float = 0.2) -> ModeCoverage {
        measure(points: points, anchors: centres, regionOfAnchor: Array(centres.indices), regions: centres.count,
                radius: radius, minimumShare: minimumShare)
    }

    /// `points` are flattened pairs; `regionOfAnchor[i]` is the region (0..<regions) of `anchors[i]`.
    public static func measure(points: [Float], anchors: [SIMD2<Float>], regionOfAnchor: [Int], regions: Int,
                               radius: Float, minimumShare: Float = 0.2) -> ModeCoverage {
        precondition(!anchors.isEmpty && anchors.count == regionOfAnchor.count && regions > 0 && points.count % 2 == 0,
                     "mode coverage needs anchors, each with a region, and 2-D points")
        let count = points.count / 2
        var perRegion = Array(repeating: 0, count: regions)
        for index in 0..<count {
            let point = SIMD2(points[2 * index], points[2 * index + 1])
            var nearest = 0
            var nearestDistance = Float.infinity
            for (anchor, position) in anchors.enumerated() {
                let offset = point - position
                let distance = (offset * offset).sum()
                if distance < nearestDistance { nearestDistance = distance; nearest = anchor }
            }
            // A NaN point compares false and is never high quality.
            if nearestDistance <= radius * radius { perRegion[regionOfAnchor[nearest]] += 1 }
        }
        let needed = minimumShare * Float(count) / Float(regions)
        let highQuality = perRegion.reduce(0, +)
        return ModeCoverage(modes: regions, covered: perRegion.filter { count > 0 && Float($0) >= needed }.count,
                            highQualityFraction: count == 0 ? 0 : Float(highQuality) / Float(count),
                            highQualityPerMode: perRegion)
    }
}
