import ArgumentParser
import Foundation

/// `backprop playground`: the interactive Playground (also what `backprop` opens).
struct PlaygroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "playground", abstract: "Open the interactive Playground.")

    @Option(name: .customLong("set"), help: ArgumentHelp("Start from a changed setting, e.g. --set dataset=spiral.", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Seed for the data and the initial weights.")
    var seed: UInt64 = 1

    @Option(help: "Colour theme: dark, basic, mono or projector (high contrast).")
    var theme: String?

    func run() throws {
        var configuration = try BackpropApp.configuration(preset: "playground", settings: settings)
        if !settings.contains(where: { $0.hasPrefix("epochs=") }) { configuration.epochs = 1000 }
        let status = TerminalApp.runPlayground(configuration: configuration, seed: seed, themeName: theme)
        if status != 0 { throw ExitCode(status) }
    }
}
