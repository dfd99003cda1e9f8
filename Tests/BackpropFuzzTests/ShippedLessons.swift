@testable import BackpropApp
import BackpropLessons
import Foundation

/// The lessons in `lessons/`, read once: the lesson fuzzer's seeds and the lessons the key
/// fuzzer types into.
enum ShippedLessons {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path

    /// Each file's name and bytes, in name order.
    static let files: [(name: String, bytes: [UInt8])] = {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        return names.compactMap { name in FileManager.default.contents(atPath: folder + "/" + name).map { (name, [UInt8]($0)) } }
    }()

    static let all: [Lesson] = LessonLocations.library(for: [folder]).read(paths: [folder]).compactMap(\.lesson)
}
