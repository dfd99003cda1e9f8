@testable import BackpropApp
import BackpropLessons
import Foundation
import Testing

/// Where lessons come from: the course, then `$BACKPROP_LESSONS`, then `--lessons`; a named
/// folder that does not exist is an error naming it; a teacher's lesson replaces the course's.
@Suite struct LessonLocationsTests {
    static let course = QuitAnywhereTests.repository + "/lessons"

    @Test func theCourseIsFoundBesideTheProgramAndTeachersFoldersFollowInOrder() throws {
        let first = try ClassroomSSHTests.Classroom.temporaryFolder()
        let second = try ClassroomSSHTests.Classroom.temporaryFolder()
        defer { for folder in [first, second] { try? FileManager.default.removeItem(atPath: folder) } }
        let folders = try LessonLocations.folders(options: [second, Self.course], environment: ["BACKPROP_LESSONS": first])
        #expect(folders.map(\.origin) == [.course, .environment, .option])
        #expect(folders.map(\.path) == [LessonLocations.courseFolder, first, second])
        #expect(URL(fileURLWithPath: folders[0].path).resolvingSymlinksInPath().path == URL(fileURLWithPath: Self.course).resolvingSymlinksInPath().path)
    }

    @Test func aMissingFolderIsAnErrorThatNamesIt() {
        #expect(throws: LessonFolderError.self) { try LessonLocations.folders(options: ["/no/such/lessons"], environment: [:]) }
        do {
            _ = try LessonLocations.folders(options: [], environment: ["BACKPROP_LESSONS": "/nope"])
            Issue.record("a missing BACKPROP_LESSONS folder was accepted")
        } catch {
            #expect(error.description.contains("BACKPROP_LESSONS") && error.description.contains("/nope"))
        }
    }

    @Test func aTeachersLessonWithACourseIDReplacesItInPlaceWithANotice() throws {
        let teacher = try ClassroomSSHTests.Classroom.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: teacher) }
        let neuron = try String(contentsOfFile: Self.course + "/01-neuron.md", encoding: .utf8)
        try neuron.replacingOccurrences(of: "title: The neuron", with: "title: Our neuron").write(toFile: teacher + "/01-neuron.md", atomically: true, encoding: .utf8)
        let losses = try String(contentsOfFile: Self.course + "/04-losses.md", encoding: .utf8)
        try losses.replacingOccurrences(of: "id: losses", with: "id: our-losses")
            .write(toFile: teacher + "/04-our-losses.md", atomically: true, encoding: .utf8)
        let collection = LessonCollection(folders: [LessonFolder(path: Self.course, origin: .course), LessonFolder(path: teacher, origin: .option)])
        let ids = collection.entries.map { LessonShelf.id(of: $0.report) }
        #expect(ids.first == "neuron" && ids.last == "our-losses", "the teacher's new lesson comes after the course: \(ids)")
        #expect(collection.entries[0].report.info?.title == "Our neuron")
        #expect(collection.entries[0].folder.origin == .option && collection.entries[0].replaced == Self.course + "/01-neuron.md")
        #expect(collection.notices.count == 1 && collection.notices[0].contains("replaces"))
        // Orders are checked within a folder: the teacher's order 4 does not break the course's.
        #expect(collection.entries.allSatisfy { !$0.report.isBroken })
    }
}
