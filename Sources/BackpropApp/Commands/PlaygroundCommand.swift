import ArgumentParser
import Foundation

/// `backprop playground`: the interactive Playground. It is also the default subcommand,
/// so plain `backprop` (and `backprop --theme mono`) lands here too and opens Home first.
struct PlaygroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "playground", abstract: "Open the interactive Playground (without a subcommand: the Home screen).")

    @Option(name: .customLong("set"), help: ArgumentHelp("Start from a changed setting, e.g. --set dataset=spiral.", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Seed for the data and the initial weights.")
    var seed: UInt64 = 1

    @Option(help: "Colour theme: dark, basic, mono or projector (high contrast).")
    var theme: String?

    func run() throws {
        var configuration = try BackpropApp.configuration(preset: "playground", settings: settings)
        if !settings.contains(where: { $0.hasPrefix("epochs=") }) { configuration.epochs = 1000 }
        // As the Playground's knobs do: more than two classes train with softmax cross-entropy.
        if configuration.classes > 2 && !settings.contains(where: { $0.hasPrefix("loss=") }) { configuration.loss = .crossEntropy }
        let status = TerminalApp.run(start: Self.namedOnCommandLine ? .playground : .home,
                                     configuration: configuration, seed: seed, themeName: theme)
        if status != 0 { throw ExitCode(status) }
    }

    /// Whether the user typed `playground` (rather than reaching it as the default subcommand).
    static var namedOnCommandLine: Bool {
        CommandLine.arguments.dropFirst().first == configuration.commandName
    }
}
