import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes bytes to an open file descriptor and throws when the system refuses them (a full
/// disk, a closed pipe), where Foundation's `FileHandle.write` would stop the process.
final class DescriptorWriter {
    private let descriptor: Int32
    private let closesWhenDone: Bool
    private var isClosed = false
    /// The destination and the option that named it, for messages.
    let name: String
    let option: String

    init(descriptor: Int32, closesWhenDone: Bool, name: String, option: String) {
        self.descriptor = descriptor
        self.closesWhenDone = closesWhenDone
        self.name = name
        self.option = option
    }

    deinit { close() }

    func write(_ text: String) throws(OutputFileError) { try write(Data(text.utf8)) }

    func write(_ data: Data) throws(OutputFileError) {
        let failure: Int32? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw OutputFileError(option: option, path: name, reason: OutputFile.describe(errno: failure)) }
    }

    /// Flushes a regular file to disk, so a rename after it never exposes a file whose data is
    /// still only in memory. Devices and pipes that cannot be synchronized are not an error.
    func synchronize() throws(OutputFileError) {
        guard fsync(descriptor) == 0 || errno == EINVAL || errno == EROFS else {
            throw OutputFileError(option: option, path: name, reason: OutputFile.describe(errno: errno))
        }
    }

    func close() {
        guard closesWhenDone, !isClosed else { return }
        isClosed = true
        Glibc.close(descriptor)
    }
}
