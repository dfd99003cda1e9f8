@testable import BackpropApp
@testable import BackpropData
import BackpropEngine
import BackpropLessons
import Foundation
import Testing

/// Home and `backprop lint` check every lab of every lesson before anything is shown. A word
/// lab is sized from the word list read once per process, and no lab's data is built just to
/// count its model's parameters.
@Suite struct WordLabCheckTests {
    /// A lesson of `labs` pages, each a word lab with its own `seq_len` and `limit`.
    static func manyWordLabs(_ labs: Int) -> String {
        var text = "---\nid: many-words\ntitle: Many word labs\nsummary: A word lab per page.\norder: 1\nminutes: 5\n---\n"
        for page in 0..<labs {
            text += "## Page \(page + 1)\n\nText.\n\n```lab\npreset: words-rnn\nsettings:\n  seq_len: \(8 + page)\n  limit: \(2000 + 100 * page)\n"
                + "  epochs: 1\nknobs: [lr]\nviews: [loss]\n```\n\n"
        }
        return text
    }

    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("word-labs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func fortyWordLabsReadTheWordListAtMostOnce() throws {
        guard FileManager.default.fileExists(atPath: WordList.path) else {
            skip("no word list at \(WordList.path)")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.manyWordLabs(LessonLimits.standard.labs).write(toFile: folder + "/01-many-words.md", atomically: true, encoding: .utf8)
        let readsBefore = WordListFiles.readCount(of: WordList.path)
        let reports = LessonLocations.library(for: [folder]).read(paths: [folder])
        #expect(reports.first?.problems.map(\.description) == [])
        #expect(reports.first?.labCount == 40)
        // Other tests in this process may have read it already; this file needs no more than one.
        #expect(WordListFiles.readCount(of: WordList.path) - readsBefore <= 1)
    }

    @Test func threadsAskingAtOnceReadAFileOnceAndAChangedFileAgain() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/words"
        try (0..<50).map { "word\($0)" }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for seed in 0..<8 { group.addTask { try WordList.load(path: path, seed: UInt64(seed)).trainWords.count } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sizes == Array(repeating: 45, count: 8))
        #expect(WordListFiles.readCount(of: path) == 1)
        try (0..<100).map { "other\($0)" }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try WordList.load(path: path, seed: 1).trainWords.allSatisfy { $0.hasPrefix("other") })
        #expect(WordListFiles.readCount(of: path) == 2)
    }

    /// A FIFO (or a directory) named as the word list is refused at once, not read for ever,
    /// and a missing file is named as missing.
    @Test func onlyARegularFileIsReadAsAWordList() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/words"
        try #require(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, folder] {
            do {
                _ = try WordList.load(path: path, seed: 1)
                Issue.record("\(path) was read as a word list")
            } catch {
                #expect("\(error)".contains("is not a regular file"), "\(error)")
            }
        }
        #expect(throws: DatasetError.missingFile(path: folder + "/none")) { try WordList.load(path: folder + "/none", seed: 1) }
    }

    /// The catalog sizes a sequence model from the task its data would have, without the data;
    /// it must be the task the loaded data really has, or the parameter count is wrong.
    @Test(arguments: Preset.all.filter { $0.configuration.dataset.isSequence }.map(\.name))
    func theSequenceTaskWithoutDataIsTheLoadedDatasTask(preset: String) throws {
        var configuration = try #require(Preset.named(preset)).configuration
        guard configuration.dataset != .words || FileManager.default.fileExists(atPath: WordList.path) else { return skip("no word list at \(WordList.path)") }
        try configuration.apply("limit=400")
        for length in [4, 20] {
            if configuration.dataset != .copy { try configuration.apply("seq_len=\(length)") }
            let loaded = try RunBuilder.loadData(configuration, seed: 0).split.train.task
            #expect(try AppLabCatalog.sequenceTask(configuration) == loaded, "\(preset), seq_len \(length)")
        }
    }

    @Test func aWordLabTooShortForItsSequencesFailsWithoutItsData() throws {
        guard FileManager.default.fileExists(atPath: WordList.path) else { return skip("no word list at \(WordList.path)") }
        var configuration = try #require(Preset.named("words-rnn")).configuration
        try configuration.apply("limit=10")
        try configuration.apply("seq_len=200")
        #expect(throws: DatasetError.self) { try AppLabCatalog.sequenceTask(configuration) }
        #expect(throws: DatasetError.self) { try RunBuilder.loadData(configuration, seed: 0) }
    }

    /// A lab asking for two million sequences of 256 digits has a small model: lint says so
    /// in a moment, without building the 4 GB of data (under a 1 GB limit it once crashed).
    @Test func lintBuildsNoDataForAHugeSyntheticLab() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backprop").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            skip("\(binary) missing")
            return
        }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lesson = "---\nid: huge\ntitle: Huge\nsummary: Two million sequences.\norder: 1\nminutes: 5\n---\n## Page\n\nText.\n\n"
            + "```lab\npreset: reverse-attention\nsettings:\n  limit: 2000000\n  seq_len: 256\nviews: [loss]\n```\n"
        try lesson.write(toFile: folder + "/01-huge.md", atomically: true, encoding: .utf8)
        let output = folder + "/lint.out"
        let status = try CommandLineTests.runShell("ulimit -v 1000000; '\(binary)' lint '\(folder)' > '\(output)' 2>&1")
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(printed.prefix(400))")
        #expect(printed.hasPrefix("OK: 1 lesson"), "\(printed.prefix(400))")
    }
}
