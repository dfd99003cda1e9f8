import BackpropEngine
import CZlib

/// Reads the decompressed bytes of a gzip file in order, turning every zlib failure into a
/// `DatasetError` that names the file. Counts the bytes it has handed out so that a short
/// file can be reported as "expected N bytes, got M".
final class GzipFileReader {
    let path: String
    private let file: gzFile
    /// Decompressed bytes returned so far.
    private(set) var bytesRead = 0
    private static let chunkSize = 1 << 20

    init(path: String) throws(DatasetError) {
        try FileChecks.requireReadableFile(path)
        guard let file = gzopen(path, "rb") else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        self.path = path
        self.file = file
    }

    deinit { gzclose(file) }

    /// Exactly `count` bytes; `totalExpected` (the size the file should have) goes into the
    /// error when the stream ends first.
    func read(count: Int, totalExpected: Int) throws(DatasetError) -> [UInt8] {
        let before = bytesRead
        let bytes = try readUpTo(count)
        guard bytes.count == count else {
            throw .truncated(path: path, expectedBytes: max(totalExpected, before + count), actualBytes: before + bytes.count)
        }
        return bytes
    }

    /// Everything left in the stream.
    func readToEnd() throws(DatasetError) -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try readUpTo(Self.chunkSize)
            all.append(contentsOf: chunk)
            if chunk.count < Self.chunkSize { return all }
        }
    }

    /// Whether the decompressed stream has no more bytes.
    func isAtEnd() throws(DatasetError) -> Bool {
        try readUpTo(1).isEmpty
    }

    /// Up to `count` bytes, fewer only at the end of a well-formed stream.
    private func readUpTo(_ count: Int) throws(DatasetError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(count, Self.chunkSize))
        var chunk = [UInt8](repeating: 0, count: min(count, Self.chunkSize))
        while result.count < count {
            let wanted = min(count - result.count, chunk.count)
            let got = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(wanted)) }
            if bytesRead == 0 && result.isEmpty && gzdirect(file) != 0 {
                throw .notGzip(path: path)
            }
            try checkStream()
            guard got > 0 else { break }
            result.append(contentsOf: chunk[0..<Int(got)])
            bytesRead += Int(got)
            if Int(got) < wanted { break }
        }
        return result
    }

    /// Throws if zlib reported a problem, including a compressed stream that ends early.
    private func checkStream() throws(DatasetError) {
        var code: Int32 = Z_OK
        let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
        switch code {
        case Z_OK, Z_STREAM_END:
            return
        case Z_BUF_ERROR:
            throw .corruptStream(path: path, reason: "compressed data ends early (\(message)); the file was cut short")
        case Z_ERRNO:
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        default:
            throw .corruptStream(path: path, reason: message.isEmpty ? "zlib error \(code)" : message)
        }
    }
}
