import BackpropLessons

extension RunConfiguration {
    /// A lab's run: its preset with its settings applied in file order, as `--set` would,
    /// then `variant` (a claim's changed settings). The lab screen and the claims check both
    /// start from this, so a claim measures the run a learner sees.
    static func forLab(_ lab: Lab, adding variant: [LabSetting] = []) throws(SettingError) -> RunConfiguration {
        guard let preset = Preset.named(lab.preset) else { throw SettingError("unknown preset '\(lab.preset)'") }
        var configuration = preset.configuration
        for setting in lab.settings + variant { try configuration.apply(setting.assignment) }
        try configuration.validate()
        return configuration
    }
}
