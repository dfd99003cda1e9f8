import BackpropEngine
import BackpropLessons
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pretrained body's weights as a safetensors file in the state folder. The file is
/// untrusted input like any other: it is opened without following links or blocking, read
/// only when it is a regular file of a plausible size, and used only when its metadata names
/// exactly the pretraining that would make it and its tensors fit the network. Anything else
/// at the path that is not a regular file (a FIFO, a link, a device) is reported and left alone.
struct PretrainedBodyCache {
    /// The metadata entry that names what made the weights.
    static let keyEntry = "backprop_pretrained"
    /// Far above the few tens of kilobytes a transfer body takes.
    static let maximumBytes = 16 * 1024 * 1024

    let path: String
    /// Everything that determines the weights, spelled out (`PretrainingPlan.key`).
    let key: String

    /// What reading the cache found.
    enum Outcome {
        case missing
        case valid([String: NamedTensor])
        /// A regular file that is not usable: why (then it is retrained and replaced).
        case rejected(String)
        /// Something else at the path: it is never replaced.
        case notAFile(String)
    }

    /// `fashion-transfer-body-<hash of key>.safetensors` in `folder`.
    init(folder: String, key: String) {
        self.key = key
        path = (folder as NSString).appendingPathComponent("fashion-transfer-body-\(Self.hexHash(key)).safetensors")
    }

    /// Reads and checks the cached weights; `fits` loads them into a network of the right
    /// shape and throws when they do not fit it.
    func read(fits: ([String: NamedTensor]) throws -> Void) -> Outcome {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return .missing }
            if code == ELOOP { return .notAFile("a symbolic link") }
            return .rejected("cannot be opened (\(OutputFile.describe(errno: code)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .rejected("cannot be examined") }
        guard status.st_mode & S_IFMT == S_IFREG else { return .notAFile(Self.kindName(status.st_mode & S_IFMT)) }
        guard status.st_size <= Self.maximumBytes else {
            return .rejected("is \(status.st_size) bytes, more than a pretrained body can take (\(Self.maximumBytes))")
        }
        guard let data = Self.readAll(descriptor, size: Int(status.st_size)) else { return .rejected("cannot be read") }
        do {
            let metadata = try Safetensors.metadata(of: data, source: path)
            guard metadata[Self.keyEntry] == key else {
                return .rejected("was made by another pretraining (its metadata does not match these settings)")
            }
            let stateDict = try Safetensors.decode(data, source: path)
            try fits(stateDict)
            return .valid(stateDict)
        } catch {
            return .rejected("\(error)")
        }
    }

    /// Writes the weights beside the target and renames them over it, unless something other
    /// than a regular file has appeared there. Returns a problem to report, or nil.
    func write(_ stateDict: [String: NamedTensor], metadata: [String: String]) -> String? {
        let folder = (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            return "cannot create the state folder \(folder): \(error.localizedDescription)"
        }
        var template = Array(OutputTemporary.template(for: path, in: folder).utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return "cannot write in \(folder) (\(OutputFile.describe(errno: errno)))" }
        let temporary = String(cString: template)
        let bytes = Safetensors.encode(stateDict, metadata: metadata.merging([Self.keyEntry: key]) { $1 })
        let written = bytes.withUnsafeBytes { buffer in Self.writeAll(descriptor, buffer) }
        close(descriptor)
        var status = stat()
        let occupied = lstat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFREG
        guard written, !occupied, rename(temporary, path) == 0 else {
            unlink(temporary)
            return occupied ? "\(path) is not a regular file: left alone, the weights are not kept"
                            : "cannot save \(path) (\(OutputFile.describe(errno: errno)))"
        }
        return nil
    }

    private static func readAll(_ descriptor: Int32, size: Int) -> Data? {
        var data = Data(count: size)
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            var offset = 0
            while offset < size {
                let count = Glibc.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        return complete ? data : nil
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO"
        case S_IFDIR: "a folder"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// FNV-1a, 64 bits: a stable file name for a key (the key itself is checked on reading).
    static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
