import BackpropEngine

/// The 2-D datasets of the Playground: TensorFlow Playground's six plus scikit-learn's two moons.
///
/// Raw values are the names used on the command line and in lesson files.
public enum PlaygroundDataset: String, CaseIterable, Sendable {
    case circle
    case xor
    case gauss
    case spiral
    case moons
    case regressionPlane = "reg-plane"
    case regressionGauss = "reg-gauss"

    /// The dataset named `name`, or an error listing the accepted names.
    public static func named(_ name: String) throws(PlaygroundSettingError) -> PlaygroundDataset {
        guard let dataset = PlaygroundDataset(rawValue: name) else { throw .unknownDataset(name) }
        return dataset
    }

    public var isRegression: Bool { self == .regressionPlane || self == .regressionGauss }

    /// Number of classes for classification sets; nil for regression.
    public var classCount: Int? { isRegression ? nil : 2 }

    public var task: TaskKind {
        if let classCount { .classification(classes: classCount) } else { .regression(outputs: 1) }
    }

    /// Points generated per dataset, as in the Playground: 500 to classify, 1200 to regress.
    public var sampleCount: Int { isRegression ? 1200 : 500 }

    /// Names for class indices 0 and 1 (empty for regression).
    public var classNames: [String] {
        switch self {
        case .moons: ["upper moon", "lower moon"]
        case .regressionPlane, .regressionGauss: []
        default: ["-1", "+1"]
        }
    }

    /// Generates `sampleCount` points in generation order (not shuffled).
    ///
    /// `noise` is the Playground's internal value: the 0–50 % knob divided by 100.
    public func generatePoints(noise: Double, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        switch self {
        case .circle: PlaygroundGenerators.circle(count: sampleCount, noise: noise, using: &random)
        case .xor: PlaygroundGenerators.xor(count: sampleCount, noise: noise, using: &random)
        case .gauss: PlaygroundGenerators.twoGaussians(count: sampleCount, noise: noise, using: &random)
        case .spiral: PlaygroundGenerators.spiral(count: sampleCount, noise: noise, using: &random)
        case .moons: MoonsGenerator.moons(count: sampleCount, noise: noise, using: &random)
        case .regressionPlane: PlaygroundGenerators.plane(count: sampleCount, noise: noise, using: &random)
        case .regressionGauss: PlaygroundGenerators.sixGaussians(count: sampleCount, noise: noise, using: &random)
        }
    }
}
