import BackpropEngine

/// TensorFlow Playground's generators (`src/dataset.ts`), redone on our seeded generator.
///
/// Radii, offsets and the meaning of `noise` (0…0.5) follow the Playground. For the
/// classification sets a label is decided in the Playground as -1/+1; here it is stored as
/// class index 0/1. Where the Playground labels a point by a noisy copy of its position
/// (circle, xor, both regressions), so do we: noise there flips labels, not positions.
enum PlaygroundGenerators {
    /// Class 1 inside radius 2.5 (points drawn with r in 0…2.5), class 0 drawn in the ring 3.5…5.
    static func circle(count: Int, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        let radius = 5.0
        var points: [PlaygroundPoint] = []
        points.reserveCapacity(count)
        func addPoints(_ howMany: Int, radii: ClosedRange<Double>) {
            for _ in 0..<howMany {
                let r = random.uniform(radii.lowerBound, radii.upperBound)
                let angle = random.uniform(0, 2 * Double.pi)
                let x1 = r * sin(angle)
                let x2 = r * cos(angle)
                let noise1 = random.uniform(-radius, radius) * noise
                let noise2 = random.uniform(-radius, radius) * noise
                let noisyDistance = ((x1 + noise1) * (x1 + noise1) + (x2 + noise2) * (x2 + noise2)).squareRoot()
                points.append(PlaygroundPoint(x1: x1, x2: x2, label: noisyDistance < radius * 0.5 ? 1 : 0))
            }
        }
        addPoints(count / 2, radii: 0...(radius * 0.5))
        addPoints(count / 2, radii: (radius * 0.7)...radius)
        return points
    }

    /// Uniform in the square ±5, pushed 0.3 away from both axes; class 1 where x1·x2 ≥ 0.
    static func xor(count: Int, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        let padding = 0.3
        return (0..<count).map { _ in
            var x1 = random.uniform(-5, 5)
            x1 += x1 > 0 ? padding : -padding
            var x2 = random.uniform(-5, 5)
            x2 += x2 > 0 ? padding : -padding
            let noise1 = random.uniform(-5, 5) * noise
            let noise2 = random.uniform(-5, 5) * noise
            let sameSign = (x1 + noise1) * (x2 + noise2) >= 0
            return PlaygroundPoint(x1: x1, x2: x2, label: sameSign ? 1 : 0)
        }
    }

    /// Normal clouds, `count / classes` points each: for two classes, class 1 around (2, 2)
    /// and class 0 around (-2, -2) as in the Playground; for more, the centres sit evenly on
    /// the circle through those two points. The variance grows linearly with noise from 0.5
    /// (noise 0) to 4 (noise 0.5).
    static func gaussians(count: Int, classes: Int = 2, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        let variance = 0.5 + (4 - 0.5) * (noise / 0.5)
        let standardDeviation = variance.squareRoot()
        var points: [PlaygroundPoint] = []
        points.reserveCapacity(count)
        for (center, label) in gaussianCenters(classes: classes) {
            for _ in 0..<(count / classes) {
                let x1 = random.normal(mean: center.x1, standardDeviation: standardDeviation)
                let x2 = random.normal(mean: center.x2, standardDeviation: standardDeviation)
                points.append(PlaygroundPoint(x1: x1, x2: x2, label: label))
            }
        }
        return points
    }

    /// Cloud centres in generation order with their labels; two classes keep the
    /// Playground's exact centres so its runs stay bit-identical.
    static func gaussianCenters(classes: Int) -> [(center: (x1: Double, x2: Double), label: Double)] {
        if classes == 2 { return [((2, 2), 1), ((-2, -2), 0)] }
        let radius = 8.0.squareRoot()
        return (0..<classes).map { index in
            let angle = Double.pi / 4 + 2 * Double.pi * Double(index) / Double(classes)
            return ((radius * cos(angle), radius * sin(angle)), Double(index))
        }
    }

    /// Interleaved arms of 1.75 turns out to radius 5, `count / arms` points each. With two
    /// arms, as in the Playground, class 1 starts at angle 0 and class 0 at π; with more,
    /// arm `i` starts at 2πi/arms and is class `i`. Noise moves each coordinate by up to ±noise.
    static func spiral(count: Int, arms: Int = 2, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        let perArm = count / arms
        var points: [PlaygroundPoint] = []
        points.reserveCapacity(count)
        let starts = arms == 2 ? [(0.0, 1.0), (Double.pi, 0.0)]
            : (0..<arms).map { (2 * Double.pi * Double($0) / Double(arms), Double($0)) }
        for (angleOffset, label) in starts {
            for i in 0..<perArm {
                let fraction = Double(i) / Double(perArm)
                let r = fraction * 5
                let t = 1.75 * fraction * 2 * Double.pi + angleOffset
                let x1 = r * sin(t) + random.uniform(-1, 1) * noise
                let x2 = r * cos(t) + random.uniform(-1, 1) * noise
                points.append(PlaygroundPoint(x1: x1, x2: x2, label: label))
            }
        }
        return points
    }

    /// Uniform in the square ±6; target (x1 + x2) / 10 at a noisy copy of the point.
    static func plane(count: Int, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        regression(count: count, noise: noise, using: &random, target: planeTarget)
    }

    /// Uniform in the square ±6; target from six signed bumps at noisy copies of the points.
    static func sixGaussians(count: Int, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        regression(count: count, noise: noise, using: &random, target: sixGaussiansTarget)
    }

    /// Points uniform in the square ±6, each labelled by `target` at a copy of the point moved
    /// by up to `noise` × 6 on each axis: the Playground's two regression sets differ only in it.
    private static func regression(count: Int, noise: Double, using random: inout RandomGenerator,
                                   target: (Double, Double) -> Double) -> [PlaygroundPoint] {
        let radius = 6.0
        return (0..<count).map { _ in
            let x1 = random.uniform(-radius, radius)
            let x2 = random.uniform(-radius, radius)
            let noise1 = random.uniform(-radius, radius) * noise
            let noise2 = random.uniform(-radius, radius) * noise
            return PlaygroundPoint(x1: x1, x2: x2, label: target(x1 + noise1, x2 + noise2))
        }
    }

    /// The reg-plane target: x1 + x2 mapped linearly from -10…10 to -1…1 (not clamped).
    static func planeTarget(x1: Double, x2: Double) -> Double {
        (x1 + x2) / 10
    }

    /// Bump centres and signs of reg-gauss: +1 at (-4, 2.5), (4, 2.5), (0, -2.5); -1 at the others.
    static let bumps: [(x1: Double, x2: Double, sign: Double)] = [
        (-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1),
        (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1),
    ]

    /// The reg-gauss target: each bump is 1 at its centre falling linearly to 0 at distance 2;
    /// the signed bump of largest size wins (the first one on a tie), 0 away from all bumps.
    static func sixGaussiansTarget(x1: Double, x2: Double) -> Double {
        var target = 0.0
        for bump in bumps {
            let distance = ((x1 - bump.x1) * (x1 - bump.x1) + (x2 - bump.x2) * (x2 - bump.x2)).squareRoot()
            let height = bump.sign * min(1, max(0, 1 - distance / 2))
            if abs(height) > abs(target) { target = height }
        }
        return target
    }
}
