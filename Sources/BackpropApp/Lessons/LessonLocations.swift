import BackpropData
import BackpropLessons
import Foundation

/// Where lessons are found and what they may point at.
enum LessonLocations {
    /// `lessons/` in the working directory, else in a parent of the executable's folder
    /// (the repository's copy under `swift run`); `lessons` when neither exists.
    static var defaultFolder: String {
        if isFolder("lessons") { return "lessons" }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("lessons").path
            if isFolder(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return "lessons"
    }

    /// A library for `paths`: each lesson may point into its own folder and the dataset roots.
    static func library(for paths: [String]) -> LessonLibrary {
        let lessonFolders = paths.map { isFolder($0) ? $0 : ($0 as NSString).deletingLastPathComponent }
        let roots = lessonFolders.map { $0.isEmpty ? "." : $0 } + DatasetLocations.searchRoots
        return LessonLibrary(parser: LessonParser(catalog: AppLabCatalog(), pathPolicy: PathPolicy(roots: roots)))
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
