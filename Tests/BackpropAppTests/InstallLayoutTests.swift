@testable import BackpropApp
import Foundation
import Testing

/// The program as `scripts/install` lays it out (`PREFIX/bin/backprop`, the course in
/// `PREFIX/share/backprop/lessons`, digits in `PREFIX/share/backprop/datasets`), run from `/`
/// with a bare environment, finds its lessons and data there and nowhere else.
@Suite struct InstallLayoutTests {
    static func run(_ program: String, _ arguments: [String], in folder: String = "/", environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func anInstalledProgramFindsItsCourseAndDigitsBesideItFromAnyFolder() throws {
        guard FileManager.default.isExecutableFile(atPath: QuitAnywhereTests.binary) else {
            skip("needs the built binary at \(QuitAnywhereTests.binary)")
            return
        }
        let prefix = try ClassroomSSHTests.Classroom.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let manager = FileManager.default
        for folder in ["bin", "share/backprop/lessons", "share/backprop/datasets"] {
            try manager.createDirectory(atPath: "\(prefix)/\(folder)", withIntermediateDirectories: true)
        }
        // Copied by cp, not in this process: a test on another thread that forks while this
        // process still holds the copy open for writing would keep it open, and running the
        // copy would then fail with "Text file busy".
        #expect(try Self.run("/bin/cp", [QuitAnywhereTests.binary, prefix + "/bin/backprop"], environment: [:]).status == 0)
        let repository = QuitAnywhereTests.repository
        for name in try manager.contentsOfDirectory(atPath: repository + "/lessons") where name.hasSuffix(".md") {
            try manager.copyItem(atPath: "\(repository)/lessons/\(name)", toPath: "\(prefix)/share/backprop/lessons/\(name)")
        }
        try manager.copyItem(atPath: repository + "/datasets/digits", toPath: prefix + "/share/backprop/datasets/digits")
        let bare = ["PATH": "/usr/bin:/bin", "HOME": prefix, "BACKPROP_DATA": prefix + "/no-data-root"]

        let listed = try Self.run(prefix + "/bin/backprop", ["lessons", "--json"], environment: bare)
        #expect(listed.status == 0, "\(listed.output)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]])
        #expect(entries.count == (try manager.contentsOfDirectory(atPath: repository + "/lessons").filter { $0.hasSuffix(".md") }.count))
        #expect(entries.allSatisfy { ($0["folder"] as? String) == prefix + "/share/backprop/lessons" && ($0["origin"] as? String) == "course" })

        let trained = try Self.run(prefix + "/bin/backprop", ["train", "digits-mlp", "--epochs", "1", "--json"], environment: bare)
        #expect(trained.status == 0, "the digits shipped beside the program are found: \(trained.output)")
        #expect(trained.output.contains("\"dataset\":\"digits\""))

        // A teacher's folder through the environment, and one that does not exist.
        let teacher = prefix + "/teacher"
        try manager.createDirectory(atPath: teacher, withIntermediateDirectories: true)
        let withTeacher = try Self.run(prefix + "/bin/backprop", ["lessons"], environment: bare.merging(["BACKPROP_LESSONS": teacher]) { $1 })
        #expect(withTeacher.status == 0)
        let missing = try Self.run(prefix + "/bin/backprop", ["lessons", "--lessons", prefix + "/nowhere"], environment: bare)
        #expect(missing.status == 2 && missing.output.contains("--lessons \(prefix)/nowhere: no such folder"))
    }
}
