import Foundation
import Testing

/// Lesson files are untrusted: outside the TUI their text reaches the terminal with control
/// characters escaped, and a lessons folder holding a FIFO never blocks.
@Suite struct HostileLessonTests {
    let command = CommandLineTests()

    func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "backprop-hostile-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func controlCharactersFromALessonAreEscaped() throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // An id that retitles the terminal (OSC 0 … BEL) and clears the screen (CSI 2J).
        let lesson = "---\nid: \"x\u{1B}]0;pwned\u{07}\u{1B}[2J\"\ntitle: T\nsummary: S\norder: 1\n---\n## A page\n\nText.\n"
        try lesson.write(toFile: folder + "/01-x.md", atomically: true, encoding: .utf8)
        for arguments in [["lint", folder], ["lint", "--claims", folder]] {
            let result = try command.backprop(arguments)
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(!result.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "raw control characters in \(result.output)")
            #expect(result.output.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"), "\(result.output)")
        }
    }

    @Test func aFIFONamedLikeALessonIsRefusedWithoutBlocking() throws {
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #require(mkfifo(folder + "/01-pipe.md", 0o644) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = ["lint", folder]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let blocked = process.isRunning
        if blocked { process.terminate() }
        process.waitUntilExit()
        #expect(!blocked, "lint blocked on the FIFO")
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("01-pipe.md:1: not a regular file"), "\(text)")
    }
}
