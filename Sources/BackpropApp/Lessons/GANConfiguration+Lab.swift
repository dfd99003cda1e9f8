import BackpropLessons

extension GANConfiguration {
    /// A GAN lab's run: its preset with the lab's settings, then `variant` (a claim's
    /// changed settings), in order, as `--set` would. The lab screen and the claims check
    /// both start from this, as `RunConfiguration.forLab` does for a single network.
    static func forLab(_ lab: Lab, adding variant: [LabSetting] = []) throws(SettingError) -> GANConfiguration {
        guard let preset = GANPreset.named(lab.preset) else { throw SettingError("unknown GAN preset '\(lab.preset)'") }
        var configuration = preset.configuration
        for setting in lab.settings + variant { try configuration.apply(setting.assignment) }
        return configuration
    }

    /// Trainable numbers in both networks, counted from their specs.
    var parameterCount: Int { generatorSpec.parameterCount + discriminatorSpec.parameterCount }

    /// Hidden neurons of both networks together.
    var hiddenNeurons: Int { 2 * hidden.reduce(0, +) }
}
