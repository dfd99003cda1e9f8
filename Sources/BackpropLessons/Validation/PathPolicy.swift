import Foundation

/// Where a lesson may point: its own folder and the dataset roots, nothing else. Any value
/// that looks like a path is checked before anything else reads it.
public struct PathPolicy: Equatable, Sendable {
    /// Absolute folders, symlinks resolved.
    public let roots: [String]

    public init(roots: [String]) {
        self.roots = roots.map(Self.resolve)
    }

    /// Whether a value is meant as a path rather than a name.
    public static func looksLikePath(_ value: String) -> Bool {
        value.contains("/") || value.contains("\\") || value.hasPrefix(".") || value.hasPrefix("~")
    }

    /// Why `value` may not be used, or nil when it stays inside a root. Relative paths are
    /// taken from `folder` (the lesson's folder).
    public func problem(with value: String, relativeTo folder: String) -> String? {
        let outside = "path '\(value)' is outside the lessons folder and the dataset roots"
        if value.hasPrefix("~") || value.contains("\\") || value.contains("\0") { return outside }
        let absolute = value.hasPrefix("/") ? value : (Self.resolve(folder) as NSString).appendingPathComponent(value)
        let resolved = Self.resolve(absolute)
        let inside = roots.contains { root in resolved == root || resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
        return inside ? nil : outside
    }

    /// Absolute, `.` and `..` removed, symlinks resolved where they exist.
    private static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
