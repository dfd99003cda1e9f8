import ArgumentParser

/// `backprop presets`: lists the presets and the keys `--set` accepts.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "presets", abstract: "List the training presets and --set keys.")

    func run() {
        let width = Preset.all.map(\.name.count).max() ?? 0
        for preset in Preset.all {
            print(preset.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + preset.summary)
        }
        for preset in GANPreset.all {
            print(preset.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + preset.summary)
        }
        print("\n--set keys:")
        for key in SettingKey.allCases {
            print("  " + key.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + key.accepted)
        }
        print("\n--set keys of the GAN presets (\(GANPreset.all.map(\.name).joined(separator: ", "))):")
        for key in GANSettingKey.allCases {
            print("  " + key.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + key.accepted)
        }
    }
}
