import Foundation

/// Which students a class report covers. A path is either one student's state folder (it
/// holds `progress.json`, or is named `backprop` as `$XDG_STATE_HOME/backprop` is) or a
/// class folder whose every subfolder is a student's state folder, named after the student.
enum ClassRoster {
    /// Where `scripts/classroom-setup` keeps every student's state, keyed by user name.
    static let defaultClassFolder = "/var/lib/backprop/class"
    static let classFolderVariable = "BACKPROP_CLASS"
    /// More students than this in one class folder are not read (the rest are reported).
    static let maximumStudents = 5000

    /// The class folder to read when no path is given: `$BACKPROP_CLASS`, else the default.
    static func defaultPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        [environment[classFolderVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultClassFolder]
    }

    /// Every student found under `paths`, in the order given and by name within a class
    /// folder. A path that cannot be listed becomes one entry with that problem.
    static func students(in paths: [String]) -> [StudentProgressFile] {
        paths.flatMap { path -> [StudentProgressFile] in
            if isStudentFolder(path) { return [StudentProgressFile(student: studentName(ofStateFolder: path), folder: path)] }
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                return [StudentProgressFile(student: (path as NSString).lastPathComponent, folder: path)]
            }
            let folders = names.filter { !$0.hasPrefix(".") }.sorted().filter { isFolder((path as NSString).appendingPathComponent($0)) }
            return folders.prefix(maximumStudents).map { StudentProgressFile(student: $0, folder: (path as NSString).appendingPathComponent($0)) }
        }
    }

    /// How many students a class folder holds beyond `maximumStudents`, for a notice.
    static func studentsLeftOut(in paths: [String]) -> Int {
        paths.reduce(0) { total, path in
            guard !isStudentFolder(path), let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return total }
            return total + max(0, names.filter { !$0.hasPrefix(".") }.count - maximumStudents)
        }
    }

    private static func isStudentFolder(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("progress.json"))
            || (path as NSString).lastPathComponent == "backprop"
    }

    /// `…/alice/.local/state/backprop` is alice's: the folder's owner names the student;
    /// a folder with another name is named by itself.
    private static func studentName(ofStateFolder path: String) -> String {
        let last = ((path as NSString).standardizingPath as NSString).lastPathComponent
        guard last == "backprop" else { return last }
        var info = stat()
        if stat(path, &info) == 0, let entry = getpwuid(info.st_uid), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return path
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
