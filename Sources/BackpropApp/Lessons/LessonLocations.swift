import BackpropData
import BackpropLessons
import Foundation

/// A folder of lessons and why it is read.
struct LessonFolder: Equatable, Sendable {
    enum Origin: String, Sendable {
        /// The lessons shipped with Backprop.
        case course
        /// A folder named by `$BACKPROP_LESSONS`.
        case environment = "BACKPROP_LESSONS"
        /// A folder named by `--lessons`.
        case option = "--lessons"
    }

    let path: String
    let origin: Origin
}

/// A lessons folder that was named but cannot be read.
struct LessonFolderError: Error, CustomStringConvertible {
    let description: String
}

/// Where lessons are found and what they may point at.
///
/// Read in this order: the course (installed beside the program, else the repository's
/// copy), then each folder in `$BACKPROP_LESSONS` (separated by `:`), then each `--lessons`
/// folder. Later folders' lessons are listed after the course's; a lesson whose id a
/// course lesson already has replaces it in its place, with a notice.
enum LessonLocations {
    static let environmentVariable = "BACKPROP_LESSONS"

    /// The course's lessons: `PREFIX/share/backprop/lessons` for an installed program, else
    /// `lessons/` in a parent of the program's folder (the repository under `swift build`),
    /// else `lessons/` in the working directory; nil when none exists.
    static var courseFolder: String? {
        var candidates: [String] = []
        if let shared = ProgramLocation.sharedDataFolder { candidates.append((shared as NSString).appendingPathComponent("lessons")) }
        candidates += ProgramLocation.enclosingFolders().map { ($0 as NSString).appendingPathComponent("lessons") }
        candidates.append("lessons")
        return candidates.first(where: isFolder)
    }

    /// The course's folder, or `lessons` (which does not exist) for messages.
    static var defaultFolder: String { courseFolder ?? "lessons" }

    /// Every folder to read, in order, without repeats. A folder named in the environment or
    /// by an option that is not a readable folder is an error naming it.
    static func folders(options: [String],
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws(LessonFolderError) -> [LessonFolder] {
        var folders: [LessonFolder] = []
        if let course = courseFolder { folders.append(LessonFolder(path: course, origin: .course)) }
        let fromEnvironment = (environment[environmentVariable] ?? "").split(separator: ":").map(String.init)
        for path in fromEnvironment {
            guard isFolder(path) else { throw LessonFolderError(description: "\(environmentVariable): lessons folder '\(path)' does not exist or is not a folder") }
            folders.append(LessonFolder(path: path, origin: .environment))
        }
        for path in options {
            guard isFolder(path) else { throw LessonFolderError(description: "--lessons \(path): no such folder") }
            folders.append(LessonFolder(path: path, origin: .option))
        }
        var seen: Set<String> = []
        return folders.filter { seen.insert(canonical($0.path)).inserted }
    }

    /// A library for `paths`: each lesson may point into any of these folders and the dataset roots.
    static func library(for paths: [String]) -> LessonLibrary {
        let lessonFolders = paths.map { isFolder($0) ? $0 : ($0 as NSString).deletingLastPathComponent }
        let roots = lessonFolders.map { $0.isEmpty ? "." : $0 } + DatasetLocations.searchRoots
        return LessonLibrary(parser: LessonParser(catalog: AppLabCatalog(), pathPolicy: PathPolicy(roots: roots)))
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }
}
