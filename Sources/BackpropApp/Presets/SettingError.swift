/// A `--set key=value` (or a lab setting) that cannot be applied; names the key, the value
/// and what is accepted.
public struct SettingError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }

    static func badValue(_ key: String, _ value: String, accepted: String) -> SettingError {
        SettingError("invalid value '\(value)' for key '\(key)': expected \(accepted)")
    }
}
