/// Which settings of a kept run differ from the live run's, as the comparison legend says
/// them: `lr 0.3 → 0.03` (the kept run's value, then the live run's), keyed as `--set` keys.
enum SettingDifferences {
    static func between(kept: RunConfiguration, live: RunConfiguration) -> [String] {
        RunConfiguration.assignmentOrder.compactMap { key in
            let before = kept.settingValue(key), now = live.settingValue(key)
            guard before != now else { return nil }
            return "\(key.rawValue) \(before ?? "–") → \(now ?? "–")"
        }
    }

    /// The differences for a legend entry: the first `limit`, then how many more there are.
    static func summary(kept: RunConfiguration, live: RunConfiguration, limit: Int = 2) -> String {
        let differences = between(kept: kept, live: live)
        guard !differences.isEmpty else { return "same settings" }
        let shown = differences.prefix(limit).joined(separator: ", ")
        return differences.count > limit ? shown + " +\(differences.count - limit) more" : shown
    }
}
