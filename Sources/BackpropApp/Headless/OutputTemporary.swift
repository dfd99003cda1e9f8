import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The temporary file `OutputFile` writes beside its target before renaming it over it. It is
/// named `.TARGET.backprop-tmp-PID-XXXXXX` after the writing process and locked while written,
/// so a later save can tell one left by a run killed mid-save (`kill -9` runs no cleanup) from
/// one another run is still writing.
enum OutputTemporary {
    static let marker = ".backprop-tmp-"

    /// The `mkstemp` template for a temporary of `target` in `folder`, owned by this process.
    static func template(for target: String, in folder: String) -> String {
        (folder as NSString).appendingPathComponent("." + (target as NSString).lastPathComponent + marker + "\(getpid())-XXXXXX")
    }

    /// Holds `descriptor`'s file locked until it is closed: the lock ends with its process,
    /// however that ends. Where the file system has no locks, the process id alone decides.
    static func lock(_ descriptor: Int32) {
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    }

    /// Removes the temporaries in `folder` whose writer is gone: its process no longer runs,
    /// and nothing holds the file's lock (which also covers a process id now used by another
    /// program, or a writer in another PID namespace sharing the folder).
    static func removeStale(in folder: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let owner = owner(ofTemporaryNamed: name), kill(owner, 0) != 0, errno == ESRCH else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                  flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            unlink(path)
        }
    }

    /// The process id in a temporary's name, or nil when `name` is not one this code makes
    /// (older temporaries carried no id and are left alone).
    static func owner(ofTemporaryNamed name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards) else { return nil }
        let parts = name[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 6, parts[0].allSatisfy({ ("0"..."9").contains($0) }),
              let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }
}
