/// A key and what it does, as shown in the status bar and the help overlay.
public struct KeyHint: Sendable, Equatable {
    /// How the key is written: `Space`, `s`, `←/→`.
    public var key: String
    public var action: String

    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }
}
