import Foundation

/// Reads a set of lesson files and folders (a folder gives its `*.md` files), checks each,
/// and then checks them together: two lessons may not share an id or an order.
public struct LessonLibrary: Sendable {
    public let parser: LessonParser
    /// More files than this in one folder are not read.
    public static let maximumFilesPerFolder = 200

    public init(parser: LessonParser) { self.parser = parser }

    /// A report per lesson file, sorted by order then file name; a path that is neither a
    /// file nor a folder of lessons gets a report with that problem.
    public func read(paths: [String]) -> [LessonReport] {
        var reports: [LessonReport] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                reports.append(Self.failed(path, "no such file or folder"))
                continue
            }
            guard isFolder.boolValue else {
                reports.append(parser.read(file: path))
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
            if names.count > Self.maximumFilesPerFolder {
                reports.append(Self.failed(path, "more than \(Self.maximumFilesPerFolder) lesson files; none were read"))
                continue
            }
            reports += names.map { parser.read(file: (path as NSString).appendingPathComponent($0)) }
        }
        return Self.crossChecked(reports).sorted {
            ($0.info?.order ?? .max, $0.file) < ($1.info?.order ?? .max, $1.file)
        }
    }

    /// Marks the later of two lessons sharing an id or an order as broken.
    static func crossChecked(_ reports: [LessonReport]) -> [LessonReport] {
        var idOwners: [String: String] = [:]
        var orderOwners: [Int: String] = [:]
        return reports.map { report in
            guard let info = report.info else { return report }
            var problems = report.problems
            if let owner = idOwners[info.id] {
                problems.append(LessonProblem(file: report.file, line: 1, message: "id '\(info.id)' is already used by \(owner)"))
            } else {
                idOwners[info.id] = report.file
            }
            if let owner = orderOwners[info.order] {
                problems.append(LessonProblem(file: report.file, line: 1, message: "order \(info.order) is already used by \(owner)"))
            } else {
                orderOwners[info.order] = report.file
            }
            guard problems.count > report.problems.count else { return report }
            return LessonReport(file: report.file, info: info, lesson: nil, pageCount: report.pageCount,
                                labCount: report.labCount, problems: problems)
        }
    }

    private static func failed(_ path: String, _ message: String) -> LessonReport {
        LessonReport(file: path, info: nil, lesson: nil, pageCount: 0, labCount: 0,
                     problems: [LessonProblem(file: path, line: 1, message: message)])
    }
}
