import BackpropEngine
import BackpropWidgets

/// The knobs of a GAN lab: each network's learning rate, the D steps per G step, the
/// latent size, the optimizer, the target, the layers and the batch. Each knob's id is its
/// `--set` key (`GANSettingKey`), so a lab unlocks it by that name, and a turned knob is
/// applied as that assignment.
enum AdversarialLabKnobs {
    static let learningRates: [Double] = [0.00001, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1]
    static let latentSizes: [Double] = [1, 2, 4, 8, 16, 32, 64]
    static let hiddenChoices = ["16,16", "32,32", "64,64", "128,128", "256,256", "128,128,128"]
    static let batchSizes: [Double] = [16, 32, 64, 128, 256, 512, 1024]

    static func knobs(for configuration: GANConfiguration) -> [Knob] {
        let hidden = configuration.hidden.map(String.init).joined(separator: ",")
        return [
            number(.generatorLearningRate, "G learning rate", "G lr", Double(configuration.generatorLearningRate), learningRates, .compact),
            number(.discriminatorLearningRate, "D learning rate", "D lr", Double(configuration.discriminatorLearningRate), learningRates, .compact),
            Knob(id: GANSettingKey.discriminatorSteps.rawValue, label: "D steps per G step", shortLabel: "D steps",
                 setting: .number(value: Double(configuration.discriminatorSteps), range: 1...10, steps: .linear(1), format: .integer)),
            number(.latent, "Latent size", "Latent", Double(configuration.latentSize), latentSizes, .integer),
            choice(.optimizer, "Optimizer", OptimizerKind.allCases.map(\.rawValue), configuration.optimizer.rawValue),
            choice(.dataset, "Target", GANDataset.allCases.map(\.rawValue), configuration.dataset.rawValue),
            choice(.hidden, "Hidden (G and D)", shortLabel: "Hidden", hiddenChoices.contains(hidden) ? hiddenChoices : hiddenChoices + [hidden], hidden),
            number(.batch, "Batch size", "Batch", Double(configuration.batchSize), batchSizes, .integer),
        ]
    }

    /// The `--set` assignment a knob's value stands for: `lr_g=0.003`, `dataset=spiral`.
    static func assignment(of knob: Knob) -> String {
        if let option = knob.selectedOption { return "\(knob.id)=\(option)" }
        guard let value = knob.numericValue else { return "\(knob.id)=" }
        let text = value == value.rounded() && abs(value) >= 1 ? String(Int(value)) : String(value)
        return "\(knob.id)=\(text)"
    }

    private static func number(_ key: GANSettingKey, _ label: String, _ shortLabel: String, _ value: Double, _ ladder: [Double],
                               _ format: NumberFormat) -> Knob {
        // A value off the ladder (a lab's own setting) joins it, so the knob shows it and steps from it.
        let steps = ladder.contains(value) ? ladder : (ladder + [value]).sorted()
        return Knob(id: key.rawValue, label: label, shortLabel: shortLabel,
                    setting: .number(value: value, range: steps.first!...steps.last!, steps: .ladder(steps), format: format))
    }

    private static func choice(_ key: GANSettingKey, _ label: String, shortLabel: String? = nil, _ options: [String], _ value: String) -> Knob {
        Knob(id: key.rawValue, label: label, shortLabel: shortLabel, setting: .choice(options: options, selected: options.firstIndex(of: value) ?? 0))
    }
}
