import BackpropLessons
import Foundation
import Testing

/// Lesson files written to hurt: each is refused quickly, with a message and a line.
@Suite struct HostileLessonTests {
    let file = "lessons/01-first-steps.md"

    /// The classic "billion laughs": nine levels of nine aliases.
    @Test func aliasBombRefusedQuickly() {
        var yaml = "preset: xor\nviews: [loss]\nhints:\n  - &a \"lol\"\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            yaml += "  - &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        let contents = goodLesson.replacingOccurrences(of: "## What changed", with: "## Bomb\n\n```lab\n\(yaml)```\n\n## What changed")
        let start = Date()
        let found = problems(in: contents)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(found == [
            "\(file):35: YAML anchors and aliases (&name, *name) are not allowed in lessons; quote text that starts with &",
        ])
    }

    @Test func aliasWithoutAnchorIsAnError() {
        #expect(problems(in: goodLesson(replacingLine: 13, with: "preset: *xor")).first?.hasPrefix("\(file):13: YAML: found undefined alias") == true)
    }

    @Test func ampersandInsideWordsIsFine() {
        #expect(problems(in: goodLesson(replacingLine: 25, with: "  - R&D and Q & A")) == [])
    }

    @Test func deepFlowNestingRefused() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        let found = problems(in: goodLesson(replacingLine: 25, with: "  - \(deep)"))
        #expect(found == ["\(file):25: YAML: nested far too deeply"])
    }

    @Test func nestingBeyondTheLimitRefused() {
        let found = problems(in: goodLesson(replacingLine: 25, with: "  - [[[[[[x]]]]]]"))
        #expect(found == ["\(file):25: YAML nested more than 6 levels deep"])
    }

    @Test func hugeFileRefused() {
        let contents = goodLesson + "\n" + String(repeating: "All work and no play. ", count: 20_000)
        let start = Date()
        #expect(problems(in: contents) == ["\(file):1: the file is larger than 256 KiB, the most a lesson may be"])
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func hugeFileOnDiskIsNotReadWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("01-first-steps.md").path
        try Data(count: 50 * 1024 * 1024).write(to: URL(fileURLWithPath: path))
        let report = testParser().read(file: path)
        #expect(report.problems.map(\.message) == ["the file is larger than 256 KiB, the most a lesson may be"])
    }

    @Test func hugeLabBlockRefused() {
        let hints = (0..<2000).map { "  - hint number \($0)" }.joined(separator: "\n")
        let found = problems(in: goodLesson(replacingLine: 25, with: hints))
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("\(file):13: YAML block is 4") == true)
        #expect(found.first?.hasSuffix("bytes; at most 16384 are allowed") == true)
    }

    @Test func tooManyPages() {
        let contents = goodLesson + (0..<45).map { "\n\n## Page \($0)\n\nText." }.joined()
        // The lesson has two pages; the 41st heading is the 39th one added.
        #expect(problems(in: contents) == ["\(file):\(33 + 38 * 4): more than 40 pages; split the lesson"])
    }

    @Test func deeplyNestedQuotesRefused() {
        let contents = goodLesson + "\n\n" + String(repeating: "> ", count: 100_000) + "deep\n"
        #expect(problems(in: contents) == ["\(file):33: Markdown nested more than 16 levels deep (quotes, lists or emphasis)"])
    }

    @Test func deeplyNestedEmphasisRefused() {
        let contents = goodLesson + "\n\n" + String(repeating: "*a ", count: 30_000) + "x" + String(repeating: " b*", count: 30_000) + "\n"
        #expect(problems(in: contents) == ["\(file):33: Markdown nested more than 16 levels deep (quotes, lists or emphasis)"])
    }

    @Test func deepMarkdownStillRendersWithoutCrashing() {
        let lines = MarkdownDocument(markdown: String(repeating: "> ", count: 100_000) + "deep").lines(width: 40)
        #expect(lines.allSatisfy { $0.text.count <= 40 })
    }

    @Test func garbageGivesAShortReport() {
        let contents = goodLesson + (0..<200).map { "\n\n## P\($0)\n\n```lab\npreset: nope\nviews: [loss]\n```" }.joined()
        var limits = LessonLimits.standard
        limits.pages = 500
        limits.labs = 500
        let found = problems(in: contents, limits: limits)
        #expect(found.count == 51)
        #expect(found.last?.hasSuffix("more problems not shown") == true)
    }

    /// Found by the lesson fuzzer: the YAML parser's mark at the end of a block lay past the
    /// end of the file when the block was not closed.
    @Test func aBlockCutShortAtTheEndNamesItsLastLine() {
        let contents = "---\nid: first-steps\ntitle: T\nsummary: S\norder: 1\n---\n## A page\n\n```lab\npreset: xor\nviews: {loss\n"
        #expect(problems(in: contents) == ["\(file):11: YAML: did not find expected ',' or '}' while parsing a flow mapping"])
    }

    /// Found by the lesson fuzzer: Markdown counted lone carriage returns as line ends, so
    /// every later problem named a line the author's editor does not show.
    @Test func aLoneCarriageReturnIsRefusedAtItsLine() {
        #expect(problems(in: goodLesson(replacingLine: 10, with: "A neuron adds\rits inputs.")) == [
            "\(file):10: a carriage return without a line feed after it (an old Mac line end); save the file with \\n or \\r\\n line ends",
        ])
        #expect(problems(in: goodLesson.replacingOccurrences(of: "\n", with: "\r\n")) == [], "CRLF line ends are fine")
    }

    /// YAML counts U+0085, U+2028 and U+2029 as line ends, so lines after one were misreported.
    @Test func aLineSeparatorInsideYAMLIsRefusedAtItsLine() {
        #expect(problems(in: goodLesson(replacingLine: 25, with: "  - \"a\u{2028}b\"")) == [
            "\(file):25: U+2028 (LINE SEPARATOR) inside YAML, which reads it as a line end; write it as \\L inside double quotes",
        ])
        #expect(problems(in: goodLesson(replacingLine: 25, with: "  - \"a\\Lb\\u2029c\"")) == [], "escaped, they are fine")
        #expect(problems(in: goodLesson(replacingLine: 10, with: "Markdown\u{2028}text")) == [], "Markdown does not read them as line ends")
    }

    @Test func codeTagsAreNotExecuted() {
        let found = problems(in: goodLesson(replacingLine: 13, with: "preset: !!python/object/apply:os.system [\"rm -rf /\"]"))
        #expect(found.first?.hasPrefix("\(file):13: 'preset' must be a single value") == true)
    }
}
