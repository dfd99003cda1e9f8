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
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw ProgressStoreError(path: folder, reason: "cannot create the folder")
        }
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw ProgressStoreError(path: path + ".lock", errno: errno) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ProgressStoreError(path: path + ".lock", errno: errno) }
        }
        defer { flock(lock, LOCK_UN) }
        let merged = readBack().map(progress.merged(with:)) ?? progress
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(merged)
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        try Self.write(data, to: temporary)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ProgressStoreError(path: path, errno: code)
        }
        return merged
    }

    /// Writes a new file with `write(2)`, so a failure names its cause (a full disk, a
    /// read-only folder) rather than Foundation's "error 512"; a partial file is removed.
    private static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ProgressStoreError(path: path, errno: errno) }
        var failure: Int32?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { failure = errno; return }
                offset += written
            }
            if fsync(descriptor) != 0 { failure = errno }
        }
        close(descriptor)
        if let failure {
            unlink(path)
            throw ProgressStoreError(path: path, errno: failure)
        }
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

/// Progress that could not be saved: the file and the system's reason.
public struct ProgressStoreError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String { "\(path): \(reason)" }
}
