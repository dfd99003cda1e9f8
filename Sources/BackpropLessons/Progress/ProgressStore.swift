import Foundation

/// Loads and saves progress in `progress.json` under the state folder. Saving writes a
/// temporary file and renames it over the old one, so a crash never leaves half a file; a
/// file that cannot be read back is set aside, and the learner starts afresh with a warning.
public struct ProgressStore: Sendable {
    public let folder: String
    public static let fileName = "progress.json"
    /// Larger than any real progress file; anything bigger is treated as corrupt.
    static let maximumBytes = 4 * 1024 * 1024

    public init(folder: String) { self.folder = folder }

    /// The store in the folder `environment` names (see `stateFolder`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(folder: Self.stateFolder(environment: environment))
    }

    /// `$BACKPROP_HOME` if set, else `$XDG_STATE_HOME/backprop`, else `~/.local/state/backprop`.
    public static func stateFolder(environment: [String: String]) -> String {
        if let home = environment["BACKPROP_HOME"], !home.isEmpty { return home }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("backprop")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/backprop")
    }

    public var path: String { (folder as NSString).appendingPathComponent(Self.fileName) }

    /// The saved progress, or a fresh one with a warning when the file was unreadable (it is
    /// renamed to `progress.json.corrupt-<timestamp>`). A missing file is a fresh start.
    public func load(now: Date = Date()) -> (progress: LessonProgress, warning: String?) {
        guard FileManager.default.fileExists(atPath: path) else { return (LessonProgress(), nil) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size <= Self.maximumBytes, let data = FileManager.default.contents(atPath: path),
           let progress = try? JSONDecoder().decode(LessonProgress.self, from: data) {
            return (progress, nil)
        }
        let aside = path + ".corrupt-" + Self.timestamp(now)
        do {
            try FileManager.default.moveItem(atPath: path, toPath: aside)
            return (LessonProgress(), "progress file \(path) could not be read; moved it to \(aside) and started afresh")
        } catch {
            return (LessonProgress(), "progress file \(path) could not be read nor moved aside (\(error.localizedDescription)); starting afresh")
        }
    }

    /// Writes `progress` atomically, creating the folder when needed.
    public func save(_ progress: LessonProgress) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(progress)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
