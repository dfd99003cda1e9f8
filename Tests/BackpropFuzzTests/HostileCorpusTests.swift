@testable import BackpropApp
@testable import BackpropData
import Foundation
import Testing

/// Every file in `Tests/hostile/` replayed through its fuzz target's property, so an input
/// that once broke a reader keeps being tried; each is named in its folder's README.
@Suite struct HostileCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("hostile").path

    static let targets: [String: FuzzTarget] = [
        "lessons": Fuzz.LessonFiles.target, "safetensors": Fuzz.SafetensorsReader.target,
        "idx": Fuzz.IDXReader.target, "keys": Fuzz.KeyDecoding.target,
    ]

    /// The corpus files of `kind`, by name.
    static func files(_ kind: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + kind)) ?? []).filter { $0 != "README.md" }.sorted()
    }

    /// Every corpus file as `kind/name`.
    static func allFiles() -> [String] {
        targets.keys.sorted().flatMap { kind in files(kind).map { "\(kind)/\($0)" } }
    }

    @Test(arguments: allFiles())
    func aHostileFileKeepsItsReadersProperty(_ file: String) throws {
        let kind = String(file.prefix { $0 != "/" })
        let input = try #require(FileManager.default.contents(atPath: Self.root + "/" + file))
        let outcome = try #require(Self.targets[kind]).check([UInt8](input))
        if case .broken(let why) = outcome { Issue.record("\(file): \(why)") }
    }

    @Test(arguments: targets.keys.sorted())
    func everyFileIsDescribedInItsReadme(_ kind: String) throws {
        let readme = try String(contentsOfFile: Self.root + "/" + kind + "/README.md", encoding: .utf8)
        let named = Set(readme.split(separator: "\n").compactMap { $0.split(separator: "`").dropFirst().first.map(String.init) })
        #expect(Self.files(kind).count >= 4, "\(kind) holds too few files")
        #expect(named == Set(Self.files(kind)), "\(kind)/README.md names \(named.sorted()); the folder holds \(Self.files(kind))")
    }

    /// Read from disk as `backprop lint` reads them (size and UTF-8 checks included), each
    /// hostile lesson is refused with problems at lines of the file, in seconds at most (the
    /// slowest once took 37 s; each now takes well under one).
    @Test(arguments: files("lessons"))
    func aHostileLessonIsRefusedWithProblemsInsideIt(_ name: String) throws {
        let path = Self.root + "/lessons/" + name
        let lineCount = try #require(FileManager.default.contents(atPath: path)).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        let start = Date()
        let report = Fuzz.LessonFiles.parser.read(file: path)
        #expect(Date().timeIntervalSince(start) < 5, "\(name) took \(Date().timeIntervalSince(start)) s")
        #expect(report.lesson == nil && !report.problems.isEmpty, "\(name) was accepted")
        for problem in report.problems {
            #expect(problem.file == path && (1...(lineCount + 1)).contains(problem.line), "\(problem)")
        }
    }

    /// In the role its name gives it, each hostile IDX file is refused with an error naming it.
    @Test(arguments: files("idx"))
    func aHostileIDXFileIsRefusedByName(_ name: String) {
        let path = Self.root + "/idx/" + name
        let magic = name.hasPrefix("images-") ? IDXFile.imagesMagic : IDXFile.labelsMagic
        #expect(throws: DatasetError.self) { _ = try IDXFile(path: path, expectedMagic: magic) }
        do { _ = try IDXFile(path: path, expectedMagic: magic) } catch {
            #expect(error.path == path, "\(error)")
        }
    }
}
