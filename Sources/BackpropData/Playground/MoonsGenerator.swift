import BackpropEngine

/// scikit-learn's `make_moons`, placed in the Playground's ±6 view.
///
/// sklearn's definition: the upper moon (class 0) is (cos θ, sin θ) and the lower moon
/// (class 1) is (1 − cos θ, 0.5 − sin θ), θ evenly spaced over 0…π with both ends included;
/// the first half of the points (rounded down) go to the upper moon. Gaussian noise of
/// standard deviation σ is added to both coordinates.
///
/// Mapping to the Playground: the pair spans x 0…2 wide and −0.5…1 tall around (0.5, 0.25);
/// we shift that centre to the origin and scale by 3, so the moons fill about ±4.5 × ±2.25.
/// The noise knob maps linearly to σ = 0.6 × noise in sklearn units, so the knob's top (50 %)
/// gives σ = 0.3, the value sklearn's own classifier comparison uses for "hard" moons.
enum MoonsGenerator {
    static let scale = 3.0
    static let center = (x1: 0.5, x2: 0.25)
    static let noiseToStandardDeviation = 0.6

    static func moons(count: Int, noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        let upperCount = count / 2
        let lowerCount = count - upperCount
        let standardDeviation = noiseToStandardDeviation * noise
        var points: [PlaygroundPoint] = []
        points.reserveCapacity(count)
        for (howMany, label) in [(upperCount, 0.0), (lowerCount, 1.0)] {
            for i in 0..<howMany {
                let angle = howMany > 1 ? Double.pi * Double(i) / Double(howMany - 1) : 0
                var (x, y) = label == 0 ? (cos(angle), sin(angle)) : (1 - cos(angle), 0.5 - sin(angle))
                if standardDeviation > 0 {
                    x += random.normal(mean: 0, standardDeviation: standardDeviation)
                    y += random.normal(mean: 0, standardDeviation: standardDeviation)
                }
                points.append(PlaygroundPoint(x1: (x - center.x1) * scale, x2: (y - center.x2) * scale, label: label))
            }
        }
        return points
    }
}
