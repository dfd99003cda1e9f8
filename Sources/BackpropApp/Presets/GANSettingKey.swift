import BackpropEngine

/// The keys `--set` accepts for a GAN preset, each with what it expects.
public enum GANSettingKey: String, CaseIterable, Sendable {
    case generatorLearningRate = "lr_g", discriminatorLearningRate = "lr_d", latent
    case discriminatorSteps = "d_steps", optimizer, dataset, hidden, activation, batch, epochs
    case stepsPerEpoch = "epoch_steps"

    public var accepted: String {
        switch self {
        case .generatorLearningRate: "a number from 1e-7 to 10 (the generator's learning rate)"
        case .discriminatorLearningRate: "a number from 1e-7 to 10 (the discriminator's learning rate)"
        case .latent: "an integer from 1 to 64 (the size of the generator's noise vector)"
        case .discriminatorSteps: "an integer from 1 to 10 (discriminator updates per generator update)"
        case .optimizer: "one of " + OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ") + " (both networks; Adam with beta1 0.5)"
        case .dataset: "one of " + GANDataset.allCases.map(\.rawValue).joined(separator: ", ")
            + " (coverage counts the ring's 8 modes, or 8 stretches of equal length along a curve)"
        case .hidden: "comma-separated layer sizes from 1 to 512, 1 to 4 layers (both networks)"
        case .activation: "one of " + ActivationFunction.allCases.map(\.rawValue).joined(separator: ", ")
        case .batch: "an integer from 1 to 4096"
        case .epochs: "an integer from 1 to 100000"
        case .stepsPerEpoch: "an integer from 1 to 100000 (generator steps between coverage measurements)"
        }
    }

    public static var acceptedKeys: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension GANConfiguration {
    /// Applies one `key=value` assignment, or explains what is wrong with it.
    public mutating func apply(_ assignment: String) throws(SettingError) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw SettingError("expected key=value, got '\(assignment)'; keys: \(GANSettingKey.acceptedKeys)")
        }
        let key = String(assignment[..<equals]).trimmingWhitespace
        let value = String(assignment[assignment.index(after: equals)...]).trimmingWhitespace
        guard let settingKey = GANSettingKey(rawValue: key) else {
            throw SettingError("unknown key '\(key)' for preset '\(preset)'; accepted keys: \(GANSettingKey.acceptedKeys)")
        }
        let bad = SettingError.badValue(key, value, accepted: settingKey.accepted)
        func number(_ range: ClosedRange<Float>) throws(SettingError) -> Float {
            guard let number = Float(value), number.isFinite, range.contains(number) else { throw bad }
            return number
        }
        func integer(_ range: ClosedRange<Int>) throws(SettingError) -> Int {
            guard let number = Int(value), range.contains(number) else { throw bad }
            return number
        }
        switch settingKey {
        case .generatorLearningRate: generatorLearningRate = try number(1e-7...10)
        case .discriminatorLearningRate: discriminatorLearningRate = try number(1e-7...10)
        case .latent: latentSize = try integer(1...64)
        case .discriminatorSteps: discriminatorSteps = try integer(1...10)
        case .optimizer:
            guard let kind = OptimizerKind(rawValue: value) else { throw bad }
            optimizer = kind
        case .dataset:
            guard let choice = GANDataset(rawValue: value) else { throw bad }
            dataset = choice
        case .hidden:
            let sizes = value.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingWhitespace) }
            guard (1...4).contains(sizes.count), sizes.allSatisfy({ $0 != nil && (1...512).contains($0!) }) else { throw bad }
            hidden = sizes.map { $0! }
        case .activation:
            guard let function = ActivationFunction(rawValue: value) else { throw bad }
            activation = function
        case .batch: batchSize = try integer(1...4096)
        case .epochs: epochs = try integer(1...100_000)
        case .stepsPerEpoch: stepsPerEpoch = try integer(1...100_000)
        }
    }
}

extension GANConfiguration {
    /// The value `key` holds, written as `--set` accepts it.
    func value(of key: GANSettingKey) -> String {
        switch key {
        case .generatorLearningRate: "\(generatorLearningRate)"
        case .discriminatorLearningRate: "\(discriminatorLearningRate)"
        case .latent: "\(latentSize)"
        case .discriminatorSteps: "\(discriminatorSteps)"
        case .optimizer: optimizer.rawValue
        case .dataset: dataset.rawValue
        case .hidden: hidden.map(String.init).joined(separator: ",")
        case .activation: activation.rawValue
        case .batch: "\(batchSize)"
        case .epochs: "\(epochs)"
        case .stepsPerEpoch: "\(stepsPerEpoch)"
        }
    }

    /// The `key=value` assignments that turn `base` into this configuration, in key order.
    func assignments(from base: GANConfiguration) -> [String] {
        GANSettingKey.allCases.filter { value(of: $0) != base.value(of: $0) }.map { "\($0.rawValue)=\(value(of: $0))" }
    }
}
