import Foundation

/// Where datasets live: large downloaded sets under the data root, small shipped sets in the
/// repository's `datasets/` folder.
public enum DatasetLocations {
    /// Environment variable that overrides the data root.
    public static let dataRootVariable = "BACKPROP_DATA"
    public static let defaultDataRoot = "/usr/share/datasets"

    /// `$BACKPROP_DATA` if set and non-empty, else `/usr/share/datasets`.
    public static var dataRoot: String {
        if let root = ProcessInfo.processInfo.environment[dataRootVariable], !root.isEmpty { return root }
        return defaultDataRoot
    }

    /// Folders searched for a dataset shipped with Backprop, in order: the data root; the
    /// installed copy (`PREFIX/share/backprop/datasets` beside `PREFIX/bin/backprop`); a
    /// `datasets/` folder in a parent of the program's folder (the repository's copy under
    /// `swift build` and in tests); then `datasets/` in the working directory.
    public static var searchRoots: [String] {
        var candidates: [String] = []
        if let shared = ProgramLocation.sharedDataFolder { candidates.append((shared as NSString).appendingPathComponent("datasets")) }
        candidates += ProgramLocation.enclosingFolders().map { ($0 as NSString).appendingPathComponent("datasets") }
        candidates.append((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("datasets"))
        var roots = [dataRoot]
        for candidate in candidates where FileChecks.isDirectory(candidate) && !roots.contains(candidate) {
            roots.append(candidate)
        }
        return roots
    }

    /// The first existing `root/relativePath` over `searchRoots`, or an error listing where it looked.
    public static func locate(_ relativePath: String) throws(DatasetError) -> String {
        let roots = searchRoots
        for root in roots {
            let path = (root as NSString).appendingPathComponent(relativePath)
            if FileChecks.exists(path) { return path }
        }
        throw .notFound(relativePath: relativePath, searched: roots)
    }
}
