import Foundation
import Synchronization

/// The words of each word-list file read so far, kept for the life of the process. Every word
/// lab and claim of every lesson asks for the same file with its own limit and sequence length,
/// and reading and splitting the file is most of what a load costs; a file that changed (its
/// size, time or inode) is read again.
enum WordListFiles {
    /// What identifies one version of a file without reading it (of the file a link points
    /// at: a link's own attributes would not change when its target does).
    private struct Stamp: Equatable {
        let size: Int
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int
        let inode: UInt
    }

    private struct Entry {
        let stamp: Stamp
        let words: [String]
    }

    /// Held while a file is read, so two threads asking at once read it once.
    private static let entries = Mutex<[String: Entry]>([:])
    private static let reads = Mutex<[String: Int]>([:])

    /// How many times this process has read and split the word-list file at `path`.
    static func readCount(of path: String) -> Int { reads.withLock { $0[path, default: 0] } }

    /// The non-empty, trimmed lines of the file at `path`, in file order.
    static func words(at path: String) throws(DatasetError) -> [String] {
        let handle = try openRegularFile(path)
        let stamp = try stamp(of: handle, path: path)
        return try entries.withLock { (entries: inout [String: Entry]) throws(DatasetError) -> [String] in
            if let entry = entries[path], entry.stamp == stamp { return entry.words }
            let words = try read(handle, path: path)
            entries[path] = Entry(stamp: stamp, words: words)
            return words
        }
    }

    /// The file at `path`, opened without blocking and checked on the descriptor itself: a
    /// FIFO or a device would block the read or never end, and checking the path before
    /// opening it would leave a moment for one to be put in its place.
    private static func openRegularFile(_ path: String) throws(DatasetError) -> FileHandle {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .missingFile(path: path) }
            throw .unreadable(path: path, reason: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// The opened file's stamp, once it is known to be a regular file within the size limit.
    private static func stamp(of handle: FileHandle, path: String) throws(DatasetError) -> Stamp {
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadable(path: path, reason: "is not a regular file")
        }
        guard Int(status.st_size) <= WordList.maximumBytes else {
            throw .unreadable(path: path, reason: "larger than \(WordList.maximumBytes >> 20) MiB")
        }
        return Stamp(size: Int(status.st_size), modifiedSeconds: Int(status.st_mtim.tv_sec),
                     modifiedNanoseconds: Int(status.st_mtim.tv_nsec), inode: UInt(status.st_ino))
    }

    private static func read(_ handle: FileHandle, path: String) throws(DatasetError) -> [String] {
        // No more than the limit, even when the file grew after it was measured.
        guard let data = try? handle.read(upToCount: WordList.maximumBytes + 1) ?? Data(), data.count <= WordList.maximumBytes else {
            throw .unreadable(path: path, reason: "cannot be read, or larger than \(WordList.maximumBytes >> 20) MiB")
        }
        reads.withLock { $0[path, default: 0] += 1 }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
