/// A Playground setting that is out of range or unknown; the description names the accepted choices.
public enum PlaygroundSettingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownDataset(String)
    case unknownFeature(String)
    case noiseOutOfRange(Int)
    case trainPercentOutOfRange(Int)
    case noFeatures
    case duplicateFeature(InputFeature)
    case unsupportedClassCount(Int, PlaygroundDataset)

    public var description: String {
        switch self {
        case .unknownDataset(let name):
            "unknown dataset '\(name)'; choose one of: \(PlaygroundDataset.allCases.map(\.rawValue).joined(separator: ", "))"
        case .unknownFeature(let name):
            "unknown input feature '\(name)'; choose from: \(InputFeature.allCases.map(\.rawValue).joined(separator: ", "))"
        case .noiseOutOfRange(let noise):
            "noise \(noise)% is outside \(PlaygroundData.noisePercentRange.lowerBound)...\(PlaygroundData.noisePercentRange.upperBound)"
        case .trainPercentOutOfRange(let percent):
            "train ratio \(percent)% is outside \(PlaygroundData.trainPercentRange.lowerBound)...\(PlaygroundData.trainPercentRange.upperBound)"
        case .noFeatures:
            "choose at least one input feature from: \(InputFeature.allCases.map(\.rawValue).joined(separator: ", "))"
        case .duplicateFeature(let feature):
            "input feature '\(feature.rawValue)' is listed twice"
        case .unsupportedClassCount(let classes, let dataset):
            dataset.supportsManyClasses
                ? "\(classes) classes is outside \(PlaygroundDataset.classCountRange.lowerBound)...\(PlaygroundDataset.classCountRange.upperBound)"
                : "dataset '\(dataset.rawValue)' has 2 classes; more classes work with spiral and gauss"
        }
    }
}
