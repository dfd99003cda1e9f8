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

    /// Folders searched for a dataset shipped with Backprop, in order: the data root, then a
    /// `datasets/` folder in the working directory or in a parent of the executable's folder
    /// (which finds the repository's copy under `swift run` and in tests).
    public static var searchRoots: [String] {
        var roots = [dataRoot]
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        for candidate in candidates {
            let datasets = (candidate as NSString).appendingPathComponent("datasets")
            if FileChecks.isDirectory(datasets), !roots.contains(datasets) { roots.append(datasets) }
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
