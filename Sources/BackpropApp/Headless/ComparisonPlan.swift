/// The runs `backprop compare` trains: every variant's configuration, built and checked before
/// the first run starts, so that a bad value in the last variant fails in a second rather than
/// after the others have trained.
struct ComparisonPlan {
    /// A variant and the configuration it trains.
    struct Entry {
        let variant: Variant
        let configuration: RunConfiguration
    }

    static let seedCounts = 1...100

    let preset: String
    let varied: [VariedSetting]
    let entries: [Entry]
    /// The seeds every variant trains with: 1 to N, the same for each.
    let seeds: [UInt64]

    /// Applies `settings`, then `epochs` when given, then each variant's values to `preset`;
    /// throws naming the first problem found.
    init(preset: String, settings: [String], varied: [VariedSetting], epochs: Int?, seedCount: Int) throws(SettingError) {
        guard Self.seedCounts.contains(seedCount) else {
            throw SettingError("invalid value '\(seedCount)' for --seeds: expected \(Self.seedCounts.lowerBound) to \(Self.seedCounts.upperBound)")
        }
        try Self.checkKeysGivenOnce(settings: settings, varied: varied, epochs: epochs)
        var shared = settings
        if let epochs {
            guard (1...100_000).contains(epochs) else { throw SettingError("invalid value '\(epochs)' for --epochs: expected 1 to 100000") }
            shared.append("\(SettingKey.epochs.rawValue)=\(epochs)")
        }
        var entries: [Entry] = []
        for variant in Variant.grid(varied) {
            let configuration = try checkedConfiguration(preset: preset, settings: shared + variant.assignments)
            if configuration.runsWithoutStop {
                throw SettingError("invalid value 'never' for epochs: a headless run needs a last epoch (an integer from 1 to 100000)")
            }
            if let twin = entries.first(where: { $0.configuration == configuration }) {
                throw SettingError("--vary: '\(twin.variant.label)' and '\(variant.label)' train the same configuration; give each value once")
            }
            if let clash = entries.first(where: { $0.variant.fileStem == variant.fileStem }) {
                throw SettingError("--vary: '\(clash.variant.label)' and '\(variant.label)' would share the metrics file names '\(variant.fileStem).seedN.csv'")
            }
            entries.append(Entry(variant: variant, configuration: configuration))
        }
        self.preset = preset
        self.varied = varied
        self.entries = entries
        seeds = (1...UInt64(seedCount)).map { $0 }
    }

    /// A key varied twice, or both varied and set, would leave one of its values unused.
    private static func checkKeysGivenOnce(settings: [String], varied: [VariedSetting], epochs: Int?) throws(SettingError) {
        var seen: Set<SettingKey> = []
        for setting in varied where !seen.insert(setting.key).inserted {
            throw SettingError("--vary \(setting.key.rawValue) is given twice; list all its values in one --vary")
        }
        let setKeys = settings.map { String($0.prefix { $0 != "=" }).trimmingWhitespace }
        if let both = varied.first(where: { setKeys.contains($0.key.rawValue) }) {
            throw SettingError("key '\(both.key.rawValue)' is given to both --set and --vary; give it to one")
        }
        if epochs != nil, seen.contains(.epochs) {
            throw SettingError("--epochs and --vary epochs both set the number of epochs; give one")
        }
    }

    /// Each variant's metrics file name for `seed` (`lr=0.3.seed1.csv`).
    static func metricsFileName(_ variant: Variant, seed: UInt64) -> String { "\(variant.fileStem).seed\(seed).csv" }
}
