import BackpropLessons
import Foundation

/// One student's progress as the class report reads it: strictly read-only (a corrupt file
/// is reported, never moved aside as the app does for its own), and safe on hostile files:
/// a FIFO or device is not opened for reading, and nothing larger than a real progress
/// file is read.
struct StudentProgressFile {
    enum Status: Equatable {
        case read(LessonProgress)
        /// The folder exists but holds no progress yet.
        case noProgressYet
        /// The folder or file cannot be used; the reason in words.
        case problem(String)
    }

    /// The student's name as the report shows it.
    let student: String
    /// The student's state folder.
    let folder: String
    let status: Status
    /// When the file was last written, when it could be examined.
    let modified: Date?

    /// Larger than any real progress file (the app refuses its own beyond this too).
    static let maximumBytes = 4 * 1024 * 1024

    init(student: String, folder: String) {
        self.student = student
        self.folder = folder
        (status, modified) = Self.read(folder: folder)
    }

    var progress: LessonProgress? {
        if case .read(let progress) = status { return progress }
        return nil
    }

    var problem: String? {
        if case .problem(let reason) = status { return reason }
        return nil
    }

    private static func read(folder: String) -> (Status, Date?) {
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0 else { return (.problem("state folder: \(String(cString: strerror(errno)))"), nil) }
        guard folderInfo.st_mode & S_IFMT == S_IFDIR else { return (.problem("state folder is not a folder"), nil) }
        let path = (folder as NSString).appendingPathComponent(ProgressStore.fileName)
        var info = stat()
        guard stat(path, &info) == 0 else {
            return errno == ENOENT ? (.noProgressYet, nil) : (.problem("\(ProgressStore.fileName): \(String(cString: strerror(errno)))"), nil)
        }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        guard info.st_mode & S_IFMT == S_IFREG else { return (.problem("\(ProgressStore.fileName) is not a regular file"), modified) }
        guard info.st_size <= maximumBytes else { return (.problem("\(ProgressStore.fileName) is too large (\(info.st_size) bytes)"), modified) }
        // O_NONBLOCK: the file could have been swapped for a FIFO since the stat above.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return (.problem("\(ProgressStore.fileName): \(String(cString: strerror(errno)))"), modified) }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG, opened.st_size <= maximumBytes else {
            return (.problem("\(ProgressStore.fileName) changed while being read"), modified)
        }
        var bytes = [UInt8](repeating: 0, count: Int(opened.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return (.problem("\(ProgressStore.fileName): \(String(cString: strerror(errno)))"), modified) }
            if got == 0 { break }
            count += got
        }
        guard count <= maximumBytes, let progress = try? JSONDecoder().decode(LessonProgress.self, from: Data(bytes[0..<count])) else {
            return (.problem("\(ProgressStore.fileName) is corrupt (not a progress file)"), modified)
        }
        return (.read(progress), modified)
    }
}
