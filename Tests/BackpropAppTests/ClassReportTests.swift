@testable import BackpropApp
import BackpropLessons
import Foundation
import Testing

/// `backprop class report`: students found in a class folder or as single state folders,
/// every hostile progress file reported (never fatal, never written), and the three formats.
@Suite struct ClassReportTests {
    static func lessons() -> [Lesson] { ClassroomSSHTests.shippedLessons() }

    static func folder() throws -> String { try ClassroomSSHTests.Classroom.temporaryFolder() }

    static func write(_ progress: LessonProgress, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ProgressStore(folder: folder).save(progress)
    }

    @Test func aClassFolderGivesOneRowPerStudentWithPagesGoalsAndWhen() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var alice = LessonProgress()
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        for page in 0..<6 { alice.markSeen(lesson: "neuron", page: page, at: start) }
        alice.markGoalMet(lesson: "neuron", page: 0, at: start.addingTimeInterval(60))
        alice.markGoalMet(lesson: "neuron", page: 5, at: start.addingTimeInterval(120))
        alice.markGoalMet(lesson: "neuron", page: 5, at: start.addingTimeInterval(999))
        try Self.write(alice, to: root + "/alice")
        var bob = LessonProgress()
        bob.markSeen(lesson: "losses", page: 2, at: start)
        try Self.write(bob, to: root + "/bob")
        try FileManager.default.createDirectory(atPath: root + "/carol", withIntermediateDirectories: true)

        let report = ClassReport(lessons: Self.lessons(), students: ClassRoster.students(in: [root]))
        #expect(report.rows.map(\.student) == ["alice", "bob", "carol"])
        let neuron = try #require(report.columns.firstIndex { $0.id == "neuron" })
        let losses = try #require(report.columns.firstIndex { $0.id == "losses" })
        let aliceNeuron = report.rows[0].cells[neuron]
        #expect(aliceNeuron.done && aliceNeuron.pagesSeen == 6 && aliceNeuron.goalsMet == 2)
        // The first time a goal was met stays; meeting it again does not move it.
        #expect(aliceNeuron.goalTimes.map(\.at) == [LessonProgress.timestamp(start.addingTimeInterval(60)), LessonProgress.timestamp(start.addingTimeInterval(120))])
        #expect(report.rows[0].lastActivity == LessonProgress.timestamp(start.addingTimeInterval(120)))
        #expect(report.rows[1].cells[losses].pagesSeen == 1 && !report.rows[1].cells[losses].done)
        #expect(report.rows[2].problem == nil && !report.rows[2].hasProgress)

        let text = report.textLines
        #expect(text[1].hasPrefix("alice") && text[1].contains("✓"))
        #expect(text[2].contains("1/6 0/1g"), "bob's losses cell: \(text[2])")
        let csv = report.csv.split(separator: "\n")
        #expect(csv[0].hasPrefix("student,status,last_activity,neuron_pages_seen,neuron_goals_met,neuron_last_goal_at,neuron_done"))
        #expect(csv[1].hasPrefix("alice,ok,\(LessonProgress.timestamp(start.addingTimeInterval(120))),6,2,\(LessonProgress.timestamp(start.addingTimeInterval(120))),yes"))
        #expect(csv[3].hasPrefix("carol,no progress yet,"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        let students = try #require(json["students"] as? [[String: Any]])
        #expect(students.map { $0["name"] as? String } == ["alice", "bob", "carol"])
    }

    @Test func hostileProgressFilesAreListedNeverFatalAndNeverWritten() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["corrupt", "enormous", "fifo", "folder", "unreadable"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(name)", withIntermediateDirectories: true)
        }
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: root + "/corrupt/progress.json"))
        let enormous = open(root + "/enormous/progress.json", O_WRONLY | O_CREAT, 0o644)
        ftruncate(enormous, off_t(StudentProgressFile.maximumBytes + 1))
        close(enormous)
        #expect(mkfifo(root + "/fifo/progress.json", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: root + "/folder/progress.json", withIntermediateDirectories: true)
        // Root reads any file whatever its mode: a folder of a name that is not a folder stands in.
        FileManager.default.createFile(atPath: root + "/not-a-folder", contents: Data())
        let before = try FileManager.default.contentsOfDirectory(atPath: root + "/corrupt")

        let students = ClassRoster.students(in: [root, root + "/missing"])
        let problems = Dictionary(uniqueKeysWithValues: students.map { ($0.student, $0.problem ?? "") })
        #expect(problems["corrupt"]?.contains("corrupt") == true)
        #expect(problems["enormous"]?.contains("too large") == true)
        #expect(problems["fifo"]?.contains("not a regular file") == true)
        #expect(problems["folder"]?.contains("not a regular file") == true)
        #expect(problems["missing"]?.contains("No such file") == true)
        #expect(problems["not-a-folder"] == nil, "a plain file in the class folder is not a student")
        // Nothing was moved aside, as the app does with its own corrupt file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/corrupt") == before)
        let report = ClassReport(lessons: Self.lessons(), students: students)
        let text = report.textLines.joined(separator: "\n")
        #expect(text.contains("corrupt: \(root)/corrupt: progress.json is corrupt"))
        // Unknown, not zero, in the gradebook's CSV and in JSON.
        let corruptRow = try #require(report.csv.split(separator: "\n").first { $0.hasPrefix("corrupt,") })
        #expect(corruptRow.hasSuffix(",,,,"), "\(corruptRow)")
        #expect(!corruptRow.contains(",0,"))
        #expect(report.json.contains("\"lessons\":{},\"name\":\"corrupt\""))
    }

    @Test func aStateFolderNamedBackpropIsItsOwnersAndCSVFieldsCannotBeFormulas() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/home/.local/state/backprop", withIntermediateDirectories: true)
        let students = ClassRoster.students(in: [root + "/home/.local/state/backprop"])
        #expect(students.map(\.student) == [String(cString: getpwuid(getuid())!.pointee.pw_name)])
        #expect(ClassReport.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ClassReport.csvField("-1+2") == "'-1+2")
        #expect(ClassReport.csvField("a,b") == "\"a,b\"")
    }

    @Test func theScreenKeepsTheHeaderAndNamesInPlaceWhileTheCellsScroll() throws {
        var view = ClassScreenView(grid: ["student  L1    L2", "alice    6/6   ✓", "bob      1/6   ·"], notes: ["", "L1  neuron", "L2  losses"],
                                   frozenColumns: 9, title: "Class", status: "read 14:00:00 UTC")
        view.scrollColumn = 6
        view.scrollRow = 1
        let lines = view.render(width: 30, height: 8, theme: .monochrome).lines
        #expect(lines[1].hasPrefix("│ student  L2"), "the header stays, its names too: \(lines[1])")
        #expect(lines[2].hasPrefix("│ bob      ·"), "one row scrolled, names kept: \(lines[2])")
        #expect(lines[7].contains("q quit"))
        view.scrollRow = 99
        view.scrollColumn = 99
        view.clampScroll(width: 16, height: 8)
        #expect(view.scrollRow == 1, "scrolled no further than the last line: 5 lines under the header, 4 rows")
        #expect(view.scrollColumn == 5, "no further than the widest line (17 characters) shows its end in 12 columns")
    }
}
