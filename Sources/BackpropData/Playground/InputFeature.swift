import Foundation

/// A feature the Playground can feed the network, computed from a point's (x1, x2).
///
/// Raw values are the command-line names; `displayLabel` is what the network diagram shows.
public enum InputFeature: String, CaseIterable, Sendable {
    case x1
    case x2
    case x1sq
    case x2sq
    case x1x2
    case sinx1
    case sinx2

    /// The features the Playground starts with.
    public static let defaults: [InputFeature] = [.x1, .x2]

    public var displayLabel: String {
        switch self {
        case .x1: "X₁"
        case .x2: "X₂"
        case .x1sq: "X₁²"
        case .x2sq: "X₂²"
        case .x1x2: "X₁X₂"
        case .sinx1: "sin(X₁)"
        case .sinx2: "sin(X₂)"
        }
    }

    public func value(x1: Double, x2: Double) -> Double {
        switch self {
        case .x1: x1
        case .x2: x2
        case .x1sq: x1 * x1
        case .x2sq: x2 * x2
        case .x1x2: x1 * x2
        case .sinx1: sin(x1)
        case .sinx2: sin(x2)
        }
    }

    /// The feature with command-line name `name`, or an error listing the accepted names.
    public static func named(_ name: String) throws(PlaygroundSettingError) -> InputFeature {
        guard let feature = InputFeature(rawValue: name) else { throw .unknownFeature(name) }
        return feature
    }

    /// Parses a comma-separated list such as `x1,x2,sinx1`; rejects empty lists and repeats.
    public static func parseList(_ text: String) throws(PlaygroundSettingError) -> [InputFeature] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var features: [InputFeature] = []
        for name in names {
            features.append(try named(name))
        }
        try validate(features)
        return features
    }

    /// Checks that a feature selection is usable as network inputs.
    public static func validate(_ features: [InputFeature]) throws(PlaygroundSettingError) {
        guard !features.isEmpty else { throw .noFeatures }
        var seen = Set<InputFeature>()
        for feature in features where !seen.insert(feature).inserted {
            throw .duplicateFeature(feature)
        }
    }
}
