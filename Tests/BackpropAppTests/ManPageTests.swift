@testable import BackpropApp
import Foundation
import Testing

/// The manual page `scripts/install` installs names every command and every long option the
/// program has, so it cannot fall behind the command line unnoticed.
@Suite struct ManPageTests {
    static let page = QuitAnywhereTests.repository + "/docs/backprop.1"

    /// Every (command path, long option) of the command tree, as the argument parser has it.
    static func commandLine() throws -> (commands: [String], options: Set<String>) {
        let help = BackpropCommand.commandTreeDescription
        let json = try #require(try JSONSerialization.jsonObject(with: Data(help.utf8)) as? [String: Any])
        var commands: [String] = []
        var options: Set<String> = []
        func walk(_ command: [String: Any]) {
            if let name = command["commandName"] as? String { commands.append(name) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    if let text = name["name"] as? String { options.insert(text) }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(json["command"] as? [String: Any]))
        return (commands, options)
    }

    @Test func everyCommandAndLongOptionIsInTheManualPage() throws {
        // roff writes a dash in an option as \-.
        let text = try String(contentsOfFile: Self.page, encoding: .utf8).replacingOccurrences(of: "\\-", with: "-")
        let (commands, options) = try Self.commandLine()
        #expect(commands.contains("class") && options.contains("present") && options.contains("lessons"))
        for command in commands where command != "help" {
            // Each command is a tagged paragraph of COMMANDS (`.B train`), `.BI lesson " id"`, or `class watch`.
            #expect(text.contains("\n.B \(command)\n") || text.contains("\n.BI \(command) ") || text.contains(".B class \(command)\n")
                    || command == "backprop", "the manual page does not describe the command '\(command)'")
        }
        for option in options.sorted() {
            #expect(text.contains("--" + option), "the manual page does not name --\(option)")
        }
    }
}
