import BackpropEngine
import Foundation

/// A 2-D target made of curves, points spread evenly along their length with Gaussian noise
/// of `deviation` on both coordinates: a spiral or two moons.
///
/// A curve has no modes to count, so coverage splits its whole length into `regions` stretches
/// of equal length and counts the stretches the generator reaches (`ModeCoverage` with the
/// curve's vertices as anchors): a generator that draws only one moon covers 4 of 8.
public struct NoisyCurve: AdversarialTarget, Equatable {
    /// Closely spaced points along the curves (far closer than `deviation`).
    public let vertices: [SIMD2<Float>]
    /// Whether the segment from vertex i to i+1 belongs to the curve (false between two curves).
    private let joined: [Bool]
    /// Arc length from the start to each vertex, counting joined segments only.
    private let arcLength: [Float]
    /// The stretch (0..<regions) each vertex lies in.
    public let regionOfVertex: [Int]
    public let regions: Int
    public let deviation: Float

    /// `curves` are polylines; each is a piece of the target on its own.
    public init(curves: [[SIMD2<Float>]], deviation: Float, regions: Int = 8) {
        var vertices: [SIMD2<Float>] = [], joined: [Bool] = [], arcLength: [Float] = []
        var length: Float = 0
        for curve in curves {
            for (index, vertex) in curve.enumerated() {
                if index > 0 {
                    let step = vertex - curve[index - 1]
                    length += (step * step).sum().squareRoot()
                }
                vertices.append(vertex)
                arcLength.append(length)
                joined.append(index < curve.count - 1)
            }
        }
        self.vertices = vertices
        self.joined = joined
        self.arcLength = arcLength
        self.regions = regions
        self.deviation = deviation
        // A vertex belongs where the segment before it lies (its midpoint's arc length), so the
        // end of one moon is not counted in the next moon's first stretch.
        regionOfVertex = arcLength.indices.map { index in
            let middle = index > 0 && joined[index - 1] ? (arcLength[index - 1] + arcLength[index]) / 2 : arcLength[index]
            return min(regions - 1, Int(Float(regions) * middle / max(length, 1e-9)))
        }
    }

    /// A spiral of 1.5 turns from radius 0.3 to 2, 1,200 vertices (σ 0.05, as the ring's).
    public static func spiral(deviation: Float = 0.05) -> NoisyCurve {
        let turns = 1.5, count = 1_200
        let points = (0..<count).map { index -> SIMD2<Float> in
            let t = Double(index) / Double(count - 1)
            let angle = 2 * Double.pi * turns * t
            let radius = 0.3 + 1.7 * t
            return SIMD2(Float(radius * cos(angle)), Float(radius * sin(angle)))
        }
        return NoisyCurve(curves: [points], deviation: deviation)
    }

    /// scikit-learn's two moons — (cos θ, sin θ) and (1 − cos θ, 0.5 − sin θ), θ over 0…π —
    /// centred on the origin and scaled by 1.5, so they span ±2.25 × ±1.1 like the ring's ±2;
    /// 600 vertices each. The 8 stretches are 4 per moon.
    public static func moons(deviation: Float = 0.05) -> NoisyCurve {
        let count = 600, scale: Float = 1.5, centre = SIMD2<Float>(0.5, 0.25)
        func moon(_ point: (Double) -> (Double, Double)) -> [SIMD2<Float>] {
            (0..<count).map { index in
                let (x, y) = point(Double.pi * Double(index) / Double(count - 1))
                return (SIMD2(Float(x), Float(y)) - centre) * scale
            }
        }
        return NoisyCurve(curves: [moon { (cos($0), sin($0)) }, moon { (1 - cos($0), 0.5 - sin($0)) }], deviation: deviation)
    }

    /// Points uniform in arc length along the curves, plus noise.
    public func sample(count: Int, random: inout RandomGenerator) -> Tensor {
        let points = Tensor(rows: count, columns: 2)
        let total = arcLength.last ?? 0
        for row in 0..<count {
            let point = pointAt(length: Float(random.uniform()) * total)
            points[row, 0] = point.x + deviation * Float(random.normal())
            points[row, 1] = point.y + deviation * Float(random.normal())
        }
        return points
    }

    /// The point `length` along the curves (between two curves' ends, arc length does not grow).
    private func pointAt(length: Float) -> SIMD2<Float> {
        // The first vertex whose arc length reaches `length`, found by bisection.
        var low = 0, high = vertices.count - 1
        while low < high {
            let middle = (low + high) / 2
            if arcLength[middle] < length { low = middle + 1 } else { high = middle }
        }
        guard low > 0, joined[low - 1] else { return vertices[low] }
        let span = arcLength[low] - arcLength[low - 1]
        let fraction = span > 0 ? (length - arcLength[low - 1]) / span : 0
        return vertices[low - 1] + (vertices[low] - vertices[low - 1]) * fraction
    }

    /// High quality within 3σ of the curve; coverage counts stretches of equal length.
    public func coverage(of points: [Float]) -> ModeCoverage {
        ModeCoverage.measure(points: points, anchors: vertices, regionOfAnchor: regionOfVertex, regions: regions,
                             radius: 3 * deviation)
    }
}
