import ArgumentParser
import Foundation

/// `backprop`: the command line. With no subcommand it opens the terminal UI.
public struct BackpropCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "Learn deep learning in a terminal, on a real training engine.",
        subcommands: [
            HomeCommand.self, PlaygroundCommand.self, LessonCommand.self, TrainCommand.self, CompareCommand.self, EvalCommand.self, ExportCommand.self, PresetsCommand.self, LessonsCommand.self,
            LintCommand.self, ClassCommand.self,
            BenchCommand.self, ParityCommand.self,
        ],
        defaultSubcommand: HomeCommand.self)

    public init() {}

    /// Every command and option as JSON, as the argument parser describes them (the manual
    /// page's test checks that the page names each).
    static var commandTreeDescription: String { _dumpHelp() }

    /// Runs the command line. The argument parser's own usage errors (a missing value, a
    /// non-number where a number goes) exit 2 like every other usage error here, not 64.
    public static func runWithUsageStatus() {
        do {
            var command = try parseAsRoot(negativeNumbersFixed(CommandLine.arguments.dropFirst()))
            try command.run()
            // Output that never arrived (a full disk, a closed pipe) is a failure, not exit 0.
            if fflush(nil) != 0 {
                printToStandardError("backprop: could not write the output: \(String(cString: strerror(errno)))")
                Foundation.exit(1)
            }
        } catch {
            if exitCode(for: error).rawValue == 64 {
                printToStandardError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `--epochs -3` as `--epochs=-3`: the argument parser reads a value that starts with a dash
/// after a space as another option and says "Missing value", hiding the real error (a
/// negative count). Joined to its option, the value reaches the command, which names it.
func negativeNumbersFixed<Arguments: Collection<String>>(_ arguments: Arguments) -> [String] {
    var fixed: [String] = []
    for argument in arguments {
        if let last = fixed.last, last.hasPrefix("--"), !last.contains("="), argument.hasPrefix("-"), Double(argument) != nil {
            fixed[fixed.count - 1] = last + "=" + argument
        } else {
            fixed.append(argument)
        }
    }
    return fixed
}

/// Reports a usage problem on stderr and exits with status 2 (the CLI contract).
func failUsage(_ message: String) -> ExitCode {
    // Messages quote lesson ids, file names and values: their control characters are escaped.
    printToStandardError("backprop: " + TerminalText.escaped(message))
    return ExitCode(2)
}

/// Builds a configuration from a preset name and `--set` assignments, or exits 2 naming the problem.
func configuration(preset name: String, settings: [String]) throws -> RunConfiguration {
    do { return try checkedConfiguration(preset: name, settings: settings) } catch { throw failUsage(error.description) }
}

/// The configuration of a preset with `settings` applied, or the problem in words: an unknown
/// preset, key or value, or a key that would change nothing (refused rather than ignored).
func checkedConfiguration(preset name: String, settings: [String]) throws(SettingError) -> RunConfiguration {
    guard let preset = Preset.named(name) else {
        throw SettingError("unknown preset '\(name)'; available presets: \((Preset.all.map(\.name) + GANPreset.all.map(\.name)).joined(separator: ", "))")
    }
    var configuration = preset.configuration
    for assignment in settings { try configuration.apply(assignment) }
    try configuration.validate()
    for assignment in settings {
        let name = String(assignment.prefix { $0 != "=" })
        if let key = SettingKey(rawValue: name), let scope = key.irrelevance(for: configuration) {
            throw SettingError("key '\(name)' has no effect on preset '\(preset.name)' with dataset '\(configuration.dataset.name)'; it applies to \(scope)")
        }
    }
    return configuration
}
