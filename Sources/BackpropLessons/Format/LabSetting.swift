/// One `key: value` of a lab's settings, as `--set key=value` would take it.
public struct LabSetting: Equatable, Sendable {
    public let key: String
    public let value: String
    /// Line of the setting in the lesson file.
    public let line: Int

    public init(key: String, value: String, line: Int) {
        self.key = key
        self.value = value
        self.line = line
    }

    /// The `key=value` form `RunConfiguration.apply` accepts.
    public var assignment: String { "\(key)=\(value)" }
}
