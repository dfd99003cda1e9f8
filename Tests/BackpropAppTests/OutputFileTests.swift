import Foundation
import Testing
@testable import BackpropApp

/// `--metrics` and `--save` write into what is at the path and never replace a device, FIFO,
/// symlink or read-only file; a path that cannot be written fails before the run starts.
/// Every node is made in a temporary folder: nothing here touches /dev.
@Suite("Output files")
struct OutputFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "backprop-output-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    func kind(_ path: String) -> mode_t {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : 0
    }

    /// Reads a FIFO until its writer closes it.
    static func readAll(_ path: String) -> Data {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var data = Data(), buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(descriptor, &buffer, buffer.count), count > 0 { data.append(contentsOf: buffer[..<count]) }
        return data
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }

    @Test func aCharacterDeviceIsWrittenIntoAndStaysADevice() throws {
        defer { cleanUp() }
        let device = path("null")
        // The same device as /dev/null (major 1, minor 3), made here; skipped without CAP_MKNOD.
        guard mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else { skip("mknod not permitted"); return }
        let output = try OutputFile(option: "--save", path: device, allowsStandardOutput: false)
        #expect(output.destination == .stream(device))
        try output.write(Data("weights".utf8))
        let metrics = try MetricsWriter(output: OutputFile(option: "--metrics", path: device, allowsStandardOutput: true))
        #expect(metrics.failure == nil)
        #expect(kind(device) == S_IFCHR)
    }

    @Test func aFIFOIsWrittenAsAStream() throws {
        defer { cleanUp() }
        let fifo = path("pipe")
        try #require(mkfifo(fifo, 0o600) == 0)
        let received = ReceivedBytes()
        let reader = Thread { received.set(Self.readAll(fifo)) }
        reader.start()
        try OutputFile(option: "--save", path: fifo, allowsStandardOutput: false).write(Data("through the pipe".utf8))
        for _ in 0..<200 where received.value == nil { usleep(10_000) }
        #expect(received.value == Data("through the pipe".utf8))
        #expect(kind(fifo) == S_IFIFO)
    }

    @Test func aSymlinkIsFollowedAndStaysALink() throws {
        defer { cleanUp() }
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("real")))
        try #require(symlink("real", path("link")) == 0)
        let output = try OutputFile(option: "--save", path: path("link"), allowsStandardOutput: false)
        try output.write(Data("new".utf8))
        #expect(kind(path("link")) == S_IFLNK)
        #expect(FileManager.default.contents(atPath: path("real")) == Data("new".utf8))
    }

    @Test func aRegularFileIsReplacedWholeAndKeepsItsMode() throws {
        defer { cleanUp() }
        let file = path("weights.safetensors")
        try Data("a longer old content".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o640)
        try OutputFile(option: "--save", path: file, allowsStandardOutput: false).write(Data("new".utf8))
        #expect(FileManager.default.contents(atPath: file) == Data("new".utf8))
        var status = stat()
        stat(file, &status)
        #expect(status.st_mode & 0o777 == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("backprop-tmp") }
        #expect(leftovers.isEmpty)
    }

    /// The id of a process that has ended: a child started and waited for.
    func endedProcessID() throws -> pid_t {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
        defer { argv.forEach { free($0) } }
        try #require(posix_spawn(&pid, "/bin/true", nil, nil, argv, environ) == 0)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return pid
    }

    /// `kill -9` during a save leaves `.NAME.backprop-tmp-PID-XXXXXX` behind; the next save into
    /// the folder removes it, whatever its target, but never a temporary whose writer still runs
    /// or still holds its lock (a writer whose process this one cannot see), nor an unknown name.
    @Test func theNextSaveRemovesOnlyTheTemporariesOfEndedRuns() throws {
        defer { cleanUp() }
        let ended = try endedProcessID()
        let stale = [path(".model.safetensors.backprop-tmp-\(ended)-a1B2c3"), path(".metrics.csv.backprop-tmp-\(ended)-Zz9yY8")]
        let live = path(".model.safetensors.backprop-tmp-\(getpid())-d4E5f6")
        let locked = path(".model.safetensors.backprop-tmp-\(ended)-g7H8i9")
        let unknown = [path(".model.safetensors.backprop-tmp-Q1w2E3"), path("model.safetensors.backprop-tmp-\(ended)-a1B2c3")]
        for file in stale + [live, locked] + unknown { try Data("partial".utf8).write(to: URL(fileURLWithPath: file)) }
        let holder = open(locked, O_RDONLY)
        defer { close(holder) }
        try #require(flock(holder, LOCK_EX) == 0)
        try OutputFile(option: "--save", path: path("other.bin"), allowsStandardOutput: false).write(Data("new".utf8))
        #expect(FileManager.default.contents(atPath: path("other.bin")) == Data("new".utf8))
        for file in stale { #expect(!FileManager.default.fileExists(atPath: file), "\(file) was left behind") }
        for file in [live, locked] + unknown { #expect(FileManager.default.fileExists(atPath: file), "\(file) was removed") }
    }

    @Test(arguments: [
        ("readonly", "read-only"), ("folder", "is a directory"), ("", "the path is empty"),
        ("missing/metrics.csv", "does not exist"), ("dangling", "symbolic link to 'nowhere', which does not exist"),
        ("-", "standard output is not supported"),
    ])
    func unwritablePathsAreRefusedWithTheReason(name: String, reason: String) throws {
        defer { cleanUp() }
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path("readonly")))
        chmod(path("readonly"), 0o444)
        try FileManager.default.createDirectory(atPath: path("folder"), withIntermediateDirectories: false)
        symlink("nowhere", path("dangling"))
        let given = name.isEmpty || name == "-" ? name : path(name)
        #expect {
            try OutputFile(option: "--save", path: given, allowsStandardOutput: false)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("--save: cannot write '\(given)'") && message.contains(reason)
        }
        #expect(FileManager.default.contents(atPath: path("readonly")) == Data("keep me".utf8))
    }

    @Test func aFullDeviceIsAnErrorNotACrash() throws {
        defer { cleanUp() }
        let full = path("full")
        // The same device as /dev/full (major 1, minor 7): every write fails with ENOSPC.
        guard mknod(full, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0 else { skip("mknod not permitted"); return }
        #expect {
            try OutputFile(option: "--save", path: full, allowsStandardOutput: false).write(Data("x".utf8))
        } throws: { "\($0)".contains("No space left on device") }
        let metrics = try MetricsWriter(output: OutputFile(option: "--metrics", path: full, allowsStandardOutput: true))
        #expect(metrics.failure?.description.contains("No space left on device") == true)
    }
}

/// Bytes a reader thread hands back to the test.
private final class ReceivedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: Data?
    var value: Data? { lock.withLock { bytes } }
    func set(_ data: Data) { lock.withLock { bytes = data } }
}
