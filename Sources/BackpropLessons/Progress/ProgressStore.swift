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
        removeStaleTemporaries()
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

    /// Writes `progress` atomically, creating the folder when needed, merged with what another
    /// instance may have saved since this one loaded: under an exclusive lock, the file is read
    /// again and the two are joined (`LessonProgress.merged`), so no instance's pages or goals
    /// are lost to the last writer. Returns what was written.
    @discardableResult
    public func save(_ progress: LessonProgress) throws -> LessonProgress {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        }
        defer { flock(lock, LOCK_UN) }
        let merged = readBack().map(progress.merged(with:)) ?? progress
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(merged)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        return merged
    }

    /// The file as saved now, when it can be read (a corrupt one is left to `load`).
    private func readBack() -> LessonProgress? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size, size <= Self.maximumBytes, let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(LessonProgress.self, from: data)
    }

    /// Removes temporary files that a process killed while saving left behind: their names
    /// carry the saving process's id, and that process no longer runs.
    public func removeStaleTemporaries() {
        let prefix = Self.fileName + ".tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ Int32($0) }),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
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
