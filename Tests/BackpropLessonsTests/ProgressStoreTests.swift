import BackpropLessons
import Foundation
import Testing

@Suite struct ProgressStoreTests {
    func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("backprop-progress-\(UUID().uuidString)").path
    }

    @Test func savesAndLoads() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = ProgressStore(folder: folder + "/nested")
        var progress = LessonProgress()
        progress.markSeen(lesson: "neuron", page: 0)
        progress.markSeen(lesson: "neuron", page: 2)
        progress.markGoalMet(lesson: "neuron", page: 2)
        try store.save(progress)
        let loaded = store.load()
        #expect(loaded.warning == nil)
        #expect(loaded.progress == progress)
        #expect(loaded.progress.lastLesson == "neuron" && loaded.progress.lastPage == 2)
        #expect(loaded.progress.record(for: "neuron").goalsMet == [2])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/nested")
        #expect(leftovers.sorted() == ["progress.json", "progress.json.lock"], "no temporary file is left behind")
    }

    /// Two instances, each started from the same file: the second to save keeps the first's work.
    @Test func twoInstancesKeepBothProgresses() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = ProgressStore(folder: folder), second = ProgressStore(folder: folder)
        var mine = first.load().progress, theirs = second.load().progress
        mine.markSeen(lesson: "neuron", page: 1)
        mine.markGoalMet(lesson: "neuron", page: 1)
        try first.save(mine)
        theirs.markSeen(lesson: "losses", page: 3)
        theirs.markSeen(lesson: "neuron", page: 4)
        let written = try second.save(theirs)
        let loaded = first.load().progress
        #expect(loaded == written)
        #expect(loaded.record(for: "neuron").pagesSeen == [1, 4] && loaded.record(for: "neuron").goalsMet == [1])
        #expect(loaded.record(for: "losses").pagesSeen == [3])
        #expect(loaded.lastLesson == "neuron" && loaded.lastPage == 4, "the last saver's place to resume")
    }

    @Test func temporariesOfADeadProcessAreRemovedAtStart() throws {
        let folder = temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A pid above the kernel's maximum never runs; this process's own temporary stays.
        let stale = folder + "/progress.json.tmp-99999999-42", live = folder + "/progress.json.tmp-\(getpid())-7"
        for path in [stale, live] { FileManager.default.createFile(atPath: path, contents: Data("{".utf8)) }
        _ = ProgressStore(folder: folder).load()
        #expect(!FileManager.default.fileExists(atPath: stale) && FileManager.default.fileExists(atPath: live))
    }

    @Test func missingFileIsAFreshStart() {
        let loaded = ProgressStore(folder: temporaryFolder()).load()
        #expect(loaded.progress == LessonProgress() && loaded.warning == nil)
    }

    @Test func corruptFileIsSetAsideWithAWarning() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = ProgressStore(folder: folder)
        try Data("{\"lessons\": [truncated".utf8).write(to: URL(fileURLWithPath: store.path))
        let loaded = store.load(now: Date(timeIntervalSince1970: 0))
        #expect(loaded.progress == LessonProgress())
        let aside = store.path + ".corrupt-19700101T000000Z"
        #expect(loaded.warning?.contains(aside) == true)
        #expect(FileManager.default.fileExists(atPath: aside))
        #expect(!FileManager.default.fileExists(atPath: store.path))
        try store.save(loaded.progress)
        #expect(store.load().warning == nil)
    }

    @Test func oversizeFileIsSetAsideUnread() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = ProgressStore(folder: folder)
        try Data(count: 5 * 1024 * 1024).write(to: URL(fileURLWithPath: store.path))
        let loaded = store.load()
        #expect(loaded.progress == LessonProgress())
        #expect(loaded.warning != nil)
    }

    @Test func stateFolderFollowsTheEnvironment() {
        #expect(ProgressStore.stateFolder(environment: ["BACKPROP_HOME": "/b", "XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/b")
        #expect(ProgressStore.stateFolder(environment: ["XDG_STATE_HOME": "/x", "HOME": "/h"]) == "/x/backprop")
        #expect(ProgressStore.stateFolder(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/backprop")
        #expect(ProgressStore.stateFolder(environment: ["HOME": "/h"]) == "/h/.local/state/backprop")
    }
}

@Suite("Resuming lessons")
struct ResumeTests {
    @Test func eachLessonRemembersItsOwnPage() throws {
        var progress = LessonProgress()
        progress.markSeen(lesson: "neuron", page: 0)
        progress.markSeen(lesson: "neuron", page: 3)
        progress.markSeen(lesson: "neuron", page: 2)
        progress.markSeen(lesson: "generalization", page: 1)
        #expect(progress.record(for: "neuron").lastPage == 2, "back on page 2, not the furthest page 3")
        #expect(progress.lastLesson == "generalization")
        // Files written before lastPage was kept still read.
        let old = #"{"lessons":{"neuron":{"pagesSeen":[0,1],"goalsMet":[]}},"lastLesson":"neuron","lastPage":1}"#
        let decoded = try JSONDecoder().decode(LessonProgress.self, from: Data(old.utf8))
        #expect(decoded.record(for: "neuron").lastPage == nil && decoded.record(for: "neuron").pagesSeen == [0, 1])
    }
}
