import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A path the user asked Backprop to write (`--metrics`, `--save`), checked before the run
/// starts so that a bad path fails in a second rather than after an hour of training.
///
/// What is at the path decides how it is written, and it is never replaced by something else:
/// - nothing yet, or a regular file: the new contents go to a temporary file in the same
///   folder, which is then renamed over the target, so a crash never leaves half a file (a
///   file in a folder Backprop may not write is truncated and written in place instead), and
///   the temporaries of runs killed mid-save are removed first (see `OutputTemporary`);
/// - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe): written into
///   as a stream, never replaced;
/// - a symbolic link: followed; its target is written by the rules above and the link stays;
/// - a read-only file, a directory, a block device or a socket: refused.
struct OutputFile: Equatable {
    enum Destination: Equatable {
        /// A descriptor the process already has open: `-` and `/dev/stdout` are 1,
        /// `/dev/stderr` is 2, `/dev/fd/N` and `/proc/self/fd/N` are N. Written into as it is.
        case descriptor(Int32)
        /// A character device or a FIFO at this (resolved) path, written into.
        case stream(String)
        /// A regular file at this (resolved) path, or the path of a file to create.
        case file(String, existing: Bool)
    }

    /// The option that named the path, for messages (`--metrics`).
    let option: String
    /// The path as the user gave it.
    let path: String
    let destination: Destination

    /// Checks `path` for `option`; throws an `OutputFileError` that names both when the path
    /// cannot be written. `-` means standard output where `allowsStandardOutput`.
    init(option: String, path: String, allowsStandardOutput: Bool) throws(OutputFileError) {
        self.option = option
        self.path = path
        func fail(_ reason: String) -> OutputFileError { OutputFileError(option: option, path: path, reason: reason) }
        if path.isEmpty { throw fail("the path is empty") }
        if path == "-" {
            guard allowsStandardOutput else { throw fail("writing to standard output is not supported here; give a file name") }
            destination = .descriptor(STDOUT_FILENO)
            return
        }
        if let inherited = Self.inheritedDescriptor(path) {
            guard fcntl(inherited, F_GETFL) >= 0 else { throw fail("descriptor \(inherited) is not open") }
            destination = .descriptor(inherited)
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT, lstat(path, &status) == 0, Self.kind(status) == S_IFLNK {
                throw fail("it is a symbolic link to '\(Self.linkTarget(path) ?? "?")', which does not exist")
            }
            guard code == ENOENT else { throw fail(Self.describe(errno: code)) }
            try Self.checkFolder(of: path, fail: fail)
            destination = .file(path, existing: false)
            return
        }
        // A symbolic link is followed: what it points at is written, and the link stays.
        let resolved = Self.realPath(path) ?? path
        switch Self.kind(status) {

        case S_IFDIR:
            throw fail("it is a directory")
        case S_IFBLK:
            throw fail("it is a block device; Backprop writes regular files, character devices and FIFOs only")
        case S_IFSOCK:
            throw fail("it is a socket; Backprop writes regular files, character devices and FIFOs only")
        case S_IFCHR, S_IFIFO:
            guard access(resolved, W_OK) == 0 else { throw fail("it is not writable (\(Self.describe(errno: errno)))") }
            destination = .stream(resolved)
        default:
            // Root may write anything, so the mode bits are checked as well: a file nobody may
            // write was made read-only on purpose, and Backprop does not overwrite it.
            guard status.st_mode & 0o222 != 0, access(resolved, W_OK) == 0 else {
                throw fail(String(format: "it is read-only (mode %04o); Backprop does not replace it", status.st_mode & 0o7777))
            }
            destination = .file(resolved, existing: true)
        }
    }

    /// Opens the destination for writing a stream of lines, such as the metrics CSV. A regular
    /// file is truncated and written in place, so a reader can follow it while the run trains.
    func openForStreaming() throws(OutputFileError) -> DescriptorWriter {
        switch destination {
        case .descriptor(let descriptor):
            return DescriptorWriter(descriptor: descriptor, closesWhenDone: false, name: path, option: option)
        case .stream(let target):
            return try open(target, flags: O_WRONLY | O_NOCTTY)
        case .file(let target, _):
            return try open(target, flags: O_WRONLY | O_NOCTTY | O_CREAT | O_TRUNC)
        }
    }

    /// Writes `contents` as the whole new content of the destination: atomically (temporary file
    /// and rename) for a regular or new file, straight through for a device or FIFO.
    func write(_ contents: Data) throws(OutputFileError) {
        switch destination {
        case .descriptor, .stream:
            let stream = try openForStreaming()
            defer { stream.close() }
            try stream.write(contents)
        case .file(let target, let existing):
            let folder = Self.folder(of: target)
            if existing && access(folder, W_OK) != 0 {
                // No temporary file can be made beside it: write the file in place.
                let stream = try openForStreaming()
                defer { stream.close() }
                try stream.write(contents)
                return
            }
            try writeReplacing(target, in: folder, contents: contents, existing: existing)
        }
    }

    private func writeReplacing(_ target: String, in folder: String, contents: Data, existing: Bool) throws(OutputFileError) {
        OutputTemporary.removeStale(in: folder)
        var template = Array(OutputTemporary.template(for: target, in: folder).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw OutputFileError(option: option, path: path, reason: "cannot create a temporary file in '\(folder)': \(Self.describe(errno: errno))")
        }
        OutputTemporary.lock(descriptor)
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var keep = false
        defer { if !keep { unlink(temporary) } }
        // Keep the mode of the file being replaced; a new file gets the usual 0666 less the umask.
        var status = stat()
        let mode: mode_t = existing && stat(target, &status) == 0 ? status.st_mode & 0o7777 : 0o666 & ~Self.currentUmask()
        fchmod(descriptor, mode)
        let stream = DescriptorWriter(descriptor: descriptor, closesWhenDone: true, name: path, option: option)
        do {
            try stream.write(contents)
            try stream.synchronize()
        } catch {
            stream.close()
            throw error
        }
        stream.close()
        guard rename(temporary, target) == 0 else {
            throw OutputFileError(option: option, path: path, reason: "cannot rename the finished file into place: \(Self.describe(errno: errno))")
        }
        keep = true
    }

    private func open(_ target: String, flags: Int32) throws(OutputFileError) -> DescriptorWriter {
        let descriptor = Glibc.open(target, flags | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw OutputFileError(option: option, path: path, reason: "cannot open it: \(Self.describe(errno: errno))")
        }
        return DescriptorWriter(descriptor: descriptor, closesWhenDone: true, name: path, option: option)
    }

    /// The descriptor a path names when it is one of the process's own: `/dev/stdout`,
    /// `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`. Opening these anew would start a
    /// redirected file from its beginning; writing the descriptor continues it.
    private static func inheritedDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    private static func checkFolder(of path: String, fail: (String) -> OutputFileError) throws(OutputFileError) {
        let folder = folder(of: path)
        var status = stat()
        guard stat(folder, &status) == 0 else { throw fail("the folder '\(folder)' does not exist") }
        guard kind(status) == S_IFDIR else { throw fail("'\(folder)' is not a folder") }
        guard access(folder, W_OK) == 0 else { throw fail("the folder '\(folder)' is not writable") }
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func kind(_ status: stat) -> mode_t { status.st_mode & S_IFMT }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    static func describe(errno code: Int32) -> String { String(cString: strerror(code)) }
}

/// A path given to an option that cannot be written; the message names the option, the path and why.
struct OutputFileError: Error, CustomStringConvertible, Equatable {
    let option: String
    let path: String
    let reason: String
    var description: String { "\(option): cannot write '\(path)': \(reason)" }
}
