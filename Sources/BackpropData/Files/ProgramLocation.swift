import Foundation

/// Where this program's file is, and the folders shipped data is looked for beside it.
///
/// `/proc/self/exe` rather than `argv[0]`: a program started through `PATH` gets a bare
/// name in `argv[0]`, which would be read relative to the working directory.
public enum ProgramLocation {
    /// The program's file with symbolic links resolved, or nil when it cannot be read.
    public static var file: String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            buffer[length] = 0
            return String(cString: buffer)
        }
        guard let first = CommandLine.arguments.first, first.contains("/") else { return nil }
        return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
    }

    /// `PREFIX/share/backprop` for a program installed as `PREFIX/bin/backprop`
    /// (`scripts/install`), whether or not it exists.
    public static var sharedDataFolder: String? {
        guard let file else { return nil }
        let bin = (file as NSString).deletingLastPathComponent
        let prefix = (bin as NSString).deletingLastPathComponent
        return (prefix as NSString).appendingPathComponent("share/backprop")
    }

    /// The program's folder and up to `levels` folders above it, nearest first: under
    /// `swift build` the repository is a few levels above `.build/release`.
    public static func enclosingFolders(levels: Int = 5) -> [String] {
        guard let file else { return [] }
        var folders: [String] = []
        var folder = (file as NSString).deletingLastPathComponent
        for _ in 0...levels {
            folders.append(folder)
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder { break }
            folder = parent
        }
        return folders
    }

    /// The first of `candidates` that is a folder, if any.
    public static func firstFolder(_ candidates: [String]) -> String? {
        candidates.first(where: FileChecks.isDirectory)
    }
}
