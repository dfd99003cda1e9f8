import Foundation

/// Reads lesson files: front matter, pages, labs, and every problem with its file line.
/// Nothing in a lesson is executed; sizes are capped before anything is parsed.
public struct LessonParser: Sendable {
    public let catalog: any LabCatalog
    public let pathPolicy: PathPolicy
    public let limits: LessonLimits

    public init(catalog: any LabCatalog, pathPolicy: PathPolicy, limits: LessonLimits = .standard) {
        self.catalog = catalog
        self.pathPolicy = pathPolicy
        self.limits = limits
    }

    /// Reads and checks the lesson file at `path` (reported under that name).
    public func read(file path: String) -> LessonReport {
        var problems = ProblemList(file: path)
        // Opened without blocking and checked before reading: a FIFO or a device named *.md
        // would otherwise hang `open` or `read` for ever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            problems.add(line: 1, "cannot read the file (\(String(cString: strerror(errno))))")
            return LessonReport(file: path, info: nil, lesson: nil, pageCount: 0, labCount: 0, problems: problems.problems)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            problems.add(line: 1, "not a regular file; a lesson is a Markdown text file")
            return LessonReport(file: path, info: nil, lesson: nil, pageCount: 0, labCount: 0, problems: problems.problems)
        }
        let data = (try? handle.read(upToCount: limits.fileBytes + 1)) ?? Data()
        guard data.count <= limits.fileBytes else {
            problems.add(line: 1, "the file is larger than \(limits.fileBytes / 1024) KiB, the most a lesson may be")
            return LessonReport(file: path, info: nil, lesson: nil, pageCount: 0, labCount: 0, problems: problems.problems)
        }
        guard let contents = String(data: data, encoding: .utf8) else {
            problems.add(line: 1, "the file is not UTF-8 text")
            return LessonReport(file: path, info: nil, lesson: nil, pageCount: 0, labCount: 0, problems: problems.problems)
        }
        return parse(contents, file: path)
    }

    /// Checks `contents` as the lesson file named `file` (its folder resolves relative paths).
    public func parse(_ contents: String, file: String) -> LessonReport {
        var problems = ProblemList(file: file)
        func broken(_ info: LessonInfo? = nil) -> LessonReport {
            LessonReport(file: file, info: info, lesson: nil, pageCount: 0, labCount: 0, problems: problems.problems)
        }
        guard contents.utf8.count <= limits.fileBytes else {
            problems.add(line: 1, "the file is larger than \(limits.fileBytes / 1024) KiB, the most a lesson may be")
            return broken()
        }
        let text = contents.replacingOccurrences(of: "\r\n", with: "\n")
        // Markdown and YAML count a lone carriage return as a line end; grep, `wc -l` and many
        // editors do not, so every line reported after one would be off: refuse it instead.
        if let carriageReturn = text.utf8.firstIndex(of: UInt8(ascii: "\r")) {
            let line = text.utf8[..<carriageReturn].count { $0 == UInt8(ascii: "\n") } + 1
            problems.add(line: line, "a carriage return without a line feed after it (an old Mac line end); save the file with \\n or \\r\\n line ends")
            return broken()
        }
        guard let split = FrontMatterSplit(text) else {
            problems.add(line: 1, "a lesson starts with front matter: a '---' line, id/title/summary/order lines, and another '---' line")
            return broken()
        }
        var info: LessonInfo?
        do {
            let block = try YAMLBlock(text: split.frontMatter, firstLine: split.frontMatterFirstLine, limits: limits)
            info = FrontMatterReader.read(block, fileName: file, limits: limits, problems: &problems)
        } catch {
            problems.add(line: error.line, error.message)
        }
        let folder = (file as NSString).deletingLastPathComponent
        let validator = LabValidator(catalog: catalog, pathPolicy: pathPolicy, limits: limits, folder: folder.isEmpty ? "." : folder)
        var markdown = CmarkReader()
        let blocks = markdown.blocks(from: split.body)
        if let line = markdown.tooDeepLine {
            problems.add(line: line + split.bodyLineOffset, "Markdown nested more than \(CmarkReader.maximumDepth) levels deep (quotes, lists or emphasis)")
        }
        let pages = PageReader(limits: limits, validator: validator, claimValidator: ClaimValidator(catalog: catalog, limits: limits),
                               bodyLineOffset: split.bodyLineOffset)
            .pages(in: blocks, problems: &problems)
        let labCount = pages.count { $0.lab != nil }
        let lesson = problems.isEmpty ? info.map { Lesson(info: $0, pages: pages, file: file) } : nil
        return LessonReport(file: file, info: info, lesson: lesson, pageCount: pages.count, labCount: labCount, problems: problems.problems)
    }
}
