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

    /// Class counts the `classes` setting accepts (only spiral and gauss go beyond two).
    public static let classCountRange = 2...5

    /// Whether the generator can make more than two classes (more spiral arms, more clouds).
    public var supportsManyClasses: Bool { self == .spiral || self == .gauss }

    public var task: TaskKind { task(classes: 2) }

    /// The task with `classes` classes (regression sets ignore it).
    public func task(classes: Int) -> TaskKind {
        isRegression ? .regression(outputs: 1) : .classification(classes: classes)
    }

    /// Points generated per dataset, as in the Playground: 500 to classify, 1200 to regress.
    public var sampleCount: Int { isRegression ? 1200 : 500 }

    /// Names for class indices 0 and 1 (empty for regression).
    public var classNames: [String] { classNames(classes: 2) }

    /// Names for class indices: the Playground's -1/+1 for two classes, letters beyond.
    public func classNames(classes: Int) -> [String] {
        switch self {
        case .regressionPlane, .regressionGauss: []
        case .moons: ["upper moon", "lower moon"]
        default: classes == 2 ? ["-1", "+1"] : (0..<classes).map { String(UnicodeScalar(UInt8(65 + $0))) }
        }
    }

    /// Generates `sampleCount` points in generation order (not shuffled).
    ///
    /// `noise` is the Playground's internal value: the 0–50 % knob divided by 100.
    /// `classes` above 2 applies to spiral and gauss only (see `supportsManyClasses`).
    public func generatePoints(noise: Double, classes: Int = 2, using random: inout RandomGenerator) -> [PlaygroundPoint] {
        switch self {
        case .circle: PlaygroundGenerators.circle(count: sampleCount, noise: noise, using: &random)
        case .xor: PlaygroundGenerators.xor(count: sampleCount, noise: noise, using: &random)
        case .gauss: PlaygroundGenerators.gaussians(count: sampleCount, classes: classes, noise: noise, using: &random)
        case .spiral: PlaygroundGenerators.spiral(count: sampleCount, arms: classes, noise: noise, using: &random)
        case .moons: MoonsGenerator.moons(count: sampleCount, noise: noise, using: &random)
        case .regressionPlane: PlaygroundGenerators.plane(count: sampleCount, noise: noise, using: &random)
        case .regressionGauss: PlaygroundGenerators.sixGaussians(count: sampleCount, noise: noise, using: &random)
        }
    }
}
